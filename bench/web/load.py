"""The load generator: N connections, each with its own share of the users, drawing
operations from the mix until the time is up."""

import asyncio
import random
import time

from bench.web.client import Connection
from bench.web.mix import MixPicker
from bench.web.scenario import AppSpec, VirtualUser, run_operation, sign_in
from bench.web.stats import Sample

HOST = "127.0.0.1"


def shares(users: list, connections: int) -> list[list]:
    """Users dealt over the connections; one user is never on two connections, so its
    writes happen one after the other."""
    return [users[i::connections] for i in range(min(connections, len(users)))]


async def sign_in_all(app: AppSpec, users: list[VirtualUser], parallel: int = 4) -> None:
    async def worker(mine):
        conn = Connection(HOST, app.port, timeout=60)
        try:
            for user in mine:
                await sign_in(conn, app, user)
        finally:
            await conn.close()

    await asyncio.gather(*(worker(mine) for mine in shares(users, parallel)))


async def drive(app: AppSpec, users: list[VirtualUser], *, seconds: float, connections: int,
                seed: int, terms: tuple[str, ...]) -> tuple[list[Sample], float]:
    """Load for `seconds`; returns the samples and the wall time from the first request
    to the last answer (operations started before the end are finished and counted)."""
    samples: list[Sample] = []
    started = time.perf_counter()
    deadline = started + seconds

    async def worker(index: int, mine: list[VirtualUser]):
        rng = random.Random(seed * 1000 + index)
        picker = MixPicker(rng)
        conn = Connection(HOST, app.port)
        try:
            while time.perf_counter() < deadline:
                user = rng.choice(mine)
                samples.append(await run_operation(picker.pick(), conn, app, user, rng, terms))
        finally:
            await conn.close()

    await asyncio.gather(*(worker(i, mine) for i, mine in enumerate(shares(users, connections))))
    return samples, time.perf_counter() - started

"""Hand database rows to Celery after commit, and let beat sweep up what the broker missed.

Generic on purpose: a side effect (an e-mail here; webhooks and task starts later) is a
row written in the transaction of the change; its id is handed to a Celery task once the
transaction commits. When the broker is unreachable the hand-over is logged and dropped,
never raised into the request: the row stays due and the beat sweeper hands it over
later. The task must therefore be safe to run twice (claim the row before acting).
"""

import logging
import random
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

BROKER_UNREACHABLE = (OperationalError, RedisConnectionError, RedisTimeoutError, OSError)
# Fail fast when the broker is down: the sweeper retries, the request must not wait.
PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2,
                 "interval_max": 0.2}


def hand_over(task: Task, pk, *, countdown: int | None = None) -> bool:
    """Queue `task(pk)` now; False (logged) when the broker could not take it."""
    try:
        task.apply_async((pk,), countdown=countdown, retry_policy=PUBLISH_RETRY)
    except BROKER_UNREACHABLE as error:
        logger.warning("broker unreachable, %s(%s) left for the sweeper: %s", task.name, pk,
                       error)
        return False
    except Exception:
        # The row is the source of truth: whatever went wrong, the sweeper tries again.
        logger.exception("could not queue %s(%s); left for the sweeper", task.name, pk)
        return False
    return True


_held: ContextVar[frozenset[str]] = ContextVar("relay_held", default=frozenset())


@contextmanager
def holding(*tasks: Task):
    """Write the rows but hand none of these tasks' rows over (bulk loads such as the
    demo): they stay due, for the beat sweeper."""
    token = _held.set(_held.get() | {task.name for task in tasks})
    try:
        yield
    finally:
        _held.reset(token)


def relay_after_commit(task: Task, pk, *, countdown: int | None = None) -> None:
    """Hand the row over once the current transaction commits (at once outside one)."""
    if task.name in _held.get():
        return
    transaction.on_commit(partial(hand_over, task, pk, countdown=countdown), robust=True)


def sweep(task: Task, pks) -> int:
    """Hand over rows the periodic sweeper found due; returns how many were queued. Stops
    at the first refusal: with the broker down, the next sweep tries again."""
    queued = 0
    for pk in pks:
        if not hand_over(task, pk):
            break
        queued += 1
    return queued


def backoff(failures: int, *, base: int, cap: int, wait: int = 0) -> int:
    """Seconds before the next try after `failures` failed attempts (1, 2, ...): doubling
    from `base` up to `cap`, with up to 10 % jitter, and never less than `wait` (a
    receiver's Retry-After)."""
    delay = min(cap, base * 2 ** (failures - 1))
    return min(cap, max(wait, delay + random.randint(0, delay // 10)))

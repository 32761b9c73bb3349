"""The web load benchmark's pieces that run without the servers: the mix, the figures,
the verdicts, the HTTP client and the booking round trip against a small fake app."""

import asyncio
import dataclasses
import math
import random
import re
from collections import Counter
from urllib.parse import parse_qs

import pytest

from bench.web import report, run
from bench.web.client import Connection, CookieJar, HttpError
from bench.web.databases import database_url
from bench.web.load import shares
from bench.web.mix import MIX, MixPicker
from bench.web.scenario import BARE, PRODUCT, VirtualUser, booking, run_operation
from bench.web.stats import Sample, percentile, summarize, verdicts


def test_mix_picker_draws_each_operation_in_its_share():
    picker = MixPicker(random.Random(7))
    drawn = Counter(picker.pick() for _ in range(20_000))
    for name, share in MIX:
        assert drawn[name] / 20_000 == pytest.approx(share / 100, abs=0.015), name


def test_mix_picker_repeats_itself_for_a_seed():
    a, b, c = (MixPicker(random.Random(seed)) for seed in (3, 3, 4))
    drawn = [a.pick() for _ in range(200)]
    assert drawn == [b.pick() for _ in range(200)]
    assert drawn != [c.pick() for _ in range(200)]


def test_percentile_is_the_nearest_rank():
    values = list(range(100, 0, -1))  # 100 .. 1, unsorted on purpose
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile(values, 99) == 99
    assert percentile(values, 100) == 100
    assert percentile([4.0, 1.0, 3.0], 50) == 3.0
    assert percentile([8.0], 99) == 8.0
    assert math.isnan(percentile([], 95))
    with pytest.raises(ValueError):
        percentile([1.0], 0)


def test_summary_counts_requests_errors_and_throughput():
    samples = [Sample("booking", 0.2, True, 2), Sample("booking", 0.4, False, 1, "409"),
               Sample("booking", 0.1, True, 2)]
    row = summarize("booking", samples, wall_seconds=2.0)
    assert (row.operations, row.requests, row.errors) == (3, 5, 1)
    assert row.ops_per_second == 1.5 and row.requests_per_second == 2.5
    assert row.p50_ms == pytest.approx(200) and row.p99_ms == pytest.approx(400)


def _overall(rps: float, p95: float, errors: int = 0):
    samples = [Sample("agenda", p95 / 1000, True)] * 20 + [Sample("agenda", 0.0, False)] * errors
    row = summarize("all", samples, wall_seconds=1.0)
    return dataclasses.replace(row, requests_per_second=rps)


def test_verdicts_apply_the_issue_targets_at_their_edges():
    passed = verdicts(_overall(60, 100), _overall(100, 50.1))
    assert [v.word for v in passed] == ["PASS", "PASS", "PASS"]
    missed = verdicts(_overall(59.9, 100, errors=1), _overall(100, 50))
    assert [v.word for v in missed] == ["MISS", "MISS", "MISS"]


def test_cookie_jar_keeps_and_forgets_cookies():
    jar = CookieJar()
    jar.set("sessionid=abc; HttpOnly; Path=/; SameSite=Lax")
    jar.set("messages=xyz; Path=/")
    jar.set('messages=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/')
    assert jar.cookies == {"sessionid": "abc"}
    assert jar.header() == "sessionid=abc"


def test_cancel_links_are_found_on_either_apps_agenda():
    page = ('<form action="/portal/meetings/17/cancel/"></form>'
            '<a href="/portal/meetings/9/move/">move</a><form action="/portal/meetings/5/cancel/">')
    assert PRODUCT.cancel_ids(page) == {17, 5}
    assert BARE.cancel_ids('<form action="/meetings/3/cancel/">') == {3}


def test_users_are_dealt_over_connections_once_each():
    users = list(range(10))
    dealt = shares(users, 4)
    assert len(dealt) == 4
    assert sorted(u for share in dealt for u in share) == users
    assert shares(users[:2], 16) == [[0], [1]]


def test_product_env_takes_no_setting_from_the_callers_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://elsewhere/other")
    monkeypatch.setenv("EMAIL_URL", "smtp://real.example.com")
    args = run.parse_args(["--workdir", str(tmp_path)])
    env = run.product_env(args, "postgres://postgres@127.0.0.1:5432/mm_x", serving=True)
    assert env["DATABASE_URL"].endswith("/mm_x")
    assert env["EMAIL_URL"] == "consolemail://"
    assert env["DEBUG"] == "false" and env["CONN_MAX_AGE"] == "60"
    assert env["CACHE_URL"] != env["REDIS_URL"]
    assert "BARE_DATABASE_URL" not in env


class FakeApp:
    """Enough of the bare app's booking pages to play the round trip: one company, its
    meetings, cancel and book; `refuse_booking` answers a booking with 409."""

    def __init__(self):
        self.meetings = {11: 3, 12: 4}  # meeting id -> slot
        self.next_id = 100
        self.refuse_booking = False
        self.flash = ""

    async def handle(self, reader, writer):
        head = (await reader.readuntil(b"\r\n\r\n")).decode()
        method, path, _version = head.split("\r\n")[0].split(" ")
        length = re.search(r"Content-Length: (\d+)", head)
        form = parse_qs((await reader.readexactly(int(length[1]))).decode()) if length else {}
        status, location, body = self.answer(method, path, form)
        extra = f"Location: {location}\r\n" if location else ""
        writer.write((f"HTTP/1.1 {status} X\r\n{extra}Content-Length: {len(body)}\r\n"
                      "Connection: close\r\n\r\n").encode() + body)
        await writer.drain()
        writer.close()

    def answer(self, method, path, form):
        if method == "POST" and (found := re.fullmatch(r"/meetings/(\d+)/cancel/", path)):
            self.meetings.pop(int(found[1]))
            self.flash = BARE.cancelled_mark
            return 302, BARE.agenda, b""
        if method == "POST" and re.fullmatch(r"/requests/\d+/book/", path):
            if self.refuse_booking:
                return 409, "", b"taken"
            self.meetings[self.next_id] = int(form["slot"][0])
            self.next_id += 1
            self.flash = BARE.booked_mark
            return 302, BARE.agenda, b""
        links = "".join(f'<form action="/meetings/{m}/cancel/">' for m in self.meetings)
        page = f"{BARE.agenda_mark} {self.flash} {links}"
        self.flash = ""
        return 200, "", page.encode()


async def _serve(fake: FakeApp, play):
    server = await asyncio.start_server(fake.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        return await play(Connection("127.0.0.1", port, timeout=5), port)
    finally:
        server.close()
        await server.wait_closed()


def _user():
    return VirtualUser(email="a@b.test", password="x", api_key="k", request=7, meeting=11,
                       slot=3, others={12})


def test_booking_cancels_then_books_again_and_learns_the_new_meeting():
    user = _user()

    async def play(conn, port):
        app = dataclasses.replace(BARE, port=port)
        cancelled = await booking(conn, app, user, random.Random(1))
        state = (user.booked, dict(fake.meetings))
        booked = await booking(conn, app, user, random.Random(1))
        return cancelled, state, booked

    fake = FakeApp()
    cancelled, after_cancel, booked = asyncio.run(_serve(fake, play))
    assert (cancelled, booked) == (2, 2)  # each: the POST and the agenda it redirects to
    assert after_cancel == (False, {12: 4})
    assert fake.meetings == {12: 4, 100: 3}  # booked again into the slot it had
    assert (user.booked, user.meeting) == (True, 100)


def test_a_refused_booking_is_an_error_and_the_user_state_follows_the_agenda():
    user = _user()
    user.booked, user.meeting = False, 0
    fake = FakeApp()
    fake.meetings, fake.refuse_booking = {12: 4}, True

    async def play(conn, port):
        app = dataclasses.replace(BARE, port=port)
        return await run_operation("booking", conn, app, user, random.Random(1), ())

    sample = asyncio.run(_serve(fake, play))
    assert not sample.ok and "409" in sample.detail
    assert user.booked is False and fake.meetings == {12: 4}


def test_client_reports_a_closed_port_as_an_http_error():
    async def play():
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        with pytest.raises(HttpError):
            await Connection("127.0.0.1", port, timeout=2).request("GET", "/")

    asyncio.run(play())


def test_table_puts_the_ratios_on_the_product_row_of_each_endpoint():
    product = [summarize("agenda", [Sample("agenda", 0.2, True)] * 10, 2.0)]
    bare = [summarize("agenda", [Sample("agenda", 0.1, True)] * 20, 2.0)]
    [mine, theirs] = report.rows(product, bare)
    assert mine[:2] == ["agenda", "product"] and theirs[:2] == ["", "bare"]
    assert (mine[-2], mine[-1]) == ("0.50", "2.00")
    assert (theirs[-2], theirs[-1]) == ("", "")
    assert "| agenda | product | 5.0 | 5.0 |" in report.markdown_table([mine, theirs])


def test_databases_are_named_after_the_products():
    names = run.Names.from_url("postgres://postgres@127.0.0.1:5432/mm_webbench")
    assert (names.product, names.product_seed, names.bare, names.bare_seed) == (
        "mm_webbench", "mm_webbench_seed", "mm_webbench_bare", "mm_webbench_bare_seed")
    assert database_url("postgres://u@h:5432/mm_webbench", "postgres") == "postgres://u@h:5432/postgres"


def test_every_setting_of_env_example_is_withheld_from_the_servers(monkeypatch):
    names = run.setting_names()
    assert {"DATABASE_URL", "CACHE_URL", "REDIS_URL", "DEBUG", "CONN_MAX_AGE"} <= names
    monkeypatch.setenv("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", "true")
    assert "WEBHOOK_ALLOW_PRIVATE_ADDRESSES" not in run.clean_env()

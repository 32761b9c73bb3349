"""What a simulated company user does on either app: sign in, read its agenda, search the
directory, list the API's directory with its key, and book / cancel its own meeting.
Every answer is checked: a wrong status or missing content is an error."""

import json
import re
import time
from dataclasses import dataclass, field

from bench.web.client import Connection, CookieJar, HttpError
from bench.web.stats import Sample


@dataclass(frozen=True)
class AppSpec:
    """Where an app keeps its pages, and what they say when they worked."""

    name: str
    port: int
    login: str
    agenda: str
    directory: str
    api_list: str
    book: str  # format with request=
    cancel: str  # format with meeting=
    health: str = "/healthz"
    agenda_mark: str = "Your agenda"
    directory_mark: str = "Directory of participants"
    booked_mark: str = "Your meeting is booked"
    cancelled_mark: str = "The meeting is cancelled"

    def cancel_ids(self, page: str) -> set[int]:
        pattern = re.escape(self.cancel).replace(r"\{meeting\}", r"(\d+)")
        return {int(found) for found in re.findall(pattern, page)}


PRODUCT = AppSpec(
    name="product", port=8101, health="/readyz", login="/accounts/login/", agenda="/portal/agenda/",
    directory="/portal/directory/", api_list="/api/v1/enterprises/",
    book="/portal/requests/{request}/book/", cancel="/portal/meetings/{meeting}/cancel/",
)
BARE = AppSpec(
    name="bare", port=8102, login="/login/", agenda="/agenda/", directory="/directory/",
    api_list="/api/companies/", book="/requests/{request}/book/",
    cancel="/meetings/{meeting}/cancel/",
)


class Wrong(Exception):
    """An answer that is not what a working app gives."""


@dataclass
class VirtualUser:
    email: str
    password: str
    api_key: str
    request: int  # the accepted request this user books and cancels
    meeting: int  # its live meeting, while booked
    slot: int  # where it is booked again
    jar: CookieJar = field(default_factory=CookieJar)
    booked: bool = True
    others: set[int] = field(default_factory=set)  # the company's other live meetings

    def csrf(self) -> dict:
        return {"X-CSRFToken": self.jar.cookies.get("csrftoken", "")}


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise Wrong(message)


async def sign_in(conn: Connection, app: AppSpec, user: VirtualUser) -> None:
    """Sign in through the login form and learn the company's live meetings."""
    page = await conn.request("GET", app.login, jar=user.jar)
    expect(page.status == 200 and "csrftoken" in user.jar.cookies,
           f"login page: {page.status}")
    answer = await conn.request("POST", app.login, jar=user.jar, headers=user.csrf(),
                                form={"username": user.email, "password": user.password})
    expect(answer.status == 302 and "sessionid" in user.jar.cookies,
           f"sign-in of {user.email}: {answer.status}")
    agenda = await conn.request("GET", app.agenda, jar=user.jar)
    expect(agenda.status == 200, f"first agenda: {agenda.status}")
    ids = app.cancel_ids(agenda.text())
    expect(user.meeting in ids, f"{user.email}: meeting {user.meeting} not on the agenda")
    user.others = ids - {user.meeting}


async def agenda(conn, app, user, rng) -> int:
    page = await conn.request("GET", app.agenda, jar=user.jar)
    text = page.text()
    expect(page.status == 200 and app.agenda_mark in text, f"agenda: {page.status}")
    if user.booked:
        expect(app.cancel.format(meeting=user.meeting) in text,
               f"agenda without meeting {user.meeting}")
    return 1


async def directory(conn, app, user, rng, terms=()) -> int:
    path = app.directory
    if terms and rng.random() < 0.5:
        path += f"?q={rng.choice(terms)}"
    page = await conn.request("GET", path, jar=user.jar)
    expect(page.status == 200 and app.directory_mark in page.text(), f"directory: {page.status}")
    return 1


async def api_list(conn, app, user, rng) -> int:
    answer = await conn.request("GET", app.api_list, headers={
        "Authorization": f"Bearer {user.api_key}", "Accept": "application/json"})
    expect(answer.status == 200, f"api list: {answer.status} {answer.body[:120]!r}")
    results = json.loads(answer.body).get("results")
    expect(isinstance(results, list) and results, "api list: no results")
    return 1


async def booking(conn, app, user, rng) -> int:
    """Cancel the user's meeting, or book its request again into the slot it had; then
    the agenda the app redirects to, as a browser follows it."""
    if user.booked:
        path = app.cancel.format(meeting=user.meeting)
        form, mark = {"reason": "load test"}, app.cancelled_mark
    else:
        path = app.book.format(request=user.request)
        form, mark = {"slot": str(user.slot)}, app.booked_mark
    answer = await conn.request("POST", path, jar=user.jar, headers=user.csrf(), form=form)
    expect(answer.status == 302 and answer.header("location").endswith(app.agenda),
           f"booking POST {path}: {answer.status} {answer.body[:200]!r}")
    page = await conn.request("GET", app.agenda, jar=user.jar)
    text = page.text()
    expect(page.status == 200 and mark in text, f"after booking: {page.status}, no message")
    found = app.cancel_ids(text) - user.others
    if user.booked:
        expect(not found, f"meeting {user.meeting} still on the agenda after cancelling")
        user.booked = False
    else:
        expect(len(found) == 1, f"booked meeting not found on the agenda: {sorted(found)}")
        user.meeting, user.booked = found.pop(), True
    return 2


async def resync(conn, app, user) -> None:
    """After a failed write: read the agenda to learn whether the meeting is live."""
    try:
        page = await conn.request("GET", app.agenda, jar=user.jar)
    except HttpError:
        return
    found = app.cancel_ids(page.text()) - user.others
    user.booked = bool(found)
    if found:
        user.meeting = max(found)


OPERATIONS = {"agenda": agenda, "directory": directory, "api list": api_list,
              "booking": booking}


async def run_operation(name: str, conn: Connection, app: AppSpec, user: VirtualUser, rng,
                        terms: tuple[str, ...]) -> Sample:
    operation = OPERATIONS[name]
    extra = {"terms": terms} if name == "directory" else {}
    started = time.perf_counter()
    try:
        requests = await operation(conn, app, user, rng, **extra)
    except (HttpError, Wrong, ValueError) as error:
        elapsed = time.perf_counter() - started
        if name == "booking":
            await resync(conn, app, user)
        return Sample(name, elapsed, False, 1, str(error)[:300])
    return Sample(name, time.perf_counter() - started, True, requests)

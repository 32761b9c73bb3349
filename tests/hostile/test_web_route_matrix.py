"""The authorization matrix of every web route outside /api/ (which has its own matrix).

The test walks Django's URL resolver. Every route must have a class in ROUTES (or be an
admin route, which is staff only); a route it cannot classify fails the test, so a new
page, partial, download or form is classified by whoever adds it. Each route is filled
with the ids and tokens of enterprise A's data and requested with GET and POST by every
kind of visitor. Nobody but A's own users and staff may see A's private words (a request's
message, a thread's message, an outcome's notes, a delegate's e-mail), whatever the
status; anonymous visitors are sent to a login page; other companies get 403/404 for A's
objects; on-site and admin pages are for staff.
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import ORGANIZERS, REVIEWERS
from matchmaking.messaging.services import open_thread, post_message
from matchmaking.services import booking
from matchmaking.services import requests as svc
from matchmaking.services.outcomes import record_meeting_outcome
from tests.factories import (
    CompanyUserFactory,
    ConferenceFactory,
    DelegateFactory,
    StaffFactory,
    SupplierFactory,
    approved,
    slots,
    took_place,
)

pytestmark = pytest.mark.django_db

PRIVATE = ["PRIVATE-REQUEST-NOTE-7f3a", "PRIVATE-THREAD-NOTE-91c2",
           "PRIVATE-OUTCOME-NOTE-5d0e", "private.delegate.c4b1@owner.test"]
VISITORS = ["anonymous", "owner", "other_company", "other_conference", "organizer",
            "reviewer"]
COMPANIES = {"owner", "other_company", "other_conference"}
STAFF = {"organizer", "reviewer"}
DENIED = {403, 404, 405}  # 405: a POST-only route refuses GET before reading anything

# Classes: public (anyone), anonymous (login and token pages anyone may open), company
# (a signed-in company user's own pages), owner (one of A's objects), counterpart (A as
# the other side: a directory target B may ask to meet), staff (organizers/reviewers).
ROUTES = {
    "healthz": "public", "readyz": "public", "set_language": "public", "home": "public",
    "accounts:login": "anonymous", "accounts:logout": "anonymous",
    "accounts:password_reset": "anonymous", "accounts:password_reset_done": "anonymous",
    "accounts:password_reset_confirm": "anonymous",
    "accounts:password_reset_complete": "anonymous",
    "accounts:profile": "company",
    "privacy:notice": "public", "privacy:accept": "company", "privacy:download": "company",
    "privacy:erasure": "company",
    "messaging:index": "company", "messaging:start": "counterpart",
    "messaging:thread": "owner",
    "portal:dashboard": "company", "portal:switch_conference": "company",
    "portal:directory": "company", "portal:shortlist": "counterpart",
    "portal:recommendations": "company", "portal:requests": "company",
    "portal:send_request": "counterpart", "portal:accept_request": "owner",
    "portal:decline_request": "owner", "portal:withdraw_request": "owner",
    "portal:book": "owner", "portal:move": "owner", "portal:cancel": "owner",
    "portal:online_link": "owner", "portal:outcome": "owner",
    "portal:availability": "company", "portal:agenda": "company",
    "portal:agenda_ics": "company", "portal:agenda_pdf": "company",
    "portal:agenda_feed": "anonymous", "portal:agenda_feed_token": "company",
    "portal:check_in": "anonymous",
    "onboarding:accept": "anonymous", "onboarding:confirm": "anonymous",
    "onboarding:apply": "public", "onboarding:answer": "owner",
    "evidence_download": "staff",
    "onsite:desk": "staff", "onsite:code": "staff", "onsite:mark_attendance": "owner",
    "onsite:grid": "staff", "onsite:board": "staff", "onsite:cell": "staff",
    "onsite:grid_book": "staff", "onsite:grid_walk_in": "staff", "onsite:grid_move": "staff",
    "onsite:grid_swap": "staff", "onsite:grid_cancel": "staff",
    "onsite:grid_attendance": "staff",
    "exhibition:directory": "company",
}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: URLPattern


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner)
        elif entry.name:
            yield Route(f"{namespace}{entry.name}", entry)


def web_routes() -> list[Route]:
    """Every named route but the API's (tests/api/test_authorization_matrix.py)."""
    return [r for r in walk(get_resolver().url_patterns) if not r.name.startswith("api:")]


@pytest.fixture
def world(conference, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    conference.status = "scheduled"
    conference.save()
    (slot,) = slots(conference, 1)
    owner = approved(conference).enterprise
    DelegateFactory(enterprise=owner, email=PRIVATE[3])
    seller = approved(conference, SupplierFactory()).enterprise
    other = approved(conference).enterprise
    elsewhere = approved(ConferenceFactory()).enterprise
    request = svc.accept_meeting_request(request=svc.send_meeting_request(
        conference=conference, sender=seller, recipient=owner, purpose="investment",
        message=PRIVATE[0]), enterprise=owner)
    meeting = booking.book_meeting(request=request, slot=slot, enterprise=owner)
    took_place(slot)
    record_meeting_outcome(meeting=meeting, enterprise=owner, result="likely",
                           notes=PRIVATE[2])
    thread = open_thread(conference=conference, enterprise=owner, counterpart=seller)
    post_message(thread=thread, sender=seller, body=PRIVATE[1])
    users = {
        "owner": CompanyUserFactory(enterprise=owner),
        "other_company": CompanyUserFactory(enterprise=other),
        "other_conference": CompanyUserFactory(enterprise=elsewhere),
        "organizer": StaffFactory(groups=[ORGANIZERS]),
        "reviewer": StaffFactory(groups=[REVIEWERS]),
    }
    kwargs = {
        "enterprise_id": owner.pk, "request_id": request.pk, "meeting_id": meeting.pk,
        "thread_id": thread.pk, "registration_id": owner.registrations.get().pk,
        "edition": conference.edition, "slug": conference.slug, "token": "forged-token",
        "uidb64": "MQ", "action": "issue",
        "name": f"evidence/{conference.pk}/{owner.registrations.get().pk}/letter.pdf",
    }
    return {"users": users, "kwargs": kwargs}


def url_of(route: Route, kwargs: dict) -> str:
    needed = route.pattern.pattern.converters.keys() if hasattr(
        route.pattern.pattern, "converters") else ()
    return reverse(route.name, kwargs={name: kwargs[name] for name in needed})


def visit(client, user, method, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(url)


def goes_to_login(response) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and "login" in location


def test_every_web_route_is_classified():
    unclassified = sorted(r.name for r in web_routes()
                          if r.name not in ROUTES and not r.name.startswith("admin:"))
    assert unclassified == [], f"classify these routes in ROUTES: {unclassified}"
    stale = sorted(set(ROUTES) - {r.name for r in web_routes()})
    assert stale == [], f"routes classified but gone: {stale}"


def expectation_fails(kind: str, visitor: str, response) -> str | None:
    """Why `response` breaks the class's rule for this visitor, or None."""
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if visitor not in STAFF | {"owner"}:
        text = response.content.decode(errors="replace")
        leaked = [word for word in PRIVATE if word in text]
        if leaked:
            return f"leaked {leaked}"
    shut = goes_to_login(response) or status in DENIED
    if kind in {"company", "owner", "counterpart", "staff"} and visitor == "anonymous" \
            and not shut:
        return f"anonymous got {status} {response.get('Location', '')}"
    if kind == "owner" and visitor in COMPANIES - {"owner"} and status not in DENIED:
        return f"another company got {status} for the owner's object"
    if kind == "staff" and visitor in COMPANIES and not shut:
        return f"a company got {status} on a staff page"
    return None


def test_web_routes_answer_each_visitor_as_classified(client, world):
    problems, checks = [], 0
    for route in web_routes():
        kind = "staff" if route.name.startswith("admin:") else ROUTES.get(route.name)
        if kind is None or route.name.startswith("admin:"):
            continue  # classification failures are the test above; admin is below
        url = url_of(route, world["kwargs"])
        for visitor in VISITORS:
            for method in ("get", "post"):
                response = visit(client, world["users"].get(visitor), method, url)
                checks += 1
                why = expectation_fails(kind, visitor, response)
                if why:
                    problems.append(f"{method.upper()} {route.name} as {visitor}: {why}")
    print(f"web routes: {len(ROUTES)}; (route, visitor, method) checks: {checks}")
    assert problems == [], "\n".join(problems)
    assert checks == len(ROUTES) * len(VISITORS) * 2


ADMIN_KWARGS = {"object_id": "1", "app_label": "accounts", "content_type_id": "1",
                "id": "1", "uidb64": "MQ", "token": "x", "url": "x"}


def test_admin_routes_are_for_staff_only(client, world):
    routes = [r for r in web_routes() if r.name.startswith("admin:")]
    problems, checks = [], 0
    for route in routes:
        url = admin_url(route)
        if url is None:
            continue
        for visitor in ["anonymous", "owner", "other_company"]:
            response = visit(client, world["users"].get(visitor), "get", url)
            checks += 1
            if route.name in {"admin:login", "admin:logout", "admin:jsi18n"}:
                continue
            if not goes_to_login(response) and response.status_code not in DENIED:
                problems.append(f"{route.name} as {visitor}: {response.status_code}")
    print(f"admin routes: {len(routes)}; checks: {checks}")
    assert problems == []
    assert checks >= len(routes)  # every admin route reversed and tried


def admin_url(route: Route) -> str | None:
    from django.urls import NoReverseMatch

    names = list(getattr(route.pattern.pattern, "converters", {}) or {})
    regex = route.pattern.pattern.regex
    names = names or list(regex.groupindex)
    for label in ("accounts", "events", "matchmaking", "auth", "onsite", "results"):
        values = {**ADMIN_KWARGS, "app_label": label}
        try:
            return reverse(route.name, kwargs={n: values[n] for n in names})
        except (NoReverseMatch, KeyError):
            continue
    return None

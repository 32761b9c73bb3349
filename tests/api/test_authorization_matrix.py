"""The authorization matrix, generated from the URL routes under /api/v1/.

Every route must be classified here; a new route that is not fails the test
until someone decides who may use it. Each object route is tried with every
method it allows, as its owner, another company of the same conference, a
partner of another conference, a company that is registered but not approved,
and anonymously. Anything but the owner (and the callers a route shares its
objects with) must get 401/403/404 and leave the object as it was.
"""

from dataclasses import dataclass

import pytest
from django.forms.models import model_to_dict
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from matchmaking.messaging.services import open_thread, post_message
from matchmaking.models import (
    MeetingOutcome,
    MeetingRequest,
    ScheduleRun,
    WebhookSubscription,
)
from matchmaking.services import booking
from matchmaking.services import requests as svc
from matchmaking.services.outcomes import record_meeting_outcome
from tests.api.conftest import bearer, company_client, partner_key
from tests.factories import (
    ConferenceFactory,
    SupplierFactory,
    approved,
    registered,
    slots,
    took_place,
)

pytestmark = pytest.mark.django_db

NON_OWNERS = ["other_company", "other_partner", "unapproved", "anonymous"]


def api_routes() -> dict[str, URLPattern]:
    """Every named route under api/v1/, by name."""
    (api,) = [p for p in get_resolver().url_patterns
              if isinstance(p, URLResolver) and p.namespace == "api"]
    return {p.name: p for p in api.url_patterns if isinstance(p, URLPattern)}


@dataclass
class World:
    objects: dict
    clients: dict


@pytest.fixture
def world(conference):
    conference.status = "scheduled"
    conference.save()
    (slot,) = slots(conference, 1)
    owner = approved(conference).enterprise
    seller = approved(conference, SupplierFactory()).enterprise
    other = approved(conference).enterprise
    unapproved = registered(conference).enterprise
    request = svc.send_meeting_request(conference=conference, sender=seller, recipient=owner,
                                       purpose="investment")
    request = svc.accept_meeting_request(request=request, enterprise=owner)
    meeting = booking.book_meeting(request=request, slot=slot, enterprise=owner)
    took_place(slot)
    thread = open_thread(conference=conference, enterprise=owner, counterpart=seller)
    post_message(thread=thread, sender=seller, body="A private note")
    organizer, organizer_key = partner_key(conference, organizer=True)
    stranger_conference = ConferenceFactory()
    approved(stranger_conference)
    objects = {
        "conference": conference, "slot": slot, "table": meeting.table, "enterprise": owner,
        "registration": owner.registrations.get(), "delegate": owner.delegates.first(),
        "meeting_request": request, "meeting": meeting,
        "outcome": record_meeting_outcome(
            meeting=meeting, enterprise=owner, result="likely"),
        "schedule_run": ScheduleRun.objects.create(conference=conference),
        "webhook": WebhookSubscription.objects.create(partner=organizer,
                                                      url="https://a.example/h", secret="x"),
        "industry_field": owner.fields.first(), "thread": thread,
    }
    clients = {
        "owner_company": company_client(owner), "other_company": company_client(other),
        "unapproved": company_client(unapproved), "anonymous": APIClient(),
        "organizer": bearer(organizer_key),
        "other_partner": bearer(partner_key(stranger_conference, organizer=True)[1]),
    }
    return World(objects, clients)


# route name -> (object, owner, callers that share it besides the owner)
OBJECT_ROUTES = {
    "conference-detail": ("conference", "owner_company", {"other_company", "unapproved"}),
    "industry-field-detail": ("industry_field", "owner_company", {"other_company",
                                                                  "other_partner",
                                                                  "unapproved"}),
    "slot-detail": ("slot", "owner_company", {"other_company"}),
    "table-detail": ("table", "owner_company", {"other_company"}),
    "enterprise-detail": ("enterprise", "owner_company", {"other_company"}),
    "enterprise-agenda": ("enterprise", "owner_company", set()),
    "registration-detail": ("registration", "owner_company", set()),
    "delegate-detail": ("delegate", "owner_company", set()),
    "meeting-request-detail": ("meeting_request", "owner_company", set()),
    "meeting-request-accept": ("meeting_request", "owner_company", set()),
    "meeting-request-decline": ("meeting_request", "owner_company", set()),
    "meeting-request-withdraw": ("meeting_request", "owner_company", set()),
    "meeting-detail": ("meeting", "owner_company", set()),
    "outcome-detail": ("outcome", "owner_company", set()),
    "schedule-run-detail": ("schedule_run", "organizer", set()),
    "schedule-run-report": ("schedule_run", "organizer", set()),
    "schedule-run-publish": ("schedule_run", "organizer", set()),
    "webhook-detail": ("webhook", "organizer", set()),
    "thread-detail": ("thread", "owner_company", set()),
    "thread-messages": ("thread", "owner_company", set()),
    "thread-read": ("thread", "owner_company", set()),
}
# Collections: anonymous gets 401; a partner of another conference sees none of this
# conference's rows (industry fields are shared reference data).
COLLECTION_ROUTES = {
    "conference-list", "industry-field-list", "slot-list", "table-list", "enterprise-list",
    "registration-list", "delegate-list", "meeting-request-list", "meeting-list",
    "outcome-list", "schedule-run-list", "webhook-list", "thread-list", "me",
}
PUBLIC_ROUTES = {"schema", "docs"}


def test_every_api_route_is_classified():
    unclassified = set(api_routes()) - set(OBJECT_ROUTES) - COLLECTION_ROUTES - PUBLIC_ROUTES

    assert not unclassified, f"classify these routes in the matrix: {sorted(unclassified)}"


def methods_of(pattern: URLPattern) -> list[str]:
    actions = getattr(pattern.callback, "actions", None) or {"get": "get"}
    # DRF adds HEAD (a body-less GET) to the actions once a route has served a request.
    return sorted(set(actions) - {"head", "options"})


def call(client, method, url):
    return getattr(client, method)(url, {}, format="json")


def snapshot(obj):
    fresh = type(obj).objects.filter(pk=obj.pk).first()
    return fresh and model_to_dict(fresh)


def check_object_route(world, name) -> list[str]:
    """What goes wrong on one route (empty: nothing)."""
    pattern, (key, owner, shared) = api_routes()[name], OBJECT_ROUTES[name]
    obj = world.objects[key]
    url = reverse(f"api:{name}", kwargs={"pk": obj.pk})
    before, problems = snapshot(obj), []
    for method in methods_of(pattern):
        for caller in NON_OWNERS:
            response = call(world.clients[caller], method, url)
            if caller in shared and method == "get":
                expected = {200}
            else:
                expected = {401} if caller == "anonymous" else {403, 404}
            if response.status_code not in expected:
                problems.append(f"{method.upper()} {url} as {caller}: {response.status_code}")
            elif response.status_code >= 400 and set(response.json()) != {"error"}:
                problems.append(f"{method.upper()} {url} as {caller}: error shape")
    if snapshot(obj) != before:
        problems.append(f"{url}: a non-owner changed the object")
    owner_method = "get" if "get" in methods_of(pattern) else methods_of(pattern)[0]
    response = call(world.clients[owner], owner_method, url)
    if response.status_code in (401, 404) or (owner_method == "get"
                                              and response.status_code != 200):
        problems.append(f"{owner_method.upper()} {url} as owner {owner}: "
                        f"{response.status_code}")
    return problems


def check_collection_route(world, name) -> list[str]:
    url = reverse(f"api:{name}")
    if world.clients["anonymous"].get(url).status_code != 401:
        return [f"GET {url} anonymously is not 401"]
    body = world.clients["other_partner"].get(url).json()
    if name == "me":
        seen = set(body["conferences"]) & {world.objects["conference"].slug}
    elif name == "industry-field-list":
        seen = set()
    else:
        seen = {row["id"] for row in body["results"]} & {
            obj.pk for obj in world.objects.values()
            if obj._meta.label == _model_of(name)}
    return [f"GET {url} as other_partner shows {sorted(seen)}"] if seen else []


def _model_of(name: str) -> str:
    pattern = api_routes()[name]
    return pattern.callback.cls.model._meta.label


def test_every_route_is_closed_to_non_owners_and_open_to_owners(world):
    problems = [problem for name in sorted(OBJECT_ROUTES)
                for problem in check_object_route(world, name)]
    problems += [problem for name in sorted(COLLECTION_ROUTES)
                 for problem in check_collection_route(world, name)]

    assert problems == []


@pytest.mark.parametrize("name", sorted(PUBLIC_ROUTES))
def test_schema_and_docs_are_public(client, name):
    assert client.get(reverse(f"api:{name}")).status_code == 200


def test_a_leak_would_be_caught(world):
    # The check itself must be able to fail: share the owner's registration with everyone.
    OBJECT_ROUTES["registration-detail"] = ("registration", "owner_company", {"other_company"})
    try:
        problems = check_object_route(world, "registration-detail")
    finally:
        OBJECT_ROUTES["registration-detail"] = ("registration", "owner_company", set())

    assert any("other_company: 404" in problem for problem in problems)


def test_outcomes_and_requests_of_others_stay_private(world):
    other = world.clients["other_company"]

    assert other.get("/api/v1/outcomes/").json()["results"] == []
    assert other.get("/api/v1/meeting-requests/").json()["results"] == []
    assert MeetingOutcome.objects.count() == 1 and MeetingRequest.objects.count() == 1


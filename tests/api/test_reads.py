"""Read endpoints: what each caller sees, filters, pagination and query counts."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Enterprise
from matchmaking.services import booking
from matchmaking.services import requests as svc
from tests.api.conftest import bearer, company_client, error_of, partner_key
from tests.factories import ConferenceFactory, SupplierFactory, approved, registered, slots

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_directory_lists_only_approved_enterprises_of_the_keys_conferences(
        conference, partner_api, buyer, supplier):
    registered(conference)
    approved(ConferenceFactory())

    assert sorted(ids(partner_api.get("/api/v1/enterprises/"))) == sorted([buyer.pk, supplier.pk])


def test_directory_hides_contract_value_and_delegate_contacts(partner_api, buyer):
    entry = partner_api.get(f"/api/v1/enterprises/{buyer.pk}/").json()

    assert "contract_value_usd" not in entry
    assert entry["delegates"] and all(set(d) == {"full_name", "title", "seniority", "languages"}
                                      for d in entry["delegates"])
    assert "@" not in str(entry)


def test_directory_filters_by_role_field_and_search(partner_api, buyer, supplier):
    assert ids(partner_api.get("/api/v1/enterprises/", {"role": "supplier"})) == [supplier.pk]
    assert ids(partner_api.get("/api/v1/enterprises/", {"field": "nope"})) == []
    assert ids(partner_api.get("/api/v1/enterprises/",
                               {"search": buyer.legal_name.upper()})) == [buyer.pk]


def test_updated_since_returns_only_rows_changed_after(partner_api, buyer, supplier):
    Enterprise.objects.filter(pk=buyer.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=2))
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()

    assert ids(partner_api.get("/api/v1/enterprises/", {"updated_since": since})) == [supplier.pk]


def test_cursor_pagination_walks_every_row_once(conference, partner_api):
    for _ in range(5):
        approved(conference, SupplierFactory())
    seen, url = [], "/api/v1/enterprises/?page_size=2"
    while url:
        page = partner_api.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]

    assert len(seen) == 5 == len(set(seen))


def test_ordering_by_legal_name_descending(partner_api, buyer, supplier):
    names = [r["legal_name"] for r in
             partner_api.get("/api/v1/enterprises/", {"ordering": "-legal_name"}).json()["results"]]

    assert names == sorted(names, reverse=True)


def test_directory_query_count_does_not_grow_with_rows(conference, partner_api,
                                                       django_assert_max_num_queries):
    for _ in range(12):
        approved(conference, SupplierFactory(), delegates=2)

    with django_assert_max_num_queries(7):
        response = partner_api.get("/api/v1/enterprises/")

    assert len(response.json()["results"]) == 12


def test_company_sees_the_directory_only_once_approved(conference, buyer, supplier):
    pending = registered(conference).enterprise
    api = company_client(pending)

    assert ids(api.get("/api/v1/enterprises/")) == []
    assert ids(api.get("/api/v1/conferences/")) == [conference.pk]


def test_times_carry_an_offset(conference, partner_api):
    slots(conference, 1)

    start = partner_api.get("/api/v1/slots/").json()["results"][0]["start"]

    assert dt.datetime.fromisoformat(start).utcoffset() is not None


def test_meeting_requests_list_query_count_is_fixed(conference, buyer, partner_api,
                                                    django_assert_max_num_queries):
    for _ in range(6):
        seller = approved(conference, SupplierFactory()).enterprise
        svc.send_meeting_request(conference=conference, sender=seller, recipient=buyer,
                                 purpose="investment")

    with django_assert_max_num_queries(5):
        response = partner_api.get("/api/v1/meeting-requests/")

    assert len(response.json()["results"]) == 6


def test_agenda_lists_scheduled_meetings_in_time_order_with_the_counterpart(
        conference, buyer, buyer_api, django_assert_max_num_queries):
    conference.status = "scheduled"
    conference.save()
    first, second = slots(conference, 2)
    for slot in (second, first):
        seller = approved(conference, SupplierFactory()).enterprise
        request = svc.send_meeting_request(conference=conference, sender=seller,
                                           recipient=buyer, purpose="investment")
        request = svc.accept_meeting_request(request=request, enterprise=buyer)
        booking.book_meeting(request=request, slot=slot, enterprise=buyer)

    with django_assert_max_num_queries(6):
        agenda = buyer_api.get(f"/api/v1/enterprises/{buyer.pk}/agenda/").json()

    starts = [m["start"] for m in agenda["meetings"]]
    assert starts == sorted(starts) and len(starts) == 2
    assert all(m["counterpart"]["role"] == "supplier" for m in agenda["meetings"])


def test_company_cannot_read_another_enterprises_agenda(buyer_api, supplier):
    assert buyer_api.get(f"/api/v1/enterprises/{supplier.pk}/agenda/").status_code == 404


def test_partner_reads_any_agenda_of_its_conference(partner_api, supplier):
    agenda = partner_api.get(f"/api/v1/enterprises/{supplier.pk}/agenda/").json()

    assert agenda["enterprise"]["id"] == supplier.pk and agenda["meetings"] == []


def test_read_key_cannot_write(conference, buyer, supplier):
    _partner, raw = partner_key(conference, scope="read")

    response = bearer(raw).post("/api/v1/meeting-requests/", {
        "conference": conference.slug, "sender": supplier.pk, "recipient": buyer.pk,
        "purpose": "investment"}, format="json")

    assert response.status_code == 403
    assert "read" in response.json()["error"]["message"]


def test_slot_times_are_shown_in_the_conference_zone(partner_api, conference):
    conference.time_zone = "America/Toronto"
    conference.save()
    slots(conference, 1)

    start = partner_api.get("/api/v1/slots/").json()["results"][0]["start"]

    nine = dt.datetime.combine(conference.start_date, dt.time(9), tzinfo=conference.zone)
    assert start == nine.isoformat()  # -05:00 or -04:00 in summer


@pytest.mark.parametrize("value, expected", [
    ("0474-12-11T20:02:00-20:42", "everything"),  # an offset PostgreSQL itself refuses
    ("4122-04-16T10:35:08+16:33", "nothing"),
    ("0001-01-01T00:00:00+01:00", "error"),  # before year 1 in UTC
])
def test_odd_but_valid_times_in_filters_are_not_server_errors(partner_api, buyer, supplier,
                                                              value, expected):
    response = partner_api.get("/api/v1/enterprises/", {"updated_since": value})

    if expected == "error":
        assert response.status_code == 400 and "updated_since" in error_of(response)["fields"]
    else:
        assert len(ids(response)) == (2 if expected == "everything" else 0)

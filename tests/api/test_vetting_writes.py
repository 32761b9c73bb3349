"""The API's writes on registrations and delegates go through the vetting services."""

import importlib

import pytest
from django.apps import apps

from accounts import services
from accounts.models import Delegate, Registration, RegistrationStatus
from events.models import AuditEntry
from matchmaking.services import requests as svc
from matchmaking.services.booking import book_meeting
from tests.api.conftest import bearer, company_client, error_of, partner_key
from tests.factories import SupplierFactory, approved, slots

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer_api(conference):
    return bearer(partner_key(conference, organizer=True)[1])


def test_organizer_key_sets_seats_and_cap_of_a_registration(conference, organizer_api):
    registration = approved(conference, delegates=2)

    response = organizer_api.patch(f"/api/v1/registrations/{registration.pk}/",
                                   {"parallel_meetings": 2, "max_meetings": 12}, format="json")

    assert response.status_code == 200, response.content
    assert (response.json()["parallel_meetings"], response.json()["max_meetings"]) == (2, 12)
    registration.refresh_from_db()
    assert (registration.parallel_meetings, registration.max_meetings) == (2, 12)
    entry = AuditEntry.objects.get(action="registration.settings")
    assert entry.data == {"fields": {"parallel_meetings": [1, 2], "max_meetings": [None, 12]}}


def test_more_seats_than_delegates_is_a_field_error(conference, organizer_api):
    registration = approved(conference, delegates=2)

    response = organizer_api.patch(f"/api/v1/registrations/{registration.pk}/",
                                   {"parallel_meetings": 3}, format="json")
    negative = organizer_api.patch(f"/api/v1/registrations/{registration.pk}/",
                                   {"max_meetings": -1, "parallel_meetings": 0}, format="json")

    assert response.status_code == 400
    assert "2 delegates" in error_of(response)["fields"]["parallel_meetings"][0]
    assert negative.status_code == 400
    assert set(error_of(negative)["fields"]) == {"max_meetings", "parallel_meetings"}
    registration.refresh_from_db()
    assert registration.parallel_meetings == 1


def test_only_organizer_keys_may_change_registration_settings(conference, partner_api):
    registration = approved(conference, delegates=2)
    own = company_client(registration.enterprise)

    by_partner = partner_api.patch(f"/api/v1/registrations/{registration.pk}/",
                                   {"parallel_meetings": 2}, format="json")
    by_company = own.patch(f"/api/v1/registrations/{registration.pk}/",
                           {"parallel_meetings": 2}, format="json")

    assert (by_partner.status_code, by_company.status_code) == (403, 403)
    registration.refresh_from_db()
    assert registration.parallel_meetings == 1


def test_posting_a_known_email_updates_that_delegate(conference, buyer, buyer_api):
    delegate = buyer.delegates.get()

    response = buyer_api.post("/api/v1/delegates/", {
        "enterprise": buyer.pk, "full_name": delegate.full_name, "title": "CEO",
        "seniority": "executive", "email": delegate.email}, format="json")

    assert response.status_code == 200
    assert response.json()["id"] == delegate.pk
    assert Delegate.objects.get(pk=delegate.pk).title == "CEO"
    # A higher rank is still a vetted change.
    assert Registration.objects.get(enterprise=buyer).status == RegistrationStatus.UNDER_REVIEW


def test_company_removes_a_delegate_and_review_starts_again(conference, buyer_api, buyer):
    services.save_delegate(enterprise=buyer, actor=None, data={
        "full_name": "Li Wei", "title": "Director", "seniority": 40, "email": "li@example.com"})
    registration = Registration.objects.get(enterprise=buyer)
    services.approve_registration(registration=registration,
                                  actor=registration.reviewer)
    li = buyer.delegates.get(email="li@example.com")

    response = buyer_api.delete(f"/api/v1/delegates/{li.pk}/")

    assert response.status_code == 204
    assert not Delegate.objects.filter(pk=li.pk).exists()
    assert Registration.objects.get(enterprise=buyer).status == RegistrationStatus.UNDER_REVIEW


def test_company_cannot_remove_another_enterprises_delegate(buyer_api, supplier):
    delegate = supplier.delegates.get()

    response = buyer_api.delete(f"/api/v1/delegates/{delegate.pk}/")

    assert response.status_code == 404
    assert Delegate.objects.filter(pk=delegate.pk).exists()


def test_partner_follows_the_registrations_that_point_to_it(conference, partner, partner_api):
    mine = approved(conference)
    Registration.objects.filter(pk=mine.pk).update(submitted_by_partner=partner[0])
    other_partner, _raw = partner_key(conference)
    theirs = approved(conference)
    Registration.objects.filter(pk=theirs.pk).update(submitted_by_partner=other_partner)
    # An audit entry naming the partner grants nothing any more.
    AuditEntry.objects.create(action="registration.submit_by_partner", content_type_id=(
        AuditEntry.objects.filter(action="registration.submit").first().content_type_id),
        object_id=str(theirs.pk), data={"partner": partner[0].pk})

    listed = partner_api.get("/api/v1/registrations/").json()["results"]

    assert [r["id"] for r in listed] == [mine.pk]


def test_data_migration_fills_the_partner_from_the_audit_trail(conference, partner):
    registration = approved(conference)
    content_type = AuditEntry.objects.get(action="registration.submit").content_type
    AuditEntry.objects.create(action="registration.submit_by_partner",
                              content_type=content_type, object_id=str(registration.pk),
                              data={"partner": partner[0].pk})
    migration = importlib.import_module("accounts.migrations.0006_registration_partner_from_audit")

    migration.fill_partner(apps, None)

    registration.refresh_from_db()
    assert registration.submitted_by_partner == partner[0]


def test_company_back_in_review_reads_its_meetings_but_cannot_answer(conference, buyer,
                                                                     supplier, buyer_api):
    (slot,) = slots(conference, 1)
    booked = svc.accept_meeting_request(request=svc.send_meeting_request(
        conference=conference, sender=supplier, recipient=buyer, purpose="investment"),
        enterprise=buyer)
    conference.status = "scheduled"
    conference.save()
    meeting = book_meeting(request=booked, slot=slot, enterprise=buyer)
    pending = svc.send_meeting_request(conference=conference, sender=approved(
        conference, SupplierFactory()).enterprise, recipient=buyer, purpose="investment")
    services.update_enterprise(enterprise=buyer, actor=None, data={"contract_value_usd": 1})

    meetings = buyer_api.get("/api/v1/meetings/")
    agenda = buyer_api.get(f"/api/v1/enterprises/{buyer.pk}/agenda/")
    accept = buyer_api.post(f"/api/v1/meeting-requests/{pending.pk}/accept/")

    assert [m["id"] for m in meetings.json()["results"]] == [meeting.pk]
    assert [m["meeting"] for m in agenda.json()["meetings"]] == [meeting.pk]
    assert accept.status_code == 409
    assert error_of(accept)["code"] == "in_rereview"
    assert "back under review" in error_of(accept)["message"]

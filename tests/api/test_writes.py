"""Writes: registrations, delegates, meeting requests and their answers, outcomes."""

import pytest

from accounts.models import Delegate, Enterprise, Registration
from events.models import AuditEntry
from matchmaking.models import MeetingOutcome, MeetingRequest, RequestStatus
from matchmaking.services import booking
from matchmaking.services import requests as svc
from tests.api.conftest import bearer, company_client, error_of, partner_key
from tests.factories import (
    ConferenceFactory,
    IndustryFieldFactory,
    SupplierFactory,
    approved,
    slots,
    took_place,
)

pytestmark = pytest.mark.django_db


def registration_body(conference, **enterprise):
    IndustryFieldFactory()
    return {
        "conference": conference.slug,
        "enterprise": {"legal_name": "Lakeside Software GmbH", "country": "DE", "role": "buyer",
                       "fields": ["software"], "contract_value_usd": 9_000_000, **enterprise},
        "delegates": [{"full_name": "Jonas Weber", "title": "Head of Procurement",
                       "seniority": "director", "email": "jonas@lakeside.example",
                       "languages": "de,en"}],
    }


def test_partner_submits_a_registration_and_follows_it(conference, partner, partner_api):
    response = partner_api.post("/api/v1/registrations/", registration_body(conference),
                                format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted" and body["passes_rules"] is True
    assert body["enterprise"]["contract_value_usd"] == "9000000"
    assert body["enterprise"]["delegates"][0]["email"] == "jonas@lakeside.example"
    registration = Registration.objects.get(pk=body["id"])
    assert registration.submitted_by_partner == partner[0]
    assert AuditEntry.objects.get(action="registration.submit").data == {
        "partner": partner[0].pk}
    listed = partner_api.get("/api/v1/registrations/").json()["results"]
    assert [r["id"] for r in listed] == [body["id"]]


def test_registration_failing_a_rule_reports_which(conference, partner_api):
    body = registration_body(conference, contract_value_usd=1_000_000)

    result = partner_api.post("/api/v1/registrations/", body, format="json").json()

    failed = [r for r in result["rule_results"] if not r["passed"]]
    assert result["passes_rules"] is False and failed and failed[0]["explanation"]


def test_partner_does_not_see_registrations_of_another_partner(conference, partner_api):
    _other, raw = partner_key(conference)
    created = bearer(raw).post("/api/v1/registrations/", registration_body(conference),
                               format="json").json()

    assert partner_api.get(f"/api/v1/registrations/{created['id']}/").status_code == 404
    assert partner_api.get("/api/v1/registrations/").json()["results"] == []
    assert partner_api.get("/api/v1/delegates/").json()["results"] == []


def test_organizer_key_sees_every_registration_of_its_conference(conference, buyer):
    _partner, raw = partner_key(conference, organizer=True)

    listed = bearer(raw).get("/api/v1/registrations/").json()["results"]

    assert [r["enterprise"]["id"] for r in listed] == [buyer.pk]


def test_registration_with_a_taken_legal_name_is_a_field_error(conference, buyer, partner_api):
    body = registration_body(conference, legal_name=buyer.legal_name)

    response = partner_api.post("/api/v1/registrations/", body, format="json")

    assert response.status_code == 400
    assert "enterprise.legal_name" in error_of(response)["fields"]
    assert Registration.objects.count() == 1


def test_registration_for_a_conference_of_another_partner_is_refused(partner_api):
    other = ConferenceFactory()

    response = partner_api.post("/api/v1/registrations/", registration_body(other),
                                format="json")

    assert response.status_code == 400
    assert "conference" in error_of(response)["fields"]
    assert not Enterprise.objects.filter(legal_name="Lakeside Software GmbH").exists()


def test_company_user_cannot_submit_registrations(conference, buyer_api):
    response = buyer_api.post("/api/v1/registrations/", registration_body(conference),
                              format="json")

    assert response.status_code == 403


def test_same_idempotency_key_and_body_returns_the_first_response(conference, partner_api):
    body = registration_body(conference)
    first = partner_api.post("/api/v1/registrations/", body, format="json",
                             HTTP_IDEMPOTENCY_KEY="reg-1")

    again = partner_api.post("/api/v1/registrations/", body, format="json",
                             HTTP_IDEMPOTENCY_KEY="reg-1")

    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Registration.objects.filter(enterprise__legal_name="Lakeside Software GmbH").count() == 1


def test_same_idempotency_key_with_another_body_is_a_422(conference, buyer, supplier,
                                                         supplier_api):
    body = {"conference": conference.slug, "recipient": buyer.pk, "purpose": "investment"}
    supplier_api.post("/api/v1/meeting-requests/", body, format="json", HTTP_IDEMPOTENCY_KEY="k")

    response = supplier_api.post("/api/v1/meeting-requests/", {**body, "message": "hi"},
                                 format="json", HTTP_IDEMPOTENCY_KEY="k")

    assert response.status_code == 422
    assert error_of(response)["code"] == "idempotency_key_reused"
    assert MeetingRequest.objects.count() == 1


def test_failed_request_does_not_burn_its_idempotency_key(conference, buyer, supplier_api):
    bad = {"conference": conference.slug, "recipient": buyer.pk, "purpose": "lunch"}
    good = {**bad, "purpose": "investment"}
    assert supplier_api.post("/api/v1/meeting-requests/", bad, format="json",
                             HTTP_IDEMPOTENCY_KEY="k").status_code == 400

    response = supplier_api.post("/api/v1/meeting-requests/", good, format="json",
                                 HTTP_IDEMPOTENCY_KEY="k")

    # A key is bound to a body only once a request with it succeeded.
    assert response.status_code == 201
    assert MeetingRequest.objects.count() == 1


def test_idempotency_keys_are_per_caller(conference, buyer, supplier, supplier_api):
    other_seller = approved(conference, SupplierFactory()).enterprise
    body = {"conference": conference.slug, "recipient": buyer.pk, "purpose": "investment"}
    supplier_api.post("/api/v1/meeting-requests/", body, format="json", HTTP_IDEMPOTENCY_KEY="k")

    response = company_client(other_seller).post("/api/v1/meeting-requests/", body,
                                                  format="json", HTTP_IDEMPOTENCY_KEY="k")

    assert response.status_code == 201
    assert MeetingRequest.objects.count() == 2


def test_company_sends_a_request_as_its_enterprise(conference, buyer, supplier, supplier_api):
    response = supplier_api.post("/api/v1/meeting-requests/", {
        "conference": conference.slug, "recipient": buyer.pk, "purpose": "outsourcing_purchase",
        "message": "We test apps."}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["sender"]["id"] == supplier.pk and body["recipient"]["id"] == buyer.pk
    assert body["status"] == "pending" and body["expires_at"].endswith("+08:00")


def test_company_cannot_send_as_another_enterprise(conference, buyer, supplier, supplier_api):
    other = approved(conference, SupplierFactory()).enterprise

    response = supplier_api.post("/api/v1/meeting-requests/", {
        "conference": conference.slug, "sender": other.pk, "recipient": buyer.pk,
        "purpose": "investment"}, format="json")

    assert response.status_code == 400
    assert "sender" in error_of(response)["fields"]
    assert not MeetingRequest.objects.exists()


def test_partner_sends_a_request_for_an_enterprise_it_registered(conference, buyer, supplier,
                                                                  partner, partner_api):
    Registration.objects.filter(enterprise=supplier).update(submitted_by_partner=partner[0])

    response = partner_api.post("/api/v1/meeting-requests/", {
        "conference": conference.slug, "sender": supplier.pk, "recipient": buyer.pk,
        "purpose": "investment"}, format="json")

    assert response.status_code == 201
    assert MeetingRequest.objects.get().sender == supplier
    assert AuditEntry.objects.filter(action="meeting_request.send_by_partner",
                                     data__partner=partner[0].pk).exists()


def test_partner_cannot_send_for_an_enterprise_it_did_not_register(conference, buyer,
                                                                   supplier, partner_api):
    response = partner_api.post("/api/v1/meeting-requests/", {
        "conference": conference.slug, "sender": supplier.pk, "recipient": buyer.pk,
        "purpose": "investment"}, format="json")

    assert response.status_code == 400
    assert "registered" in error_of(response)["fields"]["sender"][0]
    assert not MeetingRequest.objects.exists()


def test_an_organizer_key_sends_for_any_approved_enterprise(conference, buyer, supplier):
    _partner, raw = partner_key(conference, organizer=True)

    response = bearer(raw).post("/api/v1/meeting-requests/", {
        "conference": conference.slug, "sender": supplier.pk, "recipient": buyer.pk,
        "purpose": "investment"}, format="json")

    assert response.status_code == 201 and MeetingRequest.objects.get().sender == supplier


def test_partner_must_name_the_sender(conference, buyer, partner_api):
    response = partner_api.post("/api/v1/meeting-requests/", {
        "conference": conference.slug, "recipient": buyer.pk, "purpose": "investment"},
        format="json")

    assert response.status_code == 400 and "sender" in error_of(response)["fields"]


def test_partner_cannot_send_for_an_enterprise_of_another_conference(conference, buyer,
                                                                     partner_api):
    stranger = approved(ConferenceFactory(), SupplierFactory()).enterprise

    response = partner_api.post("/api/v1/meeting-requests/", {
        "conference": conference.slug, "sender": stranger.pk, "recipient": buyer.pk,
        "purpose": "investment"}, format="json")

    assert response.status_code == 400 and "sender" in error_of(response)["fields"]


def pending_request(conference, supplier, buyer):
    return svc.send_meeting_request(conference=conference, sender=supplier, recipient=buyer,
                                    purpose="investment")


def test_recipient_accepts_a_request(conference, buyer, supplier, buyer_api):
    request = pending_request(conference, supplier, buyer)

    response = buyer_api.post(f"/api/v1/meeting-requests/{request.pk}/accept/")

    assert response.status_code == 200 and response.json()["status"] == "accepted"
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED


def test_sender_cannot_accept_its_own_request(conference, buyer, supplier, supplier_api):
    request = pending_request(conference, supplier, buyer)

    response = supplier_api.post(f"/api/v1/meeting-requests/{request.pk}/accept/")

    assert response.status_code == 403 and error_of(response)["code"] == "forbidden"
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_accepting_twice_is_a_409(conference, buyer, supplier, buyer_api):
    request = pending_request(conference, supplier, buyer)
    buyer_api.post(f"/api/v1/meeting-requests/{request.pk}/accept/")

    response = buyer_api.post(f"/api/v1/meeting-requests/{request.pk}/accept/")

    assert response.status_code == 409 and error_of(response)["code"] == "not_pending"


def test_recipient_declines_with_a_reason(conference, buyer, supplier, buyer_api):
    request = pending_request(conference, supplier, buyer)

    response = buyer_api.post(f"/api/v1/meeting-requests/{request.pk}/decline/",
                              {"reason": "Not our field."}, format="json")

    assert response.json()["status"] == "declined"
    assert response.json()["decline_reason"] == "Not our field."


def test_sender_withdraws_its_request(conference, buyer, supplier, supplier_api):
    request = pending_request(conference, supplier, buyer)

    response = supplier_api.post(f"/api/v1/meeting-requests/{request.pk}/withdraw/")

    assert response.json()["status"] == "withdrawn"


def test_partner_keys_cannot_answer_requests(conference, buyer, supplier, partner_api):
    request = pending_request(conference, supplier, buyer)

    response = partner_api.post(f"/api/v1/meeting-requests/{request.pk}/accept/")

    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_company_adds_a_delegate_and_review_starts_again(conference, buyer, buyer_api):
    response = buyer_api.post("/api/v1/delegates/", {
        "enterprise": buyer.pk, "full_name": "Li Wei", "title": "Director",
        "seniority": "director", "email": "li.wei@example.com"}, format="json")

    assert response.status_code == 201 and response.json()["seniority"] == "director"
    assert Registration.objects.get(enterprise=buyer).status == "under_review"


def test_company_cannot_add_a_delegate_to_another_enterprise(buyer_api, supplier):
    response = buyer_api.post("/api/v1/delegates/", {
        "enterprise": supplier.pk, "full_name": "X", "title": "Y", "seniority": "director",
        "email": "x@example.com"}, format="json")

    assert response.status_code == 400 and "enterprise" in error_of(response)["fields"]
    assert not Delegate.objects.filter(email="x@example.com").exists()


def test_company_reports_a_meeting_outcome_once(conference, buyer, supplier, buyer_api):
    conference.status = "scheduled"
    conference.save()
    (slot,) = slots(conference, 1)
    request = svc.accept_meeting_request(request=pending_request(conference, supplier, buyer),
                                         enterprise=buyer)
    meeting = booking.book_meeting(request=request, slot=slot, enterprise=buyer)
    took_place(slot)
    body = {"meeting": meeting.pk, "result": "likely", "intended_investment_usd": 2_500_000,
            "field": "software"}

    first = buyer_api.post("/api/v1/outcomes/", body, format="json")
    second = buyer_api.post("/api/v1/outcomes/", body, format="json")

    assert first.status_code == 201 and first.json()["result"] == "likely"
    assert second.status_code == 409 and error_of(second)["code"] == "duplicate_outcome"
    assert MeetingOutcome.objects.get().enterprise == buyer

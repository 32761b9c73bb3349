import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import RegistrationStatus
from events.errors import DomainError
from matchmaking.models import MeetingRequest, RequestStatus
from matchmaking.services import requests as svc
from tests.factories import CompanyUserFactory, SupplierFactory, approved, registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(conference):
    buyer = approved(conference).enterprise
    supplier = approved(conference, SupplierFactory()).enterprise
    return buyer, supplier


def send(conference, sender, recipient, **kw):
    return svc.send_meeting_request(conference=conference, sender=sender, recipient=recipient,
                                    purpose=kw.pop("purpose", "outsourcing_purchase"), **kw)


def test_supplier_requests_a_buyer_and_the_buyer_is_emailed(conference, pair,
                                                            django_capture_on_commit_callbacks):
    buyer, supplier = pair
    CompanyUserFactory(enterprise=buyer, email="buyer@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        request = send(conference, supplier, buyer, message="We do 3D modelling.")

    assert request.status == RequestStatus.PENDING
    assert request.expires_at > timezone.now() + dt.timedelta(hours=71)
    assert [m.to for m in mail.outbox] == [["buyer@example.com"]]
    assert "We do 3D modelling." in mail.outbox[0].body


def test_second_request_between_the_same_pair_is_refused_either_way(conference, pair):
    buyer, supplier = pair
    send(conference, supplier, buyer)

    with pytest.raises(DomainError) as error:
        send(conference, buyer, supplier)

    assert error.value.code == "duplicate_request"
    assert MeetingRequest.objects.count() == 1


def test_a_declined_pair_may_ask_again(conference, pair):
    buyer, supplier = pair
    first = send(conference, supplier, buyer)
    svc.decline_meeting_request(request=first, enterprise=buyer, reason="Not now")

    again = send(conference, supplier, buyer)

    assert again.status == RequestStatus.PENDING


def test_two_buyers_may_not_meet_by_default(conference):
    a = approved(conference).enterprise
    b = approved(conference).enterprise

    with pytest.raises(DomainError) as error:
        send(conference, a, b)

    assert error.value.code == "pairing"


def test_unapproved_enterprise_cannot_request(conference, pair):
    buyer, _supplier = pair
    pending = registered(conference, SupplierFactory())
    assert pending.status == RegistrationStatus.SUBMITTED

    with pytest.raises(DomainError) as error:
        send(conference, pending.enterprise, buyer)

    assert error.value.code == "not_approved"


def test_open_request_limit(conference):
    conference.max_open_requests = 2
    conference.save()
    supplier = approved(conference, SupplierFactory()).enterprise
    buyers = [approved(conference).enterprise for _ in range(3)]
    send(conference, supplier, buyers[0])
    send(conference, supplier, buyers[1])

    with pytest.raises(DomainError) as error:
        send(conference, supplier, buyers[2])

    assert error.value.code == "open_request_limit"


def test_only_the_recipient_answers(conference, pair):
    buyer, supplier = pair
    request = send(conference, supplier, buyer)

    with pytest.raises(DomainError):
        svc.accept_meeting_request(request=request, enterprise=supplier)
    accepted = svc.accept_meeting_request(request=request, enterprise=buyer)

    assert accepted.status == RequestStatus.ACCEPTED and accepted.answered_at


def test_expired_request_cannot_be_accepted(conference, pair):
    buyer, supplier = pair
    request = send(conference, supplier, buyer)
    MeetingRequest.objects.filter(pk=request.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1))

    with pytest.raises(DomainError, match="expired"):
        svc.accept_meeting_request(request=request, enterprise=buyer)


def test_expire_meeting_requests_marks_only_overdue_pending_ones(conference, pair):
    buyer, supplier = pair
    old = send(conference, supplier, buyer)
    MeetingRequest.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - dt.timedelta(hours=1))
    other_buyer = approved(conference).enterprise
    fresh = send(conference, supplier, other_buyer)

    assert svc.expire_meeting_requests() == 1

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == (RequestStatus.EXPIRED, RequestStatus.PENDING)


def test_sender_withdraws(conference, pair):
    buyer, supplier = pair
    request = send(conference, supplier, buyer)

    with pytest.raises(DomainError):
        svc.withdraw_meeting_request(request=request, enterprise=buyer)
    svc.withdraw_meeting_request(request=request, enterprise=supplier)

    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN

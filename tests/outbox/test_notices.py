"""What each change tells whom: rows written in the change's transaction, in each reader's
language, once per event."""

import pytest
from django.core import mail
from django.db import transaction

from accounts import services as vetting
from matchmaking.models import ScheduleRun
from matchmaking.outbox.models import OutgoingEmail
from matchmaking.outbox.notices import MeetingChange, queue_schedule_notice
from matchmaking.services import booking
from matchmaking.services import requests as svc
from tests.factories import (
    CompanyUserFactory,
    DelegateFactory,
    EnterpriseFactory,
    StaffFactory,
    SupplierFactory,
    approved,
    registered,
)

pytestmark = pytest.mark.django_db


def emails(template):
    return list(OutgoingEmail.objects.filter(template=template).order_by("recipient"))


def test_answers_to_a_request_reach_its_sender_with_the_reason(world):
    supplier = approved(world.conference, SupplierFactory()).enterprise
    CompanyUserFactory(enterprise=supplier, email="wu@example.cn", language="zh-hans")
    request = svc.send_meeting_request(conference=world.conference, sender=world.buyer,
                                       recipient=supplier, purpose="investment",
                                       message="Shall we?")
    svc.decline_meeting_request(request=request, enterprise=supplier, reason="Not this year.")

    received = [e for e in emails("request_received") if e.context["request"] == request.pk]
    declined = [e for e in emails("request_declined") if e.context["request"] == request.pk]
    assert [(e.recipient, e.language) for e in received] == [("wu@example.cn", "zh-hans")]
    assert [(e.recipient, e.context["reason"]) for e in declined] == [
        ("anna@maple.example", "Not this year.")]
    assert [e.recipient for e in emails("request_accepted")] == ["li@taihu.example"]


def test_moving_a_meeting_tells_the_other_side_the_old_and_new_time_and_table(world):
    booking.move_meeting(meeting=world.meeting, slot=world.slots[2], enterprise=world.buyer)

    (moved,) = emails("meeting_moved")
    assert moved.recipient == "li@taihu.example"  # the side that did not move it
    assert moved.context["old_slot"] == world.slots[0].pk
    assert moved.context["slot"] == world.slots[2].pk
    assert moved.context["old_table"] == 1 and moved.context["by"] == world.buyer.pk


def test_organizer_cancelling_tells_both_sides_with_the_reason(world,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel_meeting(meeting=world.meeting, enterprise=None, reason="Hall closed.")

    cancelled = emails("meeting_cancelled")
    assert [e.recipient for e in cancelled] == ["anna@maple.example", "li@taihu.example"]
    assert {e.context["reason"] for e in cancelled} == {"Hall closed."}
    english = next(m for m in mail.outbox if m.to == ["anna@maple.example"])
    chinese = next(m for m in mail.outbox if m.to == ["li@taihu.example"])
    assert "Hall closed." in english.body and "The organizers cancelled" in english.body
    assert "Hall closed." in chinese.body and "主办方取消了" in chinese.body


def test_each_move_is_its_own_email(world):
    booking.move_meeting(meeting=world.meeting, slot=world.slots[2], enterprise=world.buyer)
    booking.move_meeting(meeting=world.meeting, slot=world.slots[3], enterprise=world.buyer)

    assert len(emails("meeting_moved")) == 2


def test_vetting_decisions_reach_delegates_in_their_language(conference):
    reviewer = StaffFactory(groups=["Organizers"])
    enterprise = EnterpriseFactory()
    DelegateFactory(enterprise=enterprise, email="wang@example.cn", languages="fr, zh")
    DelegateFactory(enterprise=enterprise, email="jones@example.com", languages="de")
    registration = registered(conference, enterprise, delegates=0)

    vetting.waitlist_registration(registration=registration, actor=reviewer,
                                  reason="Full for now.")
    vetting.reject_registration(registration=registration, actor=reviewer,
                                reason="Contract too small.")

    (waitlisted_jones, waitlisted_wang) = emails("registration_waitlisted")
    assert (waitlisted_wang.language, waitlisted_jones.language) == ("zh-hans", "en")
    assert waitlisted_wang.context["reason"] == "Full for now."
    assert {e.context["reason"] for e in emails("registration_rejected")} == {
        "Contract too small."}


def test_a_decision_rolled_back_leaves_no_email(conference):
    registration = registered(conference)

    with pytest.raises(RuntimeError), transaction.atomic():
        vetting.approve_registration(registration=registration,
                                     actor=StaffFactory(groups=["Organizers"]))
        raise RuntimeError("the request failed after the decision")

    assert not OutgoingEmail.objects.filter(template="registration_approved").exists()


def test_approval_twice_in_a_registrations_life_is_two_emails(conference):
    organizer = StaffFactory(groups=["Organizers"])
    registration = registered(conference)
    vetting.approve_registration(registration=registration, actor=organizer)
    vetting.reject_registration(registration=registration, actor=organizer, reason="Oops.")
    vetting.approve_registration(registration=registration, actor=organizer)

    assert len(emails("registration_approved")) == 2


def test_schedule_notice_lists_own_meetings_then_only_changes(world):
    first, second = (ScheduleRun.objects.create(conference=world.conference) for _ in "12")
    queue_schedule_notice(enterprise=world.buyer, conference=world.conference,
                          meetings=[world.meeting], changes=None, run=first)
    queue_schedule_notice(enterprise=world.buyer, conference=world.conference,
                          meetings=[world.meeting], changes=None, run=first)
    unchanged = queue_schedule_notice(
        enterprise=world.buyer, conference=world.conference, meetings=[world.meeting],
        changes=[MeetingChange(world.meeting, "kept")], run=second)
    moved = queue_schedule_notice(
        enterprise=world.buyer, conference=world.conference, meetings=[world.meeting],
        changes=[MeetingChange(world.meeting, "moved", old_slot=world.slots[3],
                               old_table=None)], run=second)

    (published,) = emails("schedule_published")
    assert published.context["meetings"] == [
        {"meeting": world.meeting.pk, "slot": world.slots[0].pk, "table": 1}]
    assert unchanged == []
    assert moved[0].context["moved"][0]["old_slot"] == world.slots[3].pk
    assert moved[0].context["kept"] == 0


def test_password_reset_goes_through_the_outbox_in_the_users_language(
        client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": "li@taihu.example"})

    (email,) = emails("password_reset")
    assert email.language == "zh-hans" and email.status == "sent"
    (message,) = [m for m in mail.outbox if m.to == ["li@taihu.example"]]
    assert "/zh-hans/accounts/password-reset/" in message.body
    assert "重置" in message.body or "密码" in message.body

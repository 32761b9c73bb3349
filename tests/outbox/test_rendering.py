"""Every e-mail, rendered for an English and a Chinese reader: subject, text and HTML carry
the right names and values, in the reader's language."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from matchmaking.messaging.services import open_thread, post_message
from matchmaking.models import MeetingOutcome
from matchmaking.outbox import catalogue
from matchmaking.outbox.kinds.rows import snapshot
from matchmaking.outbox.models import BulkMailing, OutgoingEmail
from matchmaking.outbox.render import render_email

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
NAMES = {"en": {"conference": "Service Outsourcing Conference", "buyer": "Maple Analytics Inc.",
                "supplier": "Suzhou Taihu Software", "table": "Table 1",
                "investment": "USD 2,500,000"},
         "zh-hans": {"conference": "服务外包合作大会", "buyer": "枫叶分析公司",
                     "supplier": "苏州太湖软件", "table": "1 号桌", "year": "年",
                     "investment": "250 万美元"}}


def contexts(world) -> dict[str, tuple[dict, list[str]]]:
    """template -> (context, values its reader must see: the buyer reads every e-mail)."""
    registration = world.buyer.registrations.get()
    meeting = world.meeting
    MeetingOutcome.objects.get_or_create(meeting=meeting, enterprise=world.buyer, defaults={
        "result": "likely", "intended_investment_usd": 2_500_000})
    moved = {**snapshot(meeting), "old_slot": world.slots[2].pk, "old_table": 2}
    expires = dt.datetime.combine(world.conference.start_date, dt.time(10), tzinfo=dt.UTC)
    year = "{year}"
    thread = open_thread(conference=world.conference, enterprise=world.supplier,
                         counterpart=world.buyer)
    first = post_message(thread=thread, sender=world.supplier, body="Can we meet earlier?")
    post_message(thread=thread, sender=world.supplier, body="Or <b>after lunch</b>?")
    until = (timezone.now() + dt.timedelta(minutes=1)).isoformat()
    return {
        "application_received": ({"registration": registration.pk}, ["{buyer}"]),
        "application_confirm": ({"legal_name": "Maple Analytics Inc.", "name_zh": "枫叶分析公司",
                                 "confirm_url": "https://x.example/apply/confirm/abc/",
                                 "expires_at": expires.isoformat()},
                                ["{buyer}", "https://x.example/apply/confirm/abc/", year]),
        "registration_approved": ({"registration": registration.pk}, ["{buyer}"]),
        "registration_rejected": ({"registration": registration.pk,
                                   "reason": "Contract below the minimum."},
                                  ["{buyer}", "Contract below the minimum."]),
        "registration_waitlisted": ({"registration": registration.pk,
                                     "reason": "All tables are taken."},
                                    ["All tables are taken."]),
        "registration_information_requested": ({"registration": registration.pk,
                                                "message": "Please send the contract letter."},
                                               ["Please send the contract letter."]),
        "registration_reopened": ({"registration": registration.pk,
                                   "changes": ["Contract value: 9,000,000"]},
                                  ["{buyer}", "Contract value: 9,000,000"]),
        "rereview_needed": ({"registration": registration.pk,
                             "changes": ["Contract value: 9,000,000"]},
                            ["{buyer}", "Contract value: 9,000,000",
                             f"/accounts/registration/{registration.pk}/change/"]),
        "registration_answered": ({"registration": registration.pk,
                                   "note": "The letter is attached."},
                                  ["{buyer}", "The letter is attached.",
                                   f"/accounts/registration/{registration.pk}/change/"]),
        "invitation": ({"enterprise": world.buyer.pk, "accept_url": "https://x.example/i/abc",
                        "expires_at": expires.isoformat()},
                       ["https://x.example/i/abc", year, "{buyer}"]),
        "password_reset": ({"email": "anna@maple.example",
                            "reset_url": "https://x.example/reset/1/t/"},
                           ["https://x.example/reset/1/t/", "anna@maple.example"]),
        "request_received": ({"request": world.request.pk},
                             ["{supplier}", "We test mobile apps in 12 languages."]),
        "request_accepted": ({"request": world.request.pk}, ["{buyer}"]),
        "request_declined": ({"request": world.request.pk, "reason": "Not our field."},
                             ["Not our field."]),
        "request_withdrawn": ({"request": world.request.pk}, ["{supplier}"]),
        "request_expiring": ({"request": world.request.pk}, ["{supplier}"]),
        "meeting_booked": ({**snapshot(meeting), "enterprise": world.buyer.pk,
                            "by": world.supplier.pk}, ["{supplier}", "{table}", year]),
        "meeting_moved": ({**moved, "enterprise": world.buyer.pk, "by": None},
                          ["{supplier}", "{table}", "2", year]),
        "meeting_cancelled": ({**snapshot(meeting), "enterprise": world.buyer.pk,
                               "by": world.supplier.pk, "reason": "Flight cancelled."},
                              ["{supplier}", "Flight cancelled."]),
        "schedule_published": ({"enterprise": world.buyer.pk, "meetings": [snapshot(meeting)]},
                               ["{buyer}", "{supplier}", "{table}"]),
        "schedule_changed": ({"enterprise": world.buyer.pk, "kept": 2, "moved": [moved],
                              "new": [], "cancelled": []}, ["{buyer}", "{supplier}"]),
        "agenda_day_before": ({"enterprise": world.buyer.pk,
                               "date": world.conference.start_date.isoformat()},
                              ["{buyer}", "{supplier}", "{table}"]),
        "outcome_survey": ({"enterprise": world.buyer.pk, "meetings_count": 7}, ["7"]),
        "follow_up_survey": ({"enterprise": world.buyer.pk, "months": 3}, ["3", "{investment}"]),
        "bulk_mail": ({"enterprise": world.buyer.pk}, ["Hello {{ enterprise }}"]),
        "new_messages": ({"thread": thread.pk, "enterprise": world.buyer.pk, "from": first.pk,
                          "until": until},
                         ["{supplier}", "Can we meet earlier?", "2",
                          f"/portal/messages/{thread.pk}/"]),
    }


def test_every_kind_has_a_rendering_case(world):
    assert set(contexts(world)) == set(catalogue.KINDS)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_email_renders_for_its_reader(world, language):
    names = {"year": str(world.conference.start_date.year), **NAMES[language]}
    mailing = BulkMailing.objects.create(conference=world.conference, subject_en="News",
                                         body_en="Hello {{ enterprise }} at {{ conference }}",
                                         subject_zh="通知", body_zh="您好 {{ enterprise }}")
    for template, (context, expected) in contexts(world).items():
        email = OutgoingEmail.objects.create(
            template=template, recipient="anna@maple.example", recipient_name="Anna Smith",
            language=language, context=context, idempotency_key=f"{template}:{language}",
            conference=world.conference, next_attempt_at=timezone.now(),
            mailing=mailing if template == "bulk_mail" else None)

        rendered = render_email(email)

        assert rendered.subject and "\n" not in rendered.subject, template
        for value in expected:
            value = value.format(**names)
            if template == "bulk_mail":
                value = names["buyer"]
            assert value in rendered.text, (template, value)
            assert value.replace("&", "&amp;") in rendered.html, (template, value)
        if template not in ("password_reset", "bulk_mail"):
            assert names["conference"] in rendered.text + rendered.subject, template
        _assert_language(template, rendered, language)


def _assert_language(template, rendered, language):
    words = rendered.text
    for name in NAMES["zh-hans"].values():
        words = words.replace(name, "")
    chinese = bool(CJK.search(words))
    assert chinese == (language == "zh-hans"), (template, rendered.text)
    if template != "bulk_mail":
        assert bool(CJK.search(rendered.subject)) == (language == "zh-hans"), template


def test_agenda_email_attaches_the_days_meetings_as_ics(world):
    email = OutgoingEmail.objects.create(
        template="agenda_day_before", recipient="anna@maple.example", language="en",
        context={"enterprise": world.buyer.pk, "date": world.conference.start_date.isoformat()},
        idempotency_key="agenda", conference=world.conference, next_attempt_at=timezone.now())

    (name, body, mimetype), = render_email(email).attachments

    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert body.count(b"BEGIN:VEVENT") == 1
    assert b"TZID=Asia/Shanghai" in body
    assert b"Suzhou Taihu Software" in body


def test_text_of_a_message_is_escaped_in_html_and_verbatim_in_text(world):
    world.request.message = "<script>alert(1)</script> & more"
    world.request.save()
    email = OutgoingEmail.objects.create(
        template="request_received", recipient="anna@maple.example", language="en",
        context={"request": world.request.pk}, idempotency_key="x",
        conference=world.conference, next_attempt_at=timezone.now())

    rendered = render_email(email)

    assert "<script>alert(1)</script> & more" in rendered.text
    assert "&lt;script&gt;" in rendered.html and "<script>" not in rendered.html

"""The outbox, wording and bulk mail pages: organizers only."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse

from events.models import AuditEntry
from matchmaking.outbox.models import BulkMailing, EmailStatus, OutgoingEmail, TemplateOverride
from matchmaking.outbox.selectors import Recipient
from matchmaking.outbox.services import queue_email

pytestmark = pytest.mark.django_db


def failed_email(key="failed", **kw):
    email = queue_email(template="password_reset",
                        recipient=Recipient("bob@example.com", "Bob", "en"), key=key,
                        context={"email": "bob@example.com",
                                 "reset_url": "https://x.example/reset/visa/"}, **kw)
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.FAILED, attempts=8,
                                                     last_error="SMTPRecipientsRefused: 550")
    return email


@pytest.mark.parametrize("url", [
    reverse("admin:outbox_outgoingemail_changelist"),
    reverse("admin:outbox_templateoverride_changelist"),
    reverse("admin:outbox_templateoverride_add"),
    reverse("admin:outbox_bulkmailing_add"),
    reverse("admin:outbox_templateoverride_preview"),
])
def test_reviewers_may_not_open_the_outbox_pages(reviewer_client, url):
    response = reviewer_client.get(url)

    assert response.status_code == 403


def test_reviewers_cannot_see_an_email_or_its_preview(reviewer_client):
    email = failed_email()

    change = reviewer_client.get(reverse("admin:outbox_outgoingemail_change", args=[email.pk]))
    frame = reviewer_client.get(reverse("admin:outbox_outgoingemail_preview", args=[email.pk]))

    assert change.status_code == 403 and frame.status_code == 403


def test_outbox_lists_and_filters_emails_in_pinned_queries(organizer_client, conference,
                                                           django_assert_max_num_queries):
    for n in range(12):
        queue_email(template="password_reset", recipient=Recipient(f"p{n}@example.com", "", "en"),
                    key=f"k{n}", context={"email": f"p{n}@example.com", "reset_url": "https://x/"},
                    conference=conference)
    failed_email()
    url = reverse("admin:outbox_outgoingemail_changelist")

    with django_assert_max_num_queries(12):
        page = organizer_client.get(url).content.decode()
    failed = organizer_client.get(url, {"status": "failed"}).content.decode()
    searched = organizer_client.get(url, {"q": "p7@example.com"}).content.decode()

    assert "p11@example.com" in page and "bob@example.com" in page
    assert "bob@example.com" in failed and "p3@example.com" not in failed
    assert "p7@example.com" in searched and "p8@example.com" not in searched


def test_email_page_previews_text_and_html_as_the_recipient_sees_them(organizer_client):
    email = failed_email()

    page = organizer_client.get(reverse("admin:outbox_outgoingemail_change", args=[email.pk]))
    frame = organizer_client.get(reverse("admin:outbox_outgoingemail_preview", args=[email.pk]))

    assert "https://x.example/reset/visa/" in page.content.decode()
    assert b'href="https://x.example/reset/visa/"' in frame.content
    assert "default-src 'none'" in frame["Content-Security-Policy"]
    assert frame["X-Frame-Options"] == "SAMEORIGIN"


def test_resend_makes_a_linked_copy_and_retry_sends_a_failed_one(
        organizer_client, organizer, django_capture_on_commit_callbacks):
    email = failed_email()
    url = reverse("admin:outbox_outgoingemail_changelist")

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(url, {"action": "resend", "_selected_action": [email.pk]})
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(url, {"action": "retry_now", "_selected_action": [email.pk]})

    copy = OutgoingEmail.objects.get(resent_from=email)
    email.refresh_from_db()
    assert copy.idempotency_key != email.idempotency_key and copy.status == EmailStatus.SENT
    assert email.status == EmailStatus.SENT and email.attempts == 9
    assert len(mail.outbox) == 2
    assert set(AuditEntry.objects.filter(actor=organizer).values_list("action", flat=True)) == {
        "email.resend", "email.retry"}


def wording(conference, **texts):
    return {"conference": conference.pk, "template": "registration_approved",
            "subject_en": "", "body_en": "", "subject_zh": "", "body_zh": "", **texts}


def test_wording_with_a_template_error_is_refused_with_a_clear_message(organizer_client,
                                                                       conference):
    response = organizer_client.post(reverse("admin:outbox_templateoverride_add"), wording(
        conference, body_en="Welcome {% if enterprise %}aboard"))

    assert response.status_code == 200
    assert "This wording does not work" in response.content.decode()
    assert "endif" in response.content.decode()
    assert not TemplateOverride.objects.exists()


def test_wording_preview_renders_both_languages_with_sample_values(organizer_client,
                                                                   conference):
    conference.name_zh = "服务外包大会"
    conference.save()

    response = organizer_client.post(reverse("admin:outbox_templateoverride_preview"), wording(
        conference, subject_en="Welcome, {{ enterprise }}!", body_zh="欢迎 {{ enterprise }}"))

    page = response.content.decode()
    assert "Welcome, Maple Analytics Inc.!" in page
    assert "欢迎 枫叶分析有限公司" in page
    assert "服务外包大会" in page  # the default Chinese subject, with the conference's name
    assert "{{ enterprise }}" in page  # the variables are listed


def test_saved_wording_is_used_for_that_conferences_emails(
        organizer_client, organizer, world, django_capture_on_commit_callbacks):
    response = organizer_client.post(reverse("admin:outbox_templateoverride_add"), wording(
        world.conference, template="meeting_cancelled",
        subject_en="Cancelled: {{ counterpart }}", body_en="Sorry, {{ reason }}"))
    assert response.status_code == 302

    from matchmaking.services import booking
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel_meeting(meeting=world.meeting, enterprise=None, reason="the hall flooded")

    english = next(m for m in mail.outbox if m.to == ["anna@maple.example"])
    chinese = next(m for m in mail.outbox if m.to == ["li@taihu.example"])
    assert english.subject == "Cancelled: Suzhou Taihu Software"
    assert english.body.startswith("Sorry, the hall flooded")
    assert "the hall flooded" in chinese.body and "取消" in chinese.subject  # default wording
    assert AuditEntry.objects.filter(action="email_override.save", actor=organizer).exists()


def test_bulk_mail_page_counts_previews_and_sends_once(organizer_client, world,
                                                       django_capture_on_commit_callbacks):
    url = reverse("admin:outbox_bulkmailing_add")
    data = {"token": str(uuid.uuid4()), "conference": world.conference.pk,
            "statuses": ["approved"], "roles": ["supplier"], "has_meetings": "yes",
            "subject_en": "Welcome dinner", "body_en": "Dear {{ enterprise }}, see you at 7."}

    preview = organizer_client.post(url, {**data, "_preview": "1"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = organizer_client.post(url, {**data, "_send": "1"})
    again = organizer_client.post(url, {**data, "_send": "1"}, follow=True)

    assert "1 company" in preview and "1 address" in preview
    assert "Dear Suzhou Taihu Software, see you at 7." in preview
    assert sent.status_code == 302
    assert "already sent" in again.content.decode()
    assert BulkMailing.objects.count() == 1
    assert [m.to for m in mail.outbox if m.subject == "Welcome dinner"] == [["li@taihu.example"]]

"""Every status and choice word is translated where it appears: no e-mail in Chinese
carries a raw choice value ("答复：accepted")."""

import re

import pytest
from django.apps import apps
from django.utils import timezone

from matchmaking.outbox.models import BulkMailing, OutgoingEmail
from matchmaking.outbox.render import render_email
from tests.outbox.conftest import world  # noqa: F401 - fixture
from tests.outbox.test_rendering import contexts

pytestmark = pytest.mark.django_db


def choice_words() -> set[str]:
    """Every stored choice value of every model that reads like an English word."""
    words = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or ():
                if isinstance(value, str) and re.fullmatch(r"[a-z_]{4,}", value):
                    words.add(value)
    return words


def test_chinese_emails_carry_no_raw_choice_value(world):  # noqa: F811
    words = choice_words() - {"both"}  # "both" is no status; samples may say it in English
    assert {"accepted", "pending", "approved", "scheduled"} <= words
    mailing = BulkMailing.objects.create(conference=world.conference, subject_en="News",
                                         body_en="Hello", subject_zh="通知", body_zh="您好")
    for template, (context, _expected) in contexts(world).items():
        email = OutgoingEmail.objects.create(
            template=template, recipient="anna@maple.example", recipient_name="Anna Smith",
            language="zh-hans", context=context, idempotency_key=f"{template}:zh",
            conference=world.conference, next_attempt_at=timezone.now(),
            mailing=mailing if template == "bulk_mail" else None)

        rendered = render_email(email)

        text = rendered.subject + "\n" + rendered.text
        found = {w for w in words if re.search(rf"(?<![\w/.-]){w}(?![\w/.-])", text)}
        assert not found, (template, found, text)

"""E-mail to the people of an enterprise, sent after the transaction commits."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import translation

from accounts.models import Enterprise


def recipients(enterprise: Enterprise) -> list[tuple[str, str]]:
    """(e-mail, language) of the enterprise's users, or of its delegates if it has none."""
    users = [(u.email, u.language) for u in enterprise.users.filter(is_active=True)]
    if users:
        return users
    return [(d.email, "en") for d in enterprise.delegates.all()]


def notify(enterprise: Enterprise, subject, body, **params) -> None:
    """Queue a message; `subject` and `body` are lazy translations rendered per reader."""
    messages = []
    for email, language in recipients(enterprise):
        with translation.override(language):
            messages.append(
                (str(subject) % params, str(body) % params, settings.DEFAULT_FROM_EMAIL, [email])
            )
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))

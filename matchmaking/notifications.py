"""E-mail to the people of an enterprise, sent after the transaction commits."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import translation

from accounts.models import Enterprise, User
from accounts.roles import ORGANIZERS


def recipients(enterprise: Enterprise) -> list[tuple[str, str]]:
    """(e-mail, language) of the enterprise's users, or of its delegates if it has none."""
    users = [(u.email, u.language) for u in enterprise.users.filter(is_active=True)]
    if users:
        return users
    return [(d.email, "en") for d in enterprise.delegates.all()]


def notify(enterprise: Enterprise, subject, body, **params) -> None:
    """Queue a message; `subject` and `body` are lazy translations rendered per reader."""
    _queue(recipients(enterprise), subject, body, params)


def notify_organizers(subject, body, **params) -> None:
    """Queue a message to every active member of the Organizers group, each in their
    language (added for the re-review notice of accounts' vetting)."""
    users = User.objects.filter(groups__name=ORGANIZERS, is_active=True).distinct()
    _queue([(u.email, u.language) for u in users], subject, body, params)


def _queue(readers: list[tuple[str, str]], subject, body, params: dict) -> None:
    messages = []
    for email, language in readers:
        with translation.override(language):
            messages.append(
                (str(subject) % params, str(body) % params, settings.DEFAULT_FROM_EMAIL, [email])
            )
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))

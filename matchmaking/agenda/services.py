"""The private calendar address: created, replaced or turned off by the company."""

from django.db import transaction
from django.utils import timezone

from events.caching import forget, remember
from events.services import record_audit
from matchmaking.agenda.models import FeedToken


def live_feed_token(*, conference, enterprise) -> FeedToken | None:
    return FeedToken.objects.filter(conference=conference, enterprise=enterprise,
                                    revoked_at__isnull=True).first()


def _secret_key(conference, enterprise) -> str:
    return f"agenda:feed:{conference.pk}:{enterprise.pk}"


def live_feed_secret(*, conference, enterprise) -> str | None:
    """The live address's secret, for the agenda page: cached until issued or revoked."""
    def secret():
        token = live_feed_token(conference=conference, enterprise=enterprise)
        return token.secret if token else None

    return remember(_secret_key(conference, enterprise), secret)


@transaction.atomic
def issue_feed_token(*, conference, enterprise, actor) -> FeedToken:
    """The live address, created if there is none (pressing twice creates one)."""
    token = live_feed_token(conference=conference, enterprise=enterprise)
    if token is None:
        token = FeedToken.objects.create(conference=conference, enterprise=enterprise)
        forget(_secret_key(conference, enterprise))
        record_audit(actor=actor, action="agenda.feed_issued", target=token)
    return token


@transaction.atomic
def revoke_feed_token(*, conference, enterprise, actor) -> int:
    """Turn the address off: calendars subscribed to it get nothing more."""
    tokens = list(FeedToken.objects.select_for_update().filter(
        conference=conference, enterprise=enterprise, revoked_at__isnull=True))
    for token in tokens:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        forget(_secret_key(conference, enterprise))
        record_audit(actor=actor, action="agenda.feed_revoked", target=token)
    return len(tokens)


@transaction.atomic
def rotate_feed_token(*, conference, enterprise, actor) -> FeedToken:
    """A new address; the old one stops working at once."""
    revoke_feed_token(conference=conference, enterprise=enterprise, actor=actor)
    return issue_feed_token(conference=conference, enterprise=enterprise, actor=actor)

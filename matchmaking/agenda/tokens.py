"""Secret, signed tokens for the check-in QR code (a URL that works without a session).
Signed with SECRET_KEY, so they need no model; rotating the key revokes them all. The
calendar feed uses a stored secret instead (models.FeedToken), which a company can
replace or turn off; FEED_SALT remains only so that old signed feed links are refused."""

from django.core import signing

FEED_SALT = "matchmaking.agenda.feed"
CHECK_IN_SALT = "matchmaking.agenda.check-in"


def make_token(*, conference_id: int, enterprise_id: int, salt: str) -> str:
    return signing.dumps([conference_id, enterprise_id], salt=salt)


def read_token(token: str, *, salt: str) -> tuple[int, int]:
    """(conference id, enterprise id); raises signing.BadSignature for a forged token."""
    value = signing.loads(token, salt=salt)
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        raise signing.BadSignature("malformed agenda token")
    return value[0], value[1]

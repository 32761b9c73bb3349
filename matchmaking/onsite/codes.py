"""The codes the check-in desk scans.

Two kinds exist: the agenda's QR code names a company (signed [conference, enterprise]
with the agenda's check-in salt, see matchmaking/agenda/tokens.py), a badge's names one
delegate (signed [conference, delegate] with BADGE_SALT). Both are printed as URLs, so a
phone's own camera app opens the check-in page too; the desk's scanner reads the same URL
and sends it whole. `read_code` accepts a URL, a path or a bare token.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core import signing

from matchmaking.agenda import tokens

BADGE_SALT = "matchmaking.onsite.badge"
DELEGATE, ENTERPRISE = "delegate", "enterprise"


@dataclass(frozen=True)
class Code:
    kind: str  # DELEGATE or ENTERPRISE
    conference_id: int
    pk: int


def badge_token(*, conference_id: int, delegate_id: int) -> str:
    return tokens.make_token(conference_id=conference_id, enterprise_id=delegate_id,
                             salt=BADGE_SALT)


def _token_of(text: str) -> str:
    text = text.strip()
    path = urlsplit(text).path if "/" in text else text
    parts = [part for part in path.split("/") if part]
    return parts[-1] if parts else ""


def read_code(text: str) -> Code | None:
    """The code a scanned text carries, or None when it is no code of ours."""
    token = _token_of(text)
    for kind, salt in ((DELEGATE, BADGE_SALT), (ENTERPRISE, tokens.CHECK_IN_SALT)):
        try:
            conference_id, pk = tokens.read_token(token, salt=salt)
        except signing.BadSignature:
            continue
        return Code(kind, conference_id, pk)
    return None

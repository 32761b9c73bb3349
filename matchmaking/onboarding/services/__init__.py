"""Writes of onboarding: invitations (invite, resend, revoke, accept) and public
applications (submit, confirm). Each is one transaction with an audit entry; e-mails go
through the outbox in the same transaction."""

from matchmaking.onboarding.services.applications import (
    ApplicationInput,
    confirm_application,
    submit_application,
)
from matchmaking.onboarding.services.invitations import (
    accept_invitation,
    invite_delegates,
    resend_invitation,
    revoke_invitation,
)

__all__ = ["ApplicationInput", "accept_invitation", "confirm_application", "invite_delegates",
           "resend_invitation", "revoke_invitation", "submit_application"]

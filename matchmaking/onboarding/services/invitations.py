"""Invitations: a one-time link, valid INVITATION_DAYS, for a delegate to set a password
and sign in for the enterprise."""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Delegate, User
from accounts.services import create_company_user, set_user_language
from events.errors import DomainError
from events.models import Conference
from events.services import record_audit
from matchmaking.onboarding.models import Invitation, InvitationStatus
from matchmaking.onboarding.selectors import invitable_delegates, latest_conference
from matchmaking.onboarding.tokens import digest, new_token
from matchmaking.outbox.notices import queue_invitation
from matchmaking.outbox.selectors import Recipient, delegate_language


def accept_url(token: str, language: str) -> str:
    """The link in the invitation, in its reader's language."""
    with translation.override(language):
        return settings.SITE_URL.rstrip("/") + reverse("onboarding:accept", args=[token])


def _expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=settings.INVITATION_DAYS)


def _send(invitation: Invitation, token: str) -> None:
    recipient = Recipient(invitation.email, invitation.full_name, invitation.language)
    queue_invitation(recipient=recipient, enterprise=invitation.enterprise,
                     conference=invitation.conference,
                     accept_url=accept_url(token, invitation.language),
                     expires_at=invitation.expires_at,
                     key=f"invitation:{invitation.pk}:{invitation.sent_count}")


@transaction.atomic
def invite_delegates(*, delegates: Iterable[Delegate], actor,
                     conference: Conference | None = None) -> list[Invitation]:
    """Invite each of `delegates` who has no account and no open invitation yet (the
    others are skipped); the e-mail names `conference`, else the enterprise's latest."""
    chosen = [d.pk for d in delegates]
    invited = []
    for delegate in invitable_delegates_of(chosen):
        _close_expired(delegate)
        where = conference or latest_conference(delegate.enterprise)
        token, token_hash = new_token()
        invitation = Invitation.objects.create(
            enterprise=delegate.enterprise, delegate=delegate, conference=where,
            email=delegate.email.lower(), full_name=delegate.full_name,
            language=delegate_language(delegate, where), token_hash=token_hash,
            expires_at=_expiry(), invited_by=_person(actor))
        _send(invitation, token)
        record_audit(actor=actor, action="invitation.create", target=invitation,
                     data={"enterprise": delegate.enterprise_id, "delegate": delegate.pk})
        invited.append(invitation)
    return invited


def _close_expired(delegate: Delegate) -> None:
    """An invitation past its date makes way for the new one (one open per address)."""
    Invitation.objects.filter(enterprise=delegate.enterprise_id, email__iexact=delegate.email,
                              status=InvitationStatus.INVITED,
                              expires_at__lte=timezone.now()).update(
        status=InvitationStatus.EXPIRED)


def invitable_delegates_of(delegate_ids: list[int]):
    delegates = Delegate.objects.filter(pk__in=delegate_ids).values("enterprise")
    return invitable_delegates(delegates).filter(pk__in=delegate_ids)


def _person(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _locked(invitation: Invitation) -> Invitation:
    # of=self: PostgreSQL cannot lock the nullable side (conference) of the join.
    return Invitation.objects.select_for_update(of=("self",)).select_related(
        "enterprise", "conference").get(pk=invitation.pk)


@transaction.atomic
def resend_invitation(*, invitation: Invitation, actor) -> Invitation:
    """A new link (the old one stops working) with a new expiry, sent again."""
    invitation = _locked(invitation)
    if invitation.status not in (InvitationStatus.INVITED, InvitationStatus.EXPIRED):
        raise DomainError(_("The invitation of %(email)s is %(status)s; it cannot be resent.")
                          % {"email": invitation.email,
                             "status": invitation.get_status_display().lower()},
                          code="bad_transition")
    token, invitation.token_hash = new_token()
    invitation.status = InvitationStatus.INVITED
    invitation.expires_at, invitation.sent_at = _expiry(), timezone.now()
    invitation.sent_count += 1
    invitation.save()
    _send(invitation, token)
    record_audit(actor=actor, action="invitation.resend", target=invitation,
                 data={"sent_count": invitation.sent_count})
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, actor) -> Invitation:
    invitation = _locked(invitation)
    if invitation.status != InvitationStatus.INVITED:
        raise DomainError(_("The invitation of %(email)s is %(status)s; it cannot be revoked.")
                          % {"email": invitation.email,
                             "status": invitation.get_status_display().lower()},
                          code="bad_transition")
    invitation.status = InvitationStatus.REVOKED
    invitation.save(update_fields=["status"])
    record_audit(actor=actor, action="invitation.revoke", target=invitation)
    return invitation


def open_invitation(token: str) -> Invitation:
    """The invitation a link stands for, if it can still be accepted; DomainError with
    code "invalid" or "expired" otherwise."""
    invitation = Invitation.objects.select_related("enterprise", "conference").filter(
        token_hash=digest(token)).first()
    if invitation is None or invitation.status != InvitationStatus.INVITED:
        raise DomainError(_("This invitation link is not valid any more. It may have been "
                            "used already, replaced by a newer one, or withdrawn."),
                          code="invalid")
    if invitation.is_expired:
        raise DomainError(_("This invitation expired on %(date)s. Ask the organizers to send "
                            "you a new one.") % {"date": invitation.expires_at.date()},
                          code="expired")
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, password: str) -> User:
    """Set the password of the invited person's company account (created, or activated if
    it exists) and close the invitation. The caller signs the user in."""
    invitation = _locked(open_invitation(token))
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is not None and (user.is_staff or user.enterprise_id not in (
            None, invitation.enterprise_id)):
        raise DomainError(_("This e-mail address already signs in for another account. Ask "
                            "the organizers for help."), code="taken")
    check_password(password, user or User(email=invitation.email,
                                           full_name=invitation.full_name))
    if user is None:
        user = create_company_user(enterprise=invitation.enterprise, email=invitation.email,
                                   password=password, full_name=invitation.full_name)
    else:
        user.enterprise, user.is_active = invitation.enterprise, True
        user.set_password(password)
        user.save(update_fields=["enterprise", "is_active", "password"])
    set_user_language(user=user, language=invitation.language)
    invitation.status, invitation.accepted_at = InvitationStatus.ACCEPTED, timezone.now()
    invitation.user = user
    invitation.save(update_fields=["status", "accepted_at", "user"])
    record_audit(actor=user, action="invitation.accept", target=invitation,
                 data={"user": user.pk})
    return user


def check_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), code="weak_password",
                          fields={"password1": error.messages}) from error

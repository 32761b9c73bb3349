"""Invitation life cycle: invite, e-mail in the delegate's language, accept (password,
account, sign-in), resend, revoke, expiry; the admin action and the command."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from events.errors import DomainError
from matchmaking.onboarding.models import Invitation, InvitationStatus
from matchmaking.onboarding.services import (
    accept_invitation,
    invite_delegates,
    resend_invitation,
    revoke_invitation,
)
from matchmaking.outbox.models import OutgoingEmail
from matchmaking.outbox.render import render_email
from tests.factories import CompanyUserFactory, DelegateFactory, approved

pytestmark = pytest.mark.django_db
PASSWORD = "long-enough-passphrase-42"
LINK = re.compile(r"https://match\.example\.com(/(?:zh-hans/)?invitation/[\w-]+/)")


@pytest.fixture
def company(conference):
    enterprise = approved(conference).enterprise
    DelegateFactory(enterprise=enterprise, email="wang@example.cn", full_name="王芳",
                    languages="zh,en")
    return enterprise


def link_of(email: OutgoingEmail) -> str:
    return LINK.search(render_email(email).text).group(1)


def path_for(address: str) -> str:
    return link_of(OutgoingEmail.objects.get(template="invitation", recipient=address))


def token_for(address: str) -> str:
    return path_for(address).rstrip("/").rsplit("/", 1)[1]


def invite(company, organizer, conference):
    return invite_delegates(delegates=company.delegates.all(), actor=organizer,
                            conference=conference)


def test_invite_sends_one_email_per_delegate_in_their_language(company, organizer, conference):
    invitations = invite(company, organizer, conference)

    assert len(invitations) == 2
    chinese = next(i for i in invitations if i.email == "wang@example.cn")
    assert chinese.language == "zh-hans" and chinese.status == InvitationStatus.INVITED
    assert chinese.expires_at - timezone.now() > dt.timedelta(days=13, hours=23)
    email = OutgoingEmail.objects.get(template="invitation", recipient="wang@example.cn")
    rendered = render_email(email)
    assert "/zh-hans/invitation/" in rendered.text and "邀请" in rendered.subject
    assert company.legal_name in rendered.text or company.name_zh in rendered.text
    # Only the hash is stored: the link's token is not in the row.
    token = link_of(email).rstrip("/").rsplit("/", 1)[1]
    assert token not in chinese.token_hash and len(chinese.token_hash) == 64


def test_inviting_again_skips_people_with_an_account_or_an_open_invitation(
        company, organizer, conference):
    CompanyUserFactory(enterprise=company, email=company.delegates.first().email)
    first = invite(company, organizer, conference)
    again = invite(company, organizer, conference)

    assert len(first) == 1 and again == []
    assert OutgoingEmail.objects.filter(template="invitation").count() == 1


def test_accepting_sets_the_password_creates_the_account_and_signs_in(
        client, company, organizer, conference):
    invite(company, organizer, conference)
    path = path_for("wang@example.cn")

    page = client.get(path)
    response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD}, follow=True)

    assert company.legal_name in page.content.decode()
    assert response.redirect_chain[-1][0] == reverse("portal:dashboard")
    assert response.wsgi_request.user.email == "wang@example.cn"
    user = User.objects.get(email="wang@example.cn")
    assert user.enterprise == company and user.language == "zh-hans" and not user.is_staff
    assert user.check_password(PASSWORD)
    invitation = Invitation.objects.get(email="wang@example.cn")
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.user == user


def test_a_link_works_once(client, company, organizer, conference):
    invite(company, organizer, conference)
    path = path_for("wang@example.cn")
    client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    client.logout()

    response = client.post(path, {"password1": "another-pass-9876", "password2":
                                  "another-pass-9876"})

    assert response.status_code == 404
    assert "已失效" in response.content.decode()  # the link is in Chinese
    assert User.objects.get(email="wang@example.cn").check_password(PASSWORD)


def test_an_expired_link_is_refused_and_shown_expired(client, company, organizer, conference):
    invitation = next(i for i in invite(company, organizer, conference)
                      if i.email == "wang@example.cn")
    path = path_for("wang@example.cn")
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1))

    response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD})

    assert response.status_code == 410
    assert "过期" in response.content.decode() or "expired" in response.content.decode()
    assert not User.objects.filter(email="wang@example.cn").exists()
    invitation.refresh_from_db()
    assert invitation.current_status == InvitationStatus.EXPIRED


def test_inviting_again_after_expiry_sends_a_new_invitation(company, organizer, conference):
    first = invite(company, organizer, conference)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(days=1))

    again = invite(company, organizer, conference)

    assert len(again) == len(first) == 2
    statuses = sorted(Invitation.objects.values_list("status", flat=True))
    assert statuses == ["expired", "expired", "invited", "invited"]


def test_resend_replaces_the_link_and_renews_the_expiry(company, organizer, conference):
    invitation = invite(company, organizer, conference)[0]
    old_path = path_for(invitation.email)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(days=1))

    resent = resend_invitation(invitation=invitation, actor=organizer)

    emails = OutgoingEmail.objects.filter(recipient=invitation.email, template="invitation")
    assert emails.count() == 2 and resent.sent_count == 2
    assert resent.current_status == InvitationStatus.INVITED
    new_path = link_of(emails.order_by("-pk").first())
    assert new_path != old_path
    with pytest.raises(DomainError):
        accept_invitation(token=old_path.rstrip("/").rsplit("/", 1)[1], password=PASSWORD)
    user = accept_invitation(token=new_path.rstrip("/").rsplit("/", 1)[1], password=PASSWORD)
    assert user.enterprise == company


def test_a_revoked_invitation_cannot_be_accepted(company, organizer, conference):
    invitation = invite(company, organizer, conference)[0]
    token = token_for(invitation.email)

    revoke_invitation(invitation=invitation, actor=organizer)

    with pytest.raises(DomainError) as error:
        accept_invitation(token=token, password=PASSWORD)
    assert error.value.code == "invalid"
    with pytest.raises(DomainError):
        revoke_invitation(invitation=invitation, actor=organizer)


def test_a_weak_password_is_a_form_error(client, company, organizer, conference):
    invite(company, organizer, conference)
    path = path_for("wang@example.cn")

    response = client.post(path, {"password1": "123", "password2": "123"})

    assert response.status_code == 400
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="wang@example.cn").exists()


def test_an_address_of_another_company_is_refused(company, organizer, conference):
    invitation = invite(company, organizer, conference)[0]
    token = token_for(invitation.email)
    CompanyUserFactory(email=invitation.email)  # another enterprise meanwhile

    with pytest.raises(DomainError) as error:
        accept_invitation(token=token, password=PASSWORD)
    assert error.value.code == "taken"


def test_admin_action_on_registrations_invites_and_the_admin_shows_the_status(
        organizer_client, company, conference):
    registration = company.registrations.get()
    response = organizer_client.post(
        reverse("admin:accounts_registration_changelist"),
        {"action": "invite_delegates", "_selected_action": [registration.pk]}, follow=True)

    assert "2 invitations sent." in response.content.decode()
    listing = organizer_client.get(reverse("admin:onboarding_invitation_changelist"),
                                   {"state": "invited"})
    assert listing.context["cl"].result_count == 2
    assert "wang@example.cn" in listing.content.decode()


def test_reviewers_cannot_invite(reviewer_client, company):
    response = reviewer_client.post(
        reverse("admin:accounts_enterprise_changelist"),
        {"action": "invite_delegates", "_selected_action": [company.pk]})

    assert response.status_code in (200, 302, 403)
    assert not Invitation.objects.exists()


def test_command_invites_every_approved_enterprise_once(conference, organizer):
    for _ in range(3):
        approved(conference, delegates=2)
    out, err = StringIO(), StringIO()

    call_command("invite_companies", str(conference.edition), "--dry-run", stdout=out,
                 stderr=err)
    assert out.getvalue().strip() == "Dry run, nothing sent: 6 invitations"
    assert not Invitation.objects.exists()

    call_command("invite_companies", str(conference.edition), stdout=out, stderr=err)
    assert out.getvalue().strip().endswith("6 invitations")
    assert "100%" in err.getvalue()
    assert OutgoingEmail.objects.filter(template="invitation").count() == 6

    again = StringIO()
    call_command("invite_companies", str(conference.edition), stdout=again, stderr=err)
    assert again.getvalue().strip() == "0 invitations"


def test_command_with_an_unknown_edition_exits_2_with_one_line(db):
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("invite_companies", "999", stdout=StringIO(), stderr=StringIO())

    assert error.value.returncode == 2
    assert str(error.value) == "No conference with edition 999."


def test_delegates_imported_from_a_file_are_invited_from_the_delegates_list(
        organizer_client, organizer, conference):
    import tablib

    from accounts.models import Delegate
    from accounts.resources import DelegateResource
    from tests.factories import EnterpriseFactory

    enterprise = EnterpriseFactory(legal_name="Lakeside GmbH")
    rows = tablib.Dataset(["Lakeside GmbH", "jonas@lakeside.example", "Jonas Weber", "Head",
                           "director", "de"],
                          headers=["enterprise", "email", "full_name", "title", "seniority",
                                   "languages"])
    result = DelegateResource(actor=organizer).import_data(rows, dry_run=False)
    assert not result.has_errors()
    imported = Delegate.objects.get(email="jonas@lakeside.example")

    organizer_client.post(reverse("admin:accounts_delegate_changelist"),
                          {"action": "invite_delegates", "_selected_action": [imported.pk]})

    invitation = Invitation.objects.get()
    assert invitation.enterprise == enterprise and invitation.language == "en"
    assert OutgoingEmail.objects.filter(template="invitation",
                                        recipient="jonas@lakeside.example").count() == 1

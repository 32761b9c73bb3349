"""Sign-in accounts: staff (organizers, reviewers) and company users."""

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import Enterprise, User
from events.services import record_audit


@transaction.atomic
def create_staff_user(*, email: str, password: str, role: str, full_name: str = "", actor=None):
    """An organizer or reviewer: staff, in the role's group, without an enterprise."""
    user = User.objects.create_user(email, password, full_name=full_name, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    record_audit(actor=actor, action="user.create_staff", target=user, data={"role": role})
    return user


@transaction.atomic
def create_company_user(
    *, enterprise: Enterprise, email: str, password: str | None, full_name: str = "", actor=None
):
    """A company user signs in for exactly one enterprise and never reaches the admin."""
    user = User.objects.create_user(email, password, full_name=full_name, enterprise=enterprise)
    record_audit(actor=actor, action="user.create_company", target=user,
                 data={"enterprise": enterprise.pk})
    return user


def set_user_language(*, user, language: str) -> None:
    """Remember the language a person chose, for the e-mail we send them."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])

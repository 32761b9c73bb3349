"""Writes on enterprises, delegates and registrations: the vetting workflow.

Each function is one transaction and leaves an audit entry. Domain refusals
raise `DomainError` with a message fit to show the organizer.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import eligibility
from accounts.models import Delegate, Enterprise, Registration, RegistrationStatus, User
from accounts.signals import registration_decided
from events.errors import DomainError
from events.models import Conference
from events.services import ensure_rules, record_audit

# The fields an organizer has checked; changing one after approval reopens review.
VETTED_ENTERPRISE_FIELDS = ("contract_value_usd", "country", "role")
VETTED_DELEGATE_FIELDS = ("seniority",)

DECIDABLE = {
    "approve": {RegistrationStatus.SUBMITTED, RegistrationStatus.UNDER_REVIEW,
                RegistrationStatus.WAITLISTED, RegistrationStatus.REJECTED},
    "reject": {RegistrationStatus.SUBMITTED, RegistrationStatus.UNDER_REVIEW,
               RegistrationStatus.WAITLISTED, RegistrationStatus.APPROVED},
    "waitlist": {RegistrationStatus.SUBMITTED, RegistrationStatus.UNDER_REVIEW,
                 RegistrationStatus.APPROVED, RegistrationStatus.REJECTED},
}


def evaluate_registration(*, registration: Registration) -> Registration:
    """Store each rule's result on the registration (no audit: it is derived data)."""
    enterprise = registration.enterprise
    results = eligibility.evaluate(
        enterprise=enterprise,
        conference=registration.conference,
        rules=ensure_rules(conference=registration.conference),
        delegates=list(enterprise.delegates.all()),
        field_ids=[f.pk for f in enterprise.fields.all()],
    )
    registration.rule_results = [result.as_json() for result in results]
    registration.passes_rules = all(result.passed for result in results)
    failed = [result.code for result in results if not result.passed]
    registration.failed_rule_codes = f",{','.join(failed)}," if failed else ""
    Registration.objects.filter(pk=registration.pk).update(
        rule_results=registration.rule_results,
        passes_rules=registration.passes_rules,
        failed_rule_codes=registration.failed_rule_codes,
    )
    return registration


def reevaluate_conference(*, conference: Conference) -> int:
    """Re-check every registration of a conference, for example after its rules changed."""
    registrations = Registration.objects.filter(conference=conference).select_related(
        "enterprise", "conference"
    )
    for registration in registrations:
        evaluate_registration(registration=registration)
    return len(registrations)


@transaction.atomic
def submit_registration(
    *, conference: Conference, enterprise: Enterprise, actor=None, notes: str = ""
) -> Registration:
    """Apply for a conference; a withdrawn application is submitted again."""
    registration, created = Registration.objects.select_for_update().get_or_create(
        conference=conference, enterprise=enterprise, defaults={"notes": notes}
    )
    if not created and registration.status != RegistrationStatus.WITHDRAWN:
        raise DomainError(
            _("%(enterprise)s has already applied for this conference.")
            % {"enterprise": enterprise},
            code="duplicate",
        )
    registration.status = RegistrationStatus.SUBMITTED
    registration.save(update_fields=["status", "updated_at"])
    evaluate_registration(registration=registration)
    record_audit(actor=actor, action="registration.submit", target=registration)
    return registration


def _locked(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update()
        .select_related("enterprise", "conference")
        .get(pk=registration.pk)
    )


def _check_transition(registration: Registration, decision: str) -> None:
    if registration.status not in DECIDABLE[decision]:
        raise DomainError(
            _("%(registration)s is %(status)s and cannot be changed that way.")
            % {"registration": registration, "status": registration.get_status_display()},
            code="bad_transition",
        )


def _decide(registration, *, actor, status, reason="") -> Registration:
    registration.status = status
    registration.reviewer = actor
    registration.decided_at = timezone.now()
    registration.decision_reason = reason
    registration.save()
    record_audit(
        actor=actor, action=f"registration.{status}", target=registration, reason=reason,
        data={"failed_rules": [r["code"] for r in registration.failed_rules]},
    )
    registration_decided.send(sender=Registration, registration=registration, status=status)
    return registration


@transaction.atomic
def approve_registration(
    *, registration: Registration, actor, override_reason: str = ""
) -> Registration:
    """Approve; a registration failing a rule needs an override reason and the right to
    override. Rules are evaluated again under the lock, so the decision sees current data."""
    registration = _locked(registration)
    _check_transition(registration, "approve")
    evaluate_registration(registration=registration)
    failed = registration.failed_rules
    override_reason = override_reason.strip()
    if failed and not override_reason:
        raise DomainError(
            _("%(registration)s fails a rule: %(rules)s Record an override reason to approve it.")
            % {
                "registration": registration.enterprise,
                "rules": " ".join(eligibility.describe(r) for r in failed),
            },
            code="fails_rules",
        )
    if failed and not actor.has_perm("accounts.override_eligibility"):
        raise DomainError(_("Only organizers may override a failed rule."), code="forbidden")
    registration.override_reason = override_reason if failed else ""
    return _decide(
        registration, actor=actor, status=RegistrationStatus.APPROVED, reason=override_reason
    )


@transaction.atomic
def reject_registration(*, registration: Registration, actor, reason: str) -> Registration:
    if not reason.strip():
        raise DomainError(_("A rejection needs a reason."), code="reason_required")
    registration = _locked(registration)
    _check_transition(registration, "reject")
    return _decide(
        registration, actor=actor, status=RegistrationStatus.REJECTED, reason=reason.strip()
    )


@transaction.atomic
def waitlist_registration(*, registration: Registration, actor, reason: str = "") -> Registration:
    registration = _locked(registration)
    _check_transition(registration, "waitlist")
    return _decide(
        registration, actor=actor, status=RegistrationStatus.WAITLISTED, reason=reason.strip()
    )


@transaction.atomic
def withdraw_registration(*, registration: Registration, actor, reason: str = "") -> Registration:
    registration = _locked(registration)
    if registration.status == RegistrationStatus.WITHDRAWN:
        raise DomainError(_("The registration is already withdrawn."), code="bad_transition")
    registration.status = RegistrationStatus.WITHDRAWN
    registration.save(update_fields=["status", "updated_at"])
    record_audit(actor=actor, action="registration.withdrawn", target=registration, reason=reason)
    return registration


@transaction.atomic
def send_back_to_review(*, enterprise: Enterprise, actor, changed: list[str]) -> int:
    """Evaluate every registration of the enterprise again; when vetted fields changed
    (`changed` not empty), approved registrations of conferences that have not closed go
    back to review. Returns how many went back."""
    reopened = 0
    registrations = Registration.objects.select_for_update().filter(enterprise=enterprise)
    for registration in registrations.exclude(conference__status="closed"):
        evaluate_registration(registration=registration)
        if not changed or registration.status != RegistrationStatus.APPROVED:
            continue
        registration.status = RegistrationStatus.UNDER_REVIEW
        registration.save(update_fields=["status", "updated_at"])
        record_audit(
            actor=actor, action="registration.reopened", target=registration,
            reason=_("Vetted fields changed: %(fields)s") % {"fields": ", ".join(changed)},
            data={"changed": changed},
        )
        reopened += 1
    return reopened


def vetted_changes(changed: list[str], vetted: tuple[str, ...]) -> list[str]:
    return [name for name in changed if name in vetted]


@transaction.atomic
def update_enterprise(
    *, enterprise: Enterprise, actor, changed: list[str], created: bool = False
) -> int:
    """Save a new or edited enterprise; returns how many registrations went back to
    review."""
    enterprise.save()
    action = "enterprise.create" if created else "enterprise.update"
    record_audit(actor=actor, action=action, target=enterprise, data={"changed": changed})
    vetted = vetted_changes(changed, VETTED_ENTERPRISE_FIELDS)
    return send_back_to_review(enterprise=enterprise, actor=actor, changed=vetted)


@transaction.atomic
def update_delegates(*, enterprise: Enterprise, actor, changes: dict[str, list[str]]) -> int:
    """Record edits of delegates (name -> changed fields; "added" or "removed" for new and
    deleted ones). A new delegate or a new rank was never vetted, so it reopens review."""
    vetted = sorted(
        {name for fields in changes.values() for name in fields
         if name in VETTED_DELEGATE_FIELDS + ("added",)}
    )
    record_audit(actor=actor, action="delegates.update", target=enterprise, data=changes)
    return send_back_to_review(enterprise=enterprise, actor=actor, changed=vetted)


@transaction.atomic
def create_enterprise(*, actor=None, fields=(), **data) -> Enterprise:
    enterprise = Enterprise.objects.create(**data)
    enterprise.fields.set(fields)
    record_audit(actor=actor, action="enterprise.create", target=enterprise)
    return enterprise


@transaction.atomic
def add_delegate(*, enterprise: Enterprise, actor=None, **data) -> Delegate:
    delegate = Delegate.objects.create(enterprise=enterprise, **data)
    record_audit(actor=actor, action="delegate.add", target=enterprise,
                 data={"delegate": delegate.full_name})
    send_back_to_review(enterprise=enterprise, actor=actor, changed=["added"])
    return delegate


@transaction.atomic
def update_rules(*, rules, actor, changed: list[str]) -> int:
    """Record a change of a conference's rules and evaluate its registrations again.
    Decisions already taken stay; the admin shows which approved ones now fail."""
    rules.save()
    record_audit(actor=actor, action="rules.update", target=rules, data={"changed": changed})
    return reevaluate_conference(conference=rules.conference)


@transaction.atomic
def create_staff_user(*, email: str, password: str, role: str, full_name: str = "", actor=None):
    """An organizer or reviewer: staff, in the role's group, without an enterprise."""
    from django.contrib.auth.models import Group

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

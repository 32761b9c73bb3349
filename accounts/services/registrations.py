"""Registrations: applying, the vetting decisions, reopening after a vetted change, and the
settings organizers give a registration (seats, meeting cap, notes)."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import eligibility
from accounts.evidence import file_kind, validate_evidence_file
from accounts.models import Enterprise, Evidence, Partner, Registration, RegistrationStatus
from accounts.services.changes import EnterpriseDiff
from accounts.signals import (
    registration_decided,
    registration_reopened,
    registration_resubmitted,
)
from events.errors import DomainError
from events.models import Conference, ConferenceStatus, EligibilityRules
from events.services import ensure_rules, record_audit

ASKED = RegistrationStatus.INFORMATION_REQUESTED
DECIDABLE = {
    "approve": {RegistrationStatus.SUBMITTED, RegistrationStatus.UNDER_REVIEW,
                RegistrationStatus.WAITLISTED, RegistrationStatus.REJECTED, ASKED},
    "reject": {RegistrationStatus.SUBMITTED, RegistrationStatus.UNDER_REVIEW,
               RegistrationStatus.WAITLISTED, RegistrationStatus.APPROVED, ASKED},
    "waitlist": {RegistrationStatus.SUBMITTED, RegistrationStatus.UNDER_REVIEW,
                 RegistrationStatus.APPROVED, RegistrationStatus.REJECTED, ASKED},
    "request_information": {RegistrationStatus.SUBMITTED, RegistrationStatus.UNDER_REVIEW,
                            RegistrationStatus.WAITLISTED, ASKED},
}
SETTINGS_FIELDS = ("notes", "parallel_meetings", "max_meetings")


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
def update_rules(*, conference: Conference, actor, data: dict) -> int:
    """Set a conference's eligibility rules to `data` and, if they changed, evaluate its
    registrations again; returns how many were evaluated. Decisions already taken stay;
    the admin shows which approved ones now fail."""
    rules = EligibilityRules.objects.select_for_update().get(
        pk=ensure_rules(conference=conference).pk)
    changed = {name: [old, new] for name, value in data.items()
               if (old := _rule_value(name, getattr(rules, name))) != (
                   new := _rule_value(name, value))}
    if not changed:
        return 0
    for name, value in data.items():
        if name == "allowed_fields":
            rules.allowed_fields.set(value)
        else:
            setattr(rules, name, value)
    rules.save()
    record_audit(actor=actor, action="rules.update", target=rules, data={"fields": changed})
    return reevaluate_conference(conference=conference)


def _rule_value(name: str, value):
    if name == "allowed_fields":
        items = value.all() if hasattr(value, "all") else value
        return sorted(getattr(item, "pk", item) for item in items)
    return int(value)


@transaction.atomic
def submit_registration(
    *, conference: Conference, enterprise: Enterprise, actor=None, notes: str = "",
    partner: Partner | None = None,
) -> Registration:
    """Apply for a conference; a withdrawn application is submitted again. `partner`: the
    integration partner submitting it, which may then follow it in the API."""
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
    registration.reopened_at = None
    registration.submitted_by_partner = partner or registration.submitted_by_partner
    registration.save(update_fields=["status", "reopened_at", "submitted_by_partner",
                                     "updated_at"])
    evaluate_registration(registration=registration)
    record_audit(actor=actor, action="registration.submit", target=registration,
                 data={"partner": partner.pk} if partner else None)
    return registration


@transaction.atomic
def add_evidence(*, registration: Registration, file, description: str, actor) -> Evidence:
    """Attach a document (a PDF or an image of at most 10 MB, by content) to a
    registration; it is stored privately under a name of our own."""
    try:
        validate_evidence_file(file)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), code="bad_file",
                          fields={"file": error.messages}) from error
    _content_type, extension = file_kind(file)
    evidence = Evidence(registration=registration, description=description[:200])
    evidence.file.save(f"{uuid.uuid4().hex}{extension}", file, save=False)
    evidence.save()
    record_audit(actor=actor, action="registration.evidence", target=registration,
                 data={"evidence": evidence.pk, "description": evidence.description})
    return evidence


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
    # The re-review, if one was pending, is done.
    registration.reopened_at = None
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
def request_information(*, registration: Registration, actor, message: str) -> Registration:
    """Ask the applicant for more (a document, a correction): the registration waits for
    them, they get the message by e-mail and on the portal, and resubmit."""
    if not message.strip():
        raise DomainError(_("Write what you need from the applicant."),
                          code="reason_required")
    registration = _locked(registration)
    _check_transition(registration, "request_information")
    return _decide(registration, actor=actor, status=ASKED, reason=message.strip())


@transaction.atomic
def resubmit_registration(*, registration: Registration, actor, note: str = "",
                          evidence=None, evidence_description: str = "") -> Registration:
    """The applicant answered a request for information (after correcting the profile, if
    needed): the registration goes back to review with the rules evaluated again. `note`
    is their answer; `evidence`, an optional new document."""
    registration = _locked(registration)
    if registration.status != ASKED:
        raise DomainError(_("Only a registration the organizers asked about can be "
                            "resubmitted."), code="bad_transition")
    if evidence is not None:
        add_evidence(registration=registration, file=evidence, actor=actor,
                     description=evidence_description or _("Answer to the organizers"))
    registration.status = RegistrationStatus.UNDER_REVIEW
    registration.save(update_fields=["status", "updated_at"])
    evaluate_registration(registration=registration)
    record_audit(actor=actor, action="registration.resubmitted", target=registration,
                 reason=note.strip(), data={"failed_rules": [
                     r["code"] for r in registration.failed_rules]})
    registration_resubmitted.send(sender=Registration, registration=registration,
                                  note=note.strip())
    return registration


@transaction.atomic
def withdraw_registration(*, registration: Registration, actor, reason: str = "") -> Registration:
    registration = _locked(registration)
    if registration.status == RegistrationStatus.WITHDRAWN:
        raise DomainError(_("The registration is already withdrawn."), code="bad_transition")
    registration.status = RegistrationStatus.WITHDRAWN
    registration.reopened_at = None
    registration.save(update_fields=["status", "reopened_at", "updated_at"])
    record_audit(actor=actor, action="registration.withdrawn", target=registration, reason=reason)
    return registration


def reopenable_registrations(enterprise: Enterprise) -> QuerySet:
    """The approved registrations a vetted change would send back to review: those of
    conferences that have not closed."""
    return Registration.objects.filter(
        enterprise=enterprise, status=RegistrationStatus.APPROVED
    ).exclude(conference__status=ConferenceStatus.CLOSED).select_related("conference")


def review_again(*, enterprise: Enterprise, actor, diff: EnterpriseDiff) -> list[Registration]:
    """Evaluate the enterprise's registrations of conferences still running again; when
    `diff` changed a vetted detail, approved ones go back to review, marked for
    re-review. Runs inside the caller's transaction; returns the reopened ones."""
    registrations = (
        Registration.objects.select_for_update(of=("self",))
        .filter(enterprise=enterprise)
        .exclude(conference__status=ConferenceStatus.CLOSED)
        .select_related("enterprise", "conference")
    )
    reopened = []
    for registration in registrations:
        evaluate_registration(registration=registration)
        if diff.vetted and registration.status == RegistrationStatus.APPROVED:
            reopened.append(_reopen(registration, actor=actor, diff=diff))
    return reopened


def _reopen(registration: Registration, *, actor, diff: EnterpriseDiff) -> Registration:
    registration.status = RegistrationStatus.UNDER_REVIEW
    registration.reopened_at = timezone.now()
    registration.save(update_fields=["status", "reopened_at", "updated_at"])
    labels = diff.vetted_labels()
    record_audit(
        actor=actor, action="registration.reopened", target=registration,
        reason=_("Vetted details changed: %(changes)s")
        % {"changes": "; ".join(str(label) for label in labels)},
        data={"vetted": diff.vetted},
    )
    registration_reopened.send(sender=Registration, registration=registration, changes=labels)
    return registration


def registration_settings_errors(*, registration: Registration, data: dict) -> dict:
    """Field errors of new settings (only values that change are checked, so a later
    change of the delegates never blocks editing the notes)."""
    errors: dict[str, list[str]] = {}
    seats = data.get("parallel_meetings", registration.parallel_meetings)
    if seats != registration.parallel_meetings:
        delegates = registration.enterprise.delegates.count()
        if seats is None or seats < 1:
            errors["parallel_meetings"] = [_("At least one meeting at a time.")]
        elif seats > delegates:
            errors["parallel_meetings"] = [ngettext(
                "At most %(count)s meeting at a time: the enterprise has %(count)s delegate.",
                "At most %(count)s meetings at a time: the enterprise has %(count)s delegates.",
                delegates) % {"count": delegates}]
    cap = data.get("max_meetings", registration.max_meetings)
    if cap != registration.max_meetings and cap is not None and cap < 0:
        errors["max_meetings"] = [_("The meeting cap cannot be negative; leave it empty for "
                                    "no cap.")]
    return errors


@transaction.atomic
def update_registration_settings(*, registration: Registration, actor,
                                 data: dict) -> Registration:
    """Set seats (`parallel_meetings`), the meeting cap (`max_meetings`, None: no cap) and
    the organizers' notes. Invalid values raise a DomainError with `fields`."""
    unknown = set(data) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"Not registration settings: {sorted(unknown)}")
    registration = _locked(registration)
    errors = registration_settings_errors(registration=registration, data=data)
    if errors:
        raise DomainError(_("Some settings are not valid."), code="invalid", fields=errors)
    changed = {name: [getattr(registration, name), value] for name, value in data.items()
               if getattr(registration, name) != value}
    if not changed:
        return registration
    for name, (_old, new) in changed.items():
        setattr(registration, name, new)
    registration.save(update_fields=[*changed, "updated_at"])
    record_audit(actor=actor, action="registration.settings", target=registration,
                 data={"fields": changed})
    return registration

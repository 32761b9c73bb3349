"""Public applications: submitted by anyone on the form, confirmed by e-mail. Only the
confirmation creates the enterprise, its delegates, the account and the registration, all
through the accounts services."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import eligibility
from accounts.evidence import file_kind
from accounts.models import Delegate, Enterprise, Registration, User
from accounts.services import (
    add_evidence,
    create_company_user,
    create_enterprise,
    set_user_language,
    submit_registration,
)
from events.errors import DomainError
from events.models import Conference, ConferenceStatus, IndustryField
from events.services import ensure_rules, record_audit
from matchmaking.onboarding.models import Application
from matchmaking.onboarding.selectors import likely_duplicates
from matchmaking.onboarding.services.invitations import check_password
from matchmaking.onboarding.tokens import digest, new_token
from matchmaking.outbox.notices import queue_application_confirmation, queue_application_received
from matchmaking.outbox.selectors import Recipient
from matchmaking.privacy.services import record_consent


@dataclass
class ApplicationInput:
    """What the form collected: `enterprise` as accounts.services.ENTERPRISE_FIELDS (fields
    as ids), `delegates` as DELEGATE_FIELDS dicts."""

    email: str
    contact_name: str
    language: str
    enterprise: dict
    delegates: list[dict]
    evidence: object | None = None  # an uploaded file, already checked by the form
    evidence_description: str = ""
    extra: dict = field(default_factory=dict)


def evaluate_rules(*, conference: Conference, enterprise: dict, delegates: list[dict]) -> list:
    """The conference's rules against what was typed, before anything is saved."""
    draft = Enterprise(**{k: v for k, v in enterprise.items() if k != "fields"})
    if draft.contract_value_usd is not None:
        draft.contract_value_usd = Decimal(draft.contract_value_usd)
    people = [Delegate(**row) for row in delegates]
    results = eligibility.evaluate(enterprise=draft, conference=conference,
                                   rules=ensure_rules(conference=conference), delegates=people,
                                   field_ids=list(enterprise.get("fields", [])))
    return [result.as_json() for result in results]


def confirm_url(token: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL.rstrip("/") + reverse("onboarding:confirm", args=[token])


@transaction.atomic
def submit_application(*, conference: Conference, data: ApplicationInput) -> Application:
    """Keep the application and e-mail the applicant a confirmation link; the rules'
    results and the likely duplicates are stored for the applicant and the reviewer."""
    if conference.status != ConferenceStatus.REGISTRATION_OPEN:
        raise DomainError(_("This conference does not take applications now."),
                          code="closed")
    token, token_hash = new_token()
    application = Application(
        conference=conference, email=data.email.lower(), contact_name=data.contact_name,
        language=data.language, legal_name=data.enterprise["legal_name"],
        data={"enterprise": data.enterprise, "delegates": data.delegates},
        rule_results=evaluate_rules(conference=conference, enterprise=data.enterprise,
                                    delegates=data.delegates),
        duplicates=duplicates_of(data.enterprise, data.email, data.delegates),
        evidence_description=data.evidence_description,
        privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
        consented_at=timezone.now(), token_hash=token_hash)
    if data.evidence is not None:
        _content_type, extension = file_kind(data.evidence)
        application.evidence.save(f"{token_hash[:24]}{extension}", data.evidence, save=False)
    application.save()
    queue_application_confirmation(
        recipient=Recipient(application.email, application.contact_name, data.language),
        conference=conference, legal_name=application.legal_name,
        name_zh=data.enterprise.get("name_zh", ""), url=confirm_url(token, data.language),
        expires_at=expiry_of(application), key=f"application_confirm:{application.pk}")
    record_audit(actor=None, action="application.submit", target=application,
                 data={"conference": conference.pk, "duplicates": len(application.duplicates)})
    return application


def duplicates_of(enterprise: dict, email: str, delegates: list[dict]) -> list[dict]:
    return likely_duplicates(
        legal_name=enterprise["legal_name"], name_zh=enterprise.get("name_zh", ""),
        website=enterprise.get("website", ""),
        emails=[email, *(row["email"] for row in delegates)])


def expiry_of(application: Application) -> dt.datetime:
    created = application.created_at or timezone.now()
    return created + dt.timedelta(hours=settings.APPLICATION_CONFIRM_HOURS)


def pending_application(token: str) -> Application:
    """The application a confirmation link stands for; DomainError when it cannot be
    confirmed (unknown, used, or expired)."""
    application = Application.objects.select_related("conference").filter(
        token_hash=digest(token)).first()
    if application is None or application.confirmed_at is not None:
        raise DomainError(_("This confirmation link is not valid any more. If you confirmed "
                            "already, sign in."), code="invalid")
    if expiry_of(application) <= timezone.now():
        raise DomainError(_("This confirmation link has expired. Please apply again."),
                          code="expired")
    return application


@transaction.atomic
def confirm_application(*, token: str, password: str) -> Registration:
    """Create the enterprise with its delegates, the applicant's account (with `password`)
    and the submitted registration with its evidence; tell the applicant it arrived."""
    application = Application.objects.select_for_update().get(
        pk=pending_application(token).pk)
    if User.objects.filter(email__iexact=application.email).exists():
        raise DomainError(_("%(email)s already has an account: sign in to follow your "
                            "application.") % {"email": application.email}, code="taken")
    check_password(password, User(email=application.email, full_name=application.contact_name))
    conference = application.conference
    if conference.status != ConferenceStatus.REGISTRATION_OPEN:
        raise DomainError(_("This conference does not take applications now."), code="closed")
    values = dict(application.data["enterprise"])
    values["fields"] = list(IndustryField.objects.filter(pk__in=values.get("fields", [])))
    enterprise = create_enterprise(actor=None, data=values,
                                   delegates=application.data["delegates"]).enterprise
    user = create_company_user(enterprise=enterprise, email=application.email,
                               password=password, full_name=application.contact_name)
    set_user_language(user=user, language=application.language)
    record_consent(user=user, version=application.privacy_notice_version)
    registration = submit_registration(conference=conference, enterprise=enterprise,
                                       actor=user)
    _move_evidence(application, registration, user)
    application.duplicates = duplicates_of(application.data["enterprise"], application.email,
                                           application.data["delegates"])
    application.duplicates = [d for d in application.duplicates
                              if d["enterprise"] != enterprise.pk]
    application.confirmed_at, application.registration = timezone.now(), registration
    application.save(update_fields=["duplicates", "confirmed_at", "registration", "evidence"])
    queue_application_received(registration=registration)
    record_audit(actor=user, action="application.confirm", target=application,
                 data={"registration": registration.pk, "enterprise": enterprise.pk})
    return registration


def _move_evidence(application: Application, registration: Registration, user) -> None:
    if not application.evidence:
        return
    with application.evidence.open("rb") as stored:
        add_evidence(registration=registration, file=File(stored, name=stored.name),
                     description=application.evidence_description, actor=user)
    name = application.evidence.name
    storage = application.evidence.storage
    application.evidence = None
    # Only once the evidence row is committed is the pending copy useless.
    transaction.on_commit(lambda: storage.delete(name))


def discard_expired_applications(*, now: dt.datetime) -> int:
    """Delete applications whose confirmation link expired unused, with their pending
    evidence: an applicant who never confirmed gave us data we have no use for. Run daily
    by beat; safe to run twice."""
    cutoff = now - dt.timedelta(hours=settings.APPLICATION_CONFIRM_HOURS)
    expired = list(Application.objects.filter(confirmed_at__isnull=True,
                                              created_at__lte=cutoff))
    for application in expired:
        _discard(application)
    return len(expired)


@transaction.atomic
def _discard(application: Application) -> None:
    name, storage = application.evidence.name, application.evidence.storage
    application.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))

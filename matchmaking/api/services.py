"""Writes the API adds on top of the domain services.

They compose the domain services (accounts.services, matchmaking.services)
in one transaction and record which partner acted, since a partner is not a
user and cannot be an audit entry's actor.
"""

import secrets

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import BigIntegerField, QuerySet
from django.db.models.functions import Cast
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts import services as accounts_services
from accounts.models import Enterprise, Partner, Registration
from events.errors import DomainError
from events.models import AuditEntry, Conference, ConferenceStatus
from events.services import record_audit
from matchmaking.models import WebhookSubscription

PARTNER_SUBMIT = "registration.submit_by_partner"


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "enterprise"
    slug, n = base, 1
    while Enterprise.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def submit_partner_registration(
    *, partner: Partner, conference: Conference, enterprise: dict, delegates: list[dict],
    notes: str = "",
) -> Registration:
    """Create an enterprise with its delegates and apply for the conference on its behalf;
    the partner is recorded so it can follow the registration."""
    if conference.status in (ConferenceStatus.DRAFT, ConferenceStatus.CLOSED):
        raise DomainError(_("%(conference)s does not take registrations now.")
                          % {"conference": conference}, code="registration_closed")
    data = dict(enterprise)
    fields = data.pop("fields")
    try:
        with transaction.atomic():
            company = accounts_services.create_enterprise(
                slug=_unique_slug(data["legal_name"]), fields=fields, **data)
    except IntegrityError as error:
        raise DomainError(_("An enterprise with this legal name is already registered."),
                          code="duplicate_enterprise") from error
    for delegate in delegates:
        accounts_services.add_delegate(enterprise=company, **delegate)
    registration = accounts_services.submit_registration(
        conference=conference, enterprise=company, notes=notes)
    record_audit(actor=None, action=PARTNER_SUBMIT, target=registration,
                 data={"partner": partner.pk})
    return registration


def partner_registration_ids(partner: Partner) -> QuerySet:
    """Ids of the registrations a partner submitted (from the audit trail)."""
    return AuditEntry.objects.filter(
        action=PARTNER_SUBMIT, content_type=ContentType.objects.get_for_model(Registration),
        data__partner=partner.pk,
    ).annotate(registration_id=Cast("object_id", BigIntegerField())).values("registration_id")


@transaction.atomic
def add_own_delegate(*, enterprise: Enterprise, data: dict, actor=None):
    """Add a delegate; a new delegate was never vetted, so approval is reviewed again."""
    if enterprise.delegates.filter(email__iexact=data["email"]).exists():
        raise DomainError(_("This enterprise already has a delegate with that e-mail."),
                          code="duplicate")
    return accounts_services.add_delegate(enterprise=enterprise, actor=actor, **data)


@transaction.atomic
def subscribe_webhook(*, partner: Partner, url: str, events: list[str],
                      is_active: bool = True) -> WebhookSubscription:
    subscription = WebhookSubscription.objects.create(
        partner=partner, url=url, events=sorted(set(events)), is_active=is_active,
        secret=f"whsec_{secrets.token_urlsafe(32)}")
    record_audit(actor=None, action="webhook.subscribe", target=subscription,
                 data={"partner": partner.pk, "url": url})
    return subscription


@transaction.atomic
def update_webhook(*, subscription: WebhookSubscription, partner: Partner,
                   changes: dict) -> WebhookSubscription:
    for name, value in changes.items():
        setattr(subscription, name, sorted(set(value)) if name == "events" else value)
    subscription.save()
    record_audit(actor=None, action="webhook.update", target=subscription,
                 data={"partner": partner.pk, "changed": sorted(changes)})
    return subscription


@transaction.atomic
def unsubscribe_webhook(*, subscription: WebhookSubscription, partner: Partner) -> None:
    record_audit(actor=None, action="webhook.unsubscribe", target=subscription,
                 data={"partner": partner.pk, "url": subscription.url})
    subscription.delete()


@transaction.atomic
def send_request_for(*, partner: Partner, conference: Conference, sender: Enterprise,
                     recipient: Enterprise, purpose: str, message: str = ""):
    """A partner sends a meeting request on behalf of an enterprise of its conference."""
    from matchmaking.services.requests import send_meeting_request

    request = send_meeting_request(conference=conference, sender=sender, recipient=recipient,
                                   purpose=purpose, message=message)
    record_audit(actor=None, action="meeting_request.send_by_partner", target=request,
                 data={"partner": partner.pk})
    return request

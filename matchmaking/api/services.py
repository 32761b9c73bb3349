"""Writes the API adds on top of the domain services.

They compose the domain services (accounts.services, matchmaking.services)
in one transaction and record which partner acted, since a partner is not a
user and cannot be an audit entry's actor.
"""

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import services as accounts_services
from accounts.models import Enterprise, Partner, Registration
from events.errors import DomainError
from events.models import Conference, ConferenceStatus
from events.services import record_audit
from matchmaking.models import WebhookSubscription


@transaction.atomic
def submit_partner_registration(
    *, partner: Partner, conference: Conference, enterprise: dict, delegates: list[dict],
    notes: str = "",
) -> Registration:
    """Create an enterprise with its delegates and apply for the conference on its behalf;
    the registration points to the partner, which may then follow it."""
    if conference.status in (ConferenceStatus.DRAFT, ConferenceStatus.CLOSED):
        raise DomainError(_("%(conference)s does not take registrations now.")
                          % {"conference": conference}, code="registration_closed")
    company = accounts_services.create_enterprise(actor=None, data=enterprise,
                                                  delegates=delegates).enterprise
    return accounts_services.submit_registration(conference=conference, enterprise=company,
                                                 notes=notes, partner=partner)


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

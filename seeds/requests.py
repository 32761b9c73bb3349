"""Meeting requests of the demo: suppliers and buyers asking each other, mostly accepted,
so a schedule can be computed as soon as the demo is loaded."""

import random

from django.db import transaction

from accounts.models import Registration
from events.models import Conference
from matchmaking.models import MeetingRequest, Purpose
from matchmaking.services import requests as request_services
from seeds import demo

REQUESTS_PER_SUPPLIER = 5
ANSWERS = ["accept"] * 8 + ["decline", "pending"]


def load_requests(*, conference: Conference) -> int:
    """Create the demo's requests once; returns how many were created."""
    if MeetingRequest.objects.filter(conference=conference).exists():
        return 0
    rng = random.Random(conference.edition * 104729)
    approved = list(Registration.objects.approved().filter(conference=conference)
                    .select_related("enterprise").prefetch_related("enterprise__fields")
                    .order_by("enterprise__slug"))
    buyers = [r.enterprise for r in approved if r.enterprise.is_buyer]
    suppliers = [r.enterprise for r in approved if r.enterprise.role == "supplier"]
    created = 0
    for supplier in suppliers:
        for buyer in partners_for(rng, supplier, buyers):
            created += create_one(rng, conference, supplier, buyer)
    return created


def partners_for(rng, supplier, buyers):
    """Buyers sharing a field with the supplier, a few at random; never the two demo logins,
    who are left to find each other in the portal."""
    fields = {f.pk for f in supplier.fields.all()}
    matching = [b for b in buyers if fields & {f.pk for f in b.fields.all()}]
    if demo.is_demo_login(supplier):
        matching = [b for b in matching if not demo.is_demo_login(b)]
    return rng.sample(matching, min(REQUESTS_PER_SUPPLIER, len(matching)))


@transaction.atomic
def create_one(rng, conference, supplier, buyer) -> int:
    sender, recipient = (supplier, buyer) if rng.random() < 0.6 else (buyer, supplier)
    request = request_services.send_meeting_request(
        conference=conference, sender=sender, recipient=recipient,
        purpose=rng.choice(Purpose.values), message="",
    )
    answer = rng.choice(ANSWERS)
    if answer == "accept":
        request_services.accept_meeting_request(request=request, enterprise=recipient)
    elif answer == "decline":
        request_services.decline_meeting_request(request=request, enterprise=recipient,
                                                 reason="Schedule full")
    return 1

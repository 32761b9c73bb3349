"""Shared arrangements for the booking and agenda tests."""

from matchmaking.services import requests as svc
from tests.factories import SupplierFactory, approved


def accepted(conference, buyer, supplier=None):
    supplier = supplier or approved(conference, SupplierFactory()).enterprise
    request = svc.send_meeting_request(conference=conference, sender=supplier, recipient=buyer,
                                       purpose="investment")
    return svc.accept_meeting_request(request=request, enterprise=buyer)


def publish(conference):
    conference.status = "scheduled"
    conference.save()
    return conference

"""A small conference with accepted requests, ready to schedule."""

from matchmaking.services import requests as svc
from tests.factories import SupplierFactory, approved, slots


def accepted(conference, buyer, supplier):
    request = svc.send_meeting_request(conference=conference, sender=supplier, recipient=buyer,
                                       purpose="outsourcing_purchase")
    return svc.accept_meeting_request(request=request, enterprise=buyer)


def small_event(conference, *, buyers=3, suppliers=4, slot_count=6, tables=4):
    """Every buyer has accepted a request from every supplier."""
    grid = slots(conference, slot_count, tables=tables)
    buyer_list = [approved(conference).enterprise for _ in range(buyers)]
    supplier_list = [approved(conference, SupplierFactory()).enterprise for _ in range(suppliers)]
    requests = [accepted(conference, b, s) for b in buyer_list for s in supplier_list]
    return grid, buyer_list, supplier_list, requests

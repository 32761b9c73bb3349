"""Writes of recommendations: score a conference's participants and store the result."""

import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import Prefetch

from accounts.models import Delegate, Enterprise, RegistrationStatus
from events.models import Conference, IndustryField, Pairing
from events.services import record_audit
from events.statistics import refresh_statistics
from matchmaking.models import MeetingRequest, Recommendation, RequestStatus, Shortlist
from matchmaking.recommendations import scoring
from matchmaking.recommendations.gcpause import gc_paused

logger = logging.getLogger(__name__)

# Each company's best partners kept, on each side: bounds the rows (about 20k for 700
# companies instead of 110k pairs) while every company still has a full list.
KEEP_PER_COMPANY = 30
BATCH_SIZE = 2000


def compute_recommendations(
    *, conference: Conference, actor=None, keep: int = KEEP_PER_COMPANY,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Score every pair of approved participants allowed to meet and replace the
    conference's recommendations with each company's `keep` best plus every pair with
    stated interest (shortlist, live request). Returns the number of rows stored.

    Reading and scoring happen outside the transaction, so that writers are not held up
    for the seconds a large conference takes; the swap itself is one transaction, and
    running it twice gives the same rows."""
    companies, labels = participants(conference=conference)
    scored = scoring.recommend(
        companies, interests=stated_interest(conference=conference),
        anyone=conference.pairing == Pairing.ANYONE, keep=keep, field_labels=labels,
        progress=progress,
    )
    with gc_paused(), transaction.atomic():
        Recommendation.objects.filter(conference=conference).delete()
        Recommendation.objects.bulk_create(
            [
                Recommendation(conference_id=conference.pk, buyer_id=pair.buyer_id,
                               supplier_id=pair.supplier_id, score=pair.score,
                               reasons=pair.reasons)
                for pair in scored
            ],
            batch_size=BATCH_SIZE,
        )
        record_audit(actor=actor, action="recommendations.compute", target=conference,
                     data={"participants": len(companies), "recommendations": len(scored)})
    refresh_statistics(Recommendation)  # thousands of rows replaced at once
    logger.info("%s: %s recommendations for %s participants", conference.slug, len(scored),
                len(companies))
    return len(scored)


def participants(*, conference: Conference) -> tuple[list[scoring.Company], dict[str, dict]]:
    """The approved participants as scoring companies (three queries), and the labels of
    their fields for the reasons."""
    enterprises = (
        Enterprise.objects.filter(registrations__conference=conference,
                                  registrations__status=RegistrationStatus.APPROVED)
        .only("id", "legal_name", "name_zh", "role", "offers", "needs", "offers_zh",
              "needs_zh", "contract_value_usd", "employees")
        .prefetch_related(
            Prefetch("fields", queryset=IndustryField.objects.only("slug", "name", "name_zh")),
            Prefetch("delegates", queryset=Delegate.objects.only("enterprise_id", "languages")),
        )
        .order_by("id")
    )
    companies, labels = [], {}
    for enterprise in enterprises:
        fields = list(enterprise.fields.all())
        labels.update({f.slug: {"name": f.name, "name_zh": f.name_zh} for f in fields})
        companies.append(_company(enterprise, frozenset(f.slug for f in fields)))
    return companies, labels


def _company(enterprise: Enterprise, fields: frozenset[str]) -> scoring.Company:
    languages = frozenset(
        code.lower() for delegate in enterprise.delegates.all() for code in delegate.language_list
    )
    contract = enterprise.contract_value_usd
    return scoring.Company(
        id=enterprise.pk, name=enterprise.legal_name, name_zh=enterprise.name_zh,
        is_buyer=enterprise.is_buyer, is_supplier=enterprise.is_supplier, fields=fields,
        offers=enterprise.offers, needs=enterprise.needs, offers_zh=enterprise.offers_zh,
        needs_zh=enterprise.needs_zh, contract_value_usd=int(contract) if contract else None,
        employees=enterprise.employees, languages=languages,
    )


def stated_interest(*, conference: Conference) -> set[tuple[int, int]]:
    """(interested, target) pairs, in one query: shortlists, the sender of a live request,
    and the recipient of an accepted one."""
    shortlisted = Shortlist.objects.filter(conference=conference).values_list(
        "enterprise_id", "target_id"
    ).order_by()
    requests = MeetingRequest.objects.filter(conference=conference).order_by()
    sent = requests.live().values_list("sender_id", "recipient_id")
    accepted = requests.filter(status=RequestStatus.ACCEPTED).values_list(
        "recipient_id", "sender_id"
    )
    return set(shortlisted.union(sent, accepted))

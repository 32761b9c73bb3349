"""Reads of recommendations."""

from django.db.models import Exists, OuterRef, Q

from accounts.models import Enterprise, Registration, RegistrationStatus
from events.models import Conference
from matchmaking.models import Recommendation
from matchmaking.recommendations.describe import describe_reasons


def recommended_partners(
    *, conference: Conference, enterprise: Enterprise, limit: int = 20
) -> list[Recommendation]:
    """The enterprise's best partners, best first, in one query. Each recommendation gets
    `.counterpart` (the other enterprise) and `.reason_texts` (its reasons in the active
    language, worded for this enterprise). Partners who left the conference since the
    last computation are left out."""
    approved = Registration.objects.filter(conference=conference,
                                           status=RegistrationStatus.APPROVED)
    rows = (
        Recommendation.objects.filter(conference=conference)
        .filter(Q(buyer=enterprise) | Q(supplier=enterprise))
        .filter(Exists(approved.filter(enterprise=OuterRef("buyer"))),
                Exists(approved.filter(enterprise=OuterRef("supplier"))))
        .select_related("buyer", "supplier")
        .order_by("-score", "id")[:limit]
    )
    recommendations = list(rows)
    for recommendation in recommendations:
        recommendation.counterpart = (
            recommendation.supplier if recommendation.buyer_id == enterprise.pk
            else recommendation.buyer
        )
        recommendation.reason_texts = describe_reasons(recommendation.reasons,
                                                       reader_id=enterprise.pk)
    return recommendations

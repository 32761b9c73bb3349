from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets
from rest_framework.filters import OrderingFilter
from rest_framework.generics import get_object_or_404

from events.models import Conference
from matchmaking.api import scoping
from matchmaking.api.caller import Caller, caller_of
from matchmaking.api.filters import SingleValueFilterBackend


class ScopedViewSet(viewsets.GenericViewSet):
    """A viewset whose rows come from `scoping.<scope>(caller)`."""

    scope: str = ""
    model = None
    filter_backends = [SingleValueFilterBackend, OrderingFilter]
    ordering_fields = ["id"]
    ordering = ["id"]

    @property
    def caller(self) -> Caller:
        return caller_of(self.request)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return getattr(scoping, self.scope)(self.caller)


def visible_conference(caller: Caller, slug: str, field: str = "conference") -> Conference:
    """A conference the caller sees, or a field error that does not reveal others."""
    conference = Conference.objects.filter(slug=slug, pk__in=caller.conference_ids).first()
    if conference is None:
        raise serializers.ValidationError({field: [_("No conference %(slug)r for this caller.")
                                                   % {"slug": slug}]})
    return conference


def visible(queryset, pk: int, field: str):
    """A row of a scoped queryset, or a field error naming the field."""
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise serializers.ValidationError({field: [_("No such object for this caller.")]})
    return row


__all__ = ["ScopedViewSet", "get_object_or_404", "visible", "visible_conference"]

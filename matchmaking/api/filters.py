"""FilterSets: every list filters by conference (slug) and, where rows have an
updated_at, by `updated_since` for incremental sync."""

import datetime as dt

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from accounts.models import Delegate, Enterprise, EnterpriseRole, Registration, RegistrationStatus
from events.models import Conference, ConferenceStatus, Table, TimeSlot
from matchmaking.api.caller import caller_of
from matchmaking.models import (
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    MeetingStatus,
    Purpose,
    RequestStatus,
    RunStatus,
    ScheduleRun,
    WebhookSubscription,
)


class PresentIntegerField(forms.IntegerField):
    """Given but empty (`enterprise=`) is an error, not "no filter"."""

    def clean(self, value):
        if isinstance(value, str) and not value.strip():
            raise forms.ValidationError(_("Enter a whole number."), code="invalid")
        return super().clean(value)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 2**63 - 1})
class IdFilter(django_filters.NumberFilter):
    """An id: a whole number in the database's range, else a field error (not a 500)."""

    field_class = PresentIntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 32767})
class EditionFilter(IdFilter):
    """A conference's edition number."""


class PresentChoiceField(django_filters.fields.ChoiceField):
    """One of the choices; given but empty (`status=`) is an error, not "no filter"."""

    def clean(self, value):
        if value == "":
            raise forms.ValidationError(_("Choose one of the listed values."), code="invalid")
        return super().clean(value)


class ChoiceFilter(django_filters.ChoiceFilter):
    field_class = PresentChoiceField


# A NUL can match nothing and PostgreSQL refuses it: the schema says so.
@extend_schema_field({"type": "string", "pattern": r"^[^\x00]*$"})
class TextFilter(django_filters.CharFilter):
    pass


class StrictBooleanField(forms.Field):
    """`true` or `false` (as JSON writes them); anything else is a field error rather than
    being read as "no filter"."""

    VALUES = {"true": True, "false": False}

    def to_python(self, value):
        if value is None:
            return None
        if value not in self.VALUES:
            raise forms.ValidationError(_("Use true or false."), code="invalid")
        return self.VALUES[value]


@extend_schema_field({"type": "boolean"})
class BooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 time turned into UTC: PostgreSQL refuses offsets past 15:59, which
    Python accepts, so an odd offset would otherwise be a server error. Given but empty
    (`updated_since=`) is an error, not "no filter": a client that lost its time would
    otherwise download everything without noticing."""

    def to_python(self, value):
        if isinstance(value, str) and not value.strip():
            raise forms.ValidationError(_("Enter a date and time with an offset, for example "
                                          "2026-05-01T00:00:00+08:00."), code="required")
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(dt.UTC)
        except OverflowError as error:
            raise forms.ValidationError(_("The time is out of range.")) from error


class TimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


def updated_since():
    return TimeFilter(
        field_name="updated_at", lookup_expr="gte",
        help_text=_("Only rows changed at or after this ISO 8601 time (with offset)."))


def conference_slug(field_name="conference__slug"):
    return TextFilter(field_name=field_name,
                                     help_text=_("Conference slug, for example cisocc-2."))


class ConferenceFilter(django_filters.FilterSet):
    status = ChoiceFilter(choices=ConferenceStatus.choices)
    slug = TextFilter()
    edition = EditionFilter(max_value=32767)
    updated_since = updated_since()

    class Meta:
        model = Conference
        fields = ["status", "slug", "edition"]


class SlotFilter(django_filters.FilterSet):
    conference = conference_slug()
    starts_after = TimeFilter(field_name="start", lookup_expr="gte")
    starts_before = TimeFilter(field_name="start", lookup_expr="lt")

    class Meta:
        model = TimeSlot
        fields = ["conference"]


class TableFilter(django_filters.FilterSet):
    conference = conference_slug()
    is_active = BooleanFilter()

    class Meta:
        model = Table
        fields = ["conference"]


class EnterpriseFilter(django_filters.FilterSet):
    conference = TextFilter(method="in_conference",
                                           help_text=_("Approved in this conference (slug)."))
    role = ChoiceFilter(choices=EnterpriseRole.choices)
    country = TextFilter(help_text=_("ISO 3166-1 alpha-2 code, for example CA."))
    field = TextFilter(field_name="fields__slug", distinct=True,
                                      help_text=_("Industry field slug."))
    search = TextFilter(method="search_names",
                                       help_text=_("Part of the English or Chinese name."))
    updated_since = updated_since()

    class Meta:
        model = Enterprise
        fields = ["role", "country"]

    def in_conference(self, queryset, name, value):
        return queryset.filter(pk__in=Registration.objects.filter(
            conference__slug=value, status=RegistrationStatus.APPROVED,
            conference_id__in=caller_of(self.request).directory_ids).values("enterprise"))

    def search_names(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(legal_name__icontains=value) | Q(name_zh__icontains=value))


class RegistrationFilter(django_filters.FilterSet):
    conference = conference_slug()
    status = ChoiceFilter(choices=RegistrationStatus.choices)
    updated_since = updated_since()

    class Meta:
        model = Registration
        fields = ["status"]


class DelegateFilter(django_filters.FilterSet):
    enterprise = IdFilter(field_name="enterprise_id")

    class Meta:
        model = Delegate
        fields = ["enterprise"]


class MeetingRequestFilter(django_filters.FilterSet):
    conference = conference_slug()
    status = ChoiceFilter(choices=RequestStatus.choices)
    purpose = ChoiceFilter(choices=Purpose.choices)
    sender = IdFilter(field_name="sender_id")
    recipient = IdFilter(field_name="recipient_id")
    updated_since = updated_since()

    class Meta:
        model = MeetingRequest
        fields = ["status", "purpose"]


class MeetingFilter(django_filters.FilterSet):
    conference = conference_slug()
    status = ChoiceFilter(choices=MeetingStatus.choices)
    enterprise = IdFilter(method="involving",
                                             help_text=_("Meetings of this enterprise (id)."))
    updated_since = updated_since()

    class Meta:
        model = Meeting
        fields = ["status"]

    def involving(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(request__sender_id=value) | Q(request__recipient_id=value))


class OutcomeFilter(django_filters.FilterSet):
    conference = conference_slug("meeting__conference__slug")
    meeting = IdFilter(field_name="meeting_id")
    result = ChoiceFilter(choices=MeetingOutcome._meta.get_field("result").choices)
    reported_since = TimeFilter(field_name="reported_at", lookup_expr="gte")

    class Meta:
        model = MeetingOutcome
        fields = ["meeting", "result"]


class ScheduleRunFilter(django_filters.FilterSet):
    conference = conference_slug()
    status = ChoiceFilter(choices=RunStatus.choices)
    updated_since = updated_since()

    class Meta:
        model = ScheduleRun
        fields = ["status"]


class WebhookSubscriptionFilter(django_filters.FilterSet):
    is_active = BooleanFilter()

    class Meta:
        model = WebhookSubscription
        fields = []


class SingleValueFilterBackend(DjangoFilterBackend):
    """Each query parameter once: `?status=a&status=b` would otherwise quietly use the
    last, which the schema (one value each) does not promise."""

    SHARED = ("ordering", "cursor", "page_size")

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        names = [*(filterset_class.base_filters if filterset_class else ()), *self.SHARED]
        repeated = [name for name in names if len(request.query_params.getlist(name)) > 1]
        if repeated:
            raise ValidationError({name: [_("Give this parameter once.")] for name in repeated})
        return super().filter_queryset(request, queryset, view)

"""CSV and XLSX import of enterprises and delegates (django-import-export), through the
services.

django-import-export reads and validates each row; instead of saving the model itself,
a row calls `create_enterprise` / `update_enterprise` / `save_delegate`, so an import
re-evaluates the rules, sends approved registrations back to review and is audited like
any other change. The same resources serve the admin and `manage.py import_enterprises`.
A row whose values change nothing is reported unchanged (`skip_row` asks the services'
diff). Any bad row rolls the whole file back; the admin preview shows each row's changes
and errors.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_countries import countries
from import_export import fields as ie_fields
from import_export import resources, widgets
from import_export.results import RowResult

from accounts import services
from accounts.models import Delegate, Enterprise, Registration, RegistrationStatus
from accounts.services.changes import diff_enterprise, upserted_delegates
from events.errors import DomainError
from events.models import Conference, IndustryField, Seniority
from events.statistics import refresh_statistics


class SeniorityWidget(widgets.Widget):
    """Accepts a rank's number, its English name or its code (`senior_manager`)."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower().replace(" ", "_")
        for choice in Seniority:
            if text in {str(choice.value), choice.name.lower(), str(choice.label).lower()
                        .replace(" ", "_")}:
                return choice.value
        raise ValueError(_("Unknown seniority %(value)r; use one of: %(codes)s.") % {
            "value": value, "codes": ", ".join(c.name.lower() for c in Seniority)})

    def render(self, value, obj=None, **kwargs):
        return Seniority(value).name.lower() if value else ""


class WholeNumberWidget(widgets.Widget):
    """A whole number of 0 or more, plain or with thousands separators (9,000,000)."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        try:
            number = Decimal(text.replace(",", "").replace(" ", "").replace("_", ""))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise ValueError(_("%(value)r is not a number.") % {"value": value})
        if number != number.to_integral_value():
            raise ValueError(_("%(value)r is not a whole number.") % {"value": value})
        if number < 0:
            raise ValueError(_("%(value)r is negative; give 0 or more.") % {"value": value})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(int(value))


class CountryWidget(widgets.Widget):
    """An ISO 3166 code (CA, de) or an English country name."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        code = text.upper() if text.upper() in dict(countries) else countries.by_name(text)
        if not code:
            raise ValueError(_("Unknown country %(value)r; give its ISO code, such as CA or "
                               "DE.") % {"value": value})
        return code

    def render(self, value, obj=None, **kwargs):
        return getattr(value, "code", value) or ""


class FieldSlugsWidget(widgets.ManyToManyWidget):
    """Industry field slugs separated by commas; an unknown slug is a row error, never
    silently dropped."""

    def __init__(self):
        super().__init__(IndustryField, separator=",", field="slug")

    def clean(self, value, row=None, **kwargs):
        slugs = [s.strip() for s in str(value or "").split(self.separator) if s.strip()]
        found = IndustryField.objects.filter(slug__in=slugs)
        unknown = sorted(set(slugs) - {f.slug for f in found})
        if unknown:
            known = IndustryField.objects.order_by("slug").values_list("slug", flat=True)
            raise ValueError(_("Unknown industry field %(slugs)s; known fields: %(known)s.")
                             % {"slugs": ", ".join(unknown), "known": ", ".join(known)})
        return found


class ConferenceWidget(widgets.Widget):
    """A conference's edition number."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().removesuffix(".0")
        if not text:
            return None
        conference = Conference.objects.filter(edition=text).first() if text.isdigit() else None
        if conference is None:
            raise ValueError(_("No conference with edition %(edition)s.") % {"edition": value})
        return conference

    def render(self, value, obj=None, **kwargs):
        return ""


class EnterpriseNameWidget(widgets.ForeignKeyWidget):
    """An enterprise by its exact legal name."""

    def __init__(self):
        super().__init__(Enterprise, field="legal_name")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except Enterprise.DoesNotExist as error:
            raise ValueError(_("No enterprise with the legal name %(name)r.")
                             % {"name": value}) from error


@dataclass
class RowOutcome:
    """What importing one row did: the service's change, and the conference it was
    registered for (if any)."""

    change: services.EnterpriseChange
    registered: Conference | None = None


class ServiceResource(resources.ModelResource):
    """Rows go through the services; `outcomes` keeps each saved row's result by row number
    for reports. `required_columns` must be in the file; an unknown column is an error."""

    required_columns: tuple[str, ...] = ()

    def __init__(self, *, actor=None, conference: Conference | None = None, progress=None,
                 **kwargs):
        super().__init__(**kwargs)
        self.actor, self.conference, self.progress = actor, conference, progress
        self.outcomes: dict[int, RowOutcome] = {}

    def column_problem(self, headers) -> str:
        """What is wrong with a file's columns, in one sentence ("" if nothing)."""
        headers = [str(h or "").strip() for h in headers or []]
        known = [f.column_name for f in self.get_import_fields()]
        missing = [c for c in self.required_columns if c not in headers]
        unknown = [h for h in headers if h not in known]
        if missing:
            return _("Missing required columns: %(columns)s.") % {"columns": ", ".join(missing)}
        if unknown:
            return _("Unknown columns: %(columns)s (known columns: %(known)s).") % {
                "columns": ", ".join(unknown), "known": ", ".join(known)}
        return ""

    def import_data(self, dataset, **kwargs):
        # A bad row rolls the whole file back, in the admin's confirm step as well.
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def before_import(self, dataset, **kwargs):
        problem = self.column_problem(dataset.headers)
        if problem:
            raise ValueError(problem)

    def import_instance(self, instance, row, **kwargs):
        """Cleans every column, many-to-many and read-only ones too, so each bad value is a
        field error of its row."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name, field in self.fields.items():
            if (field.attribute is None or field.readonly or isinstance(
                    field.widget, widgets.ManyToManyWidget)) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute or name] = ValidationError(str(error))
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or original is None or original.pk is None:
            return False
        return not self.would_change(original, instance, row)

    def save_instance(self, instance, is_create, row, **kwargs):
        try:
            outcome = self.save_through_services(instance, is_create, row)
        except DomainError as error:
            raise ValidationError(error.fields or error.message) from error
        self.outcomes[kwargs["row_number"]] = outcome
        self.after_saved(instance, outcome)

    def save_m2m(self, instance, row, **kwargs):
        """Nothing here: the service set the many-to-many fields."""

    def after_import_row(self, row, row_result, **kwargs):
        if self.progress is not None:
            self.progress()

    def after_import(self, dataset, result, **kwargs):
        """Statistics for the new rows, whichever door imported them (admin or command)."""
        if not kwargs.get("dry_run") and result.totals.get(RowResult.IMPORT_TYPE_NEW):
            refresh_statistics(Enterprise, Registration, Delegate)

    def values(self, instance, row) -> dict:
        """The new values of the columns this row has, as the services take them."""
        data = {}
        for field in self.get_import_fields():
            if field.attribute in self.service_fields and field.column_name in row:
                many = isinstance(field.widget, widgets.ManyToManyWidget)
                data[field.attribute] = field.clean(row) if many else getattr(
                    instance, field.attribute)
        return data


class EnterpriseResource(ServiceResource):
    service_fields = services.ENTERPRISE_FIELDS
    required_columns = ("legal_name",)
    country = ie_fields.Field(attribute="country", column_name="country",
                              widget=CountryWidget())
    fields = ie_fields.Field(attribute="fields", column_name="fields",
                             widget=FieldSlugsWidget())
    contract_value_usd = ie_fields.Field(attribute="contract_value_usd",
                                         column_name="contract_value_usd",
                                         widget=WholeNumberWidget())
    employees = ie_fields.Field(attribute="employees", column_name="employees",
                                widget=WholeNumberWidget())
    conference = ie_fields.Field(column_name="conference", widget=ConferenceWidget(),
                                 readonly=True)

    class Meta:
        model = Enterprise
        import_id_fields = ["legal_name"]
        fields = [
            "legal_name", "name_zh", "slug", "country", "province", "city", "role", "fields",
            "description", "offers", "needs", "description_zh", "offers_zh", "needs_zh",
            "contract_value_usd", "employees", "website", "conference",
        ]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def after_init_instance(self, instance, new, row, **kwargs):
        if new and not row.get("slug"):
            # As the service would name it; shown in the preview, validated like the rest.
            instance.slug = services.unique_slug(str(row.get("legal_name") or ""))

    def would_change(self, original, instance, row) -> bool:
        diff = diff_enterprise(original, self.values(instance, row))
        return diff.changed or self.registration_due(original, row) is not None

    def registration_due(self, enterprise, row) -> Conference | None:
        """The conference the row applies for, unless the enterprise already has."""
        conference = self.fields["conference"].clean(row) if "conference" in row else None
        conference = conference or self.conference
        if conference is None or enterprise.pk is None:
            return conference
        registered = enterprise.registrations.filter(conference=conference).exclude(
            status=RegistrationStatus.WITHDRAWN).exists()
        return None if registered else conference

    def save_through_services(self, instance, is_create, row) -> RowOutcome:
        data = self.values(instance, row)
        if is_create:
            change = services.create_enterprise(actor=self.actor, data=data)
        else:
            change = services.update_enterprise(enterprise=instance, actor=self.actor,
                                                data=data)
        conference = self.registration_due(change.enterprise, row)
        if conference is not None:
            services.submit_registration(conference=conference, enterprise=change.enterprise,
                                         actor=self.actor)
        return RowOutcome(change, conference)

    def after_saved(self, instance, outcome) -> None:
        # The preview reads the new values (and the fields) back from this instance.
        instance.pk, instance.slug = outcome.change.enterprise.pk, outcome.change.enterprise.slug
        instance._state.adding = False


class DelegateResource(ServiceResource):
    service_fields = services.DELEGATE_FIELDS
    required_columns = ("enterprise", "email")
    enterprise = ie_fields.Field(
        attribute="enterprise",
        column_name="enterprise",
        widget=EnterpriseNameWidget(),
    )
    seniority = ie_fields.Field(
        attribute="seniority", column_name="seniority", widget=SeniorityWidget()
    )

    class Meta:
        model = Delegate
        import_id_fields = ["enterprise", "email"]
        fields = ["enterprise", "full_name", "title", "seniority", "email", "phone", "languages"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None  # an unknown enterprise: import_instance reports it on its column

    def would_change(self, original, instance, row) -> bool:
        listing = upserted_delegates(original.enterprise, self.values(instance, row))
        return diff_enterprise(original.enterprise, {}, listing).changed

    def save_through_services(self, instance, is_create, row) -> RowOutcome:
        change = services.save_delegate(enterprise=instance.enterprise, actor=self.actor,
                                        data=self.values(instance, row))
        return RowOutcome(change)

    def after_saved(self, instance, outcome) -> None:
        instance.pk = outcome.change.delegate.pk
        instance._state.adding = False

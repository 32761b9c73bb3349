"""CSV and XLSX import of enterprises and delegates (django-import-export).

The admin shows a preview with every row's changes and errors; a file with any
bad row imports nothing (IMPORT_EXPORT_USE_TRANSACTIONS and the admin's
refusal to confirm an import that has errors).
"""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields as ie_fields
from import_export import resources, widgets

from accounts import services
from accounts.models import Delegate, Enterprise
from events.errors import DomainError
from events.models import Conference, IndustryField, Seniority
from events.services import record_audit


class SeniorityWidget(widgets.Widget):
    """Accepts a rank's number, its English name or its code (`senior_manager`)."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower().replace(" ", "_")
        for choice in Seniority:
            if text in {str(choice.value), choice.name.lower(), str(choice.label).lower()
                        .replace(" ", "_")}:
                return choice.value
        raise ValueError(_("Unknown seniority %(value)r.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return Seniority(value).name.lower() if value else ""


class AuditedImportMixin:
    """Every imported row leaves an audit entry naming the importing user."""

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        try:
            self.after_row_saved(instance, row)
        except DomainError as error:
            raise ValidationError(error.message) from error


class EnterpriseResource(AuditedImportMixin, resources.ModelResource):
    fields = ie_fields.Field(
        attribute="fields",
        column_name="fields",
        widget=widgets.ManyToManyWidget(IndustryField, field="slug", separator=","),
    )
    conference = ie_fields.Field(
        column_name="conference",
        widget=widgets.ForeignKeyWidget(Conference, field="edition"),
        readonly=True,
    )

    class Meta:
        model = Enterprise
        import_id_fields = ["legal_name"]
        fields = [
            "legal_name", "name_zh", "slug", "country", "province", "city", "role", "fields",
            "description", "offers", "needs", "contract_value_usd", "employees", "website",
            "conference",
        ]
        clean_model_instances = True
        skip_unchanged = True

    def before_import_row(self, row, **kwargs):
        if not row.get("slug"):
            row["slug"] = slugify(row.get("legal_name") or "")[:80]

    def after_row_saved(self, instance, row):
        record_audit(actor=self.actor, action="enterprise.import", target=instance)
        edition = str(row.get("conference") or "").strip()
        if not edition:
            return
        conference = Conference.objects.filter(edition=edition).first()
        if conference is None:
            raise DomainError(_("No conference with edition %(edition)s.") % {"edition": edition})
        if not instance.registrations.filter(conference=conference).exists():
            services.submit_registration(
                conference=conference, enterprise=instance, actor=self.actor
            )


class DelegateResource(AuditedImportMixin, resources.ModelResource):
    enterprise = ie_fields.Field(
        attribute="enterprise",
        column_name="enterprise",
        widget=widgets.ForeignKeyWidget(Enterprise, field="legal_name"),
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

    def after_row_saved(self, instance, row):
        services.send_back_to_review(
            enterprise=instance.enterprise, actor=self.actor, changed=["added"]
        )

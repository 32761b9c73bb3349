"""Fill Registration.submitted_by_partner from the audit entries that used to be the only
record of it (action "registration.submit_by_partner", data {"partner": id})."""

from django.db import migrations

ACTION = "registration.submit_by_partner"


def fill_partner(apps, schema_editor):
    AuditEntry = apps.get_model("events", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Partner = apps.get_model("accounts", "Partner")
    Registration = apps.get_model("accounts", "Registration")
    content_type = ContentType.objects.filter(app_label="accounts", model="registration").first()
    if content_type is None:
        return
    partners = set(Partner.objects.values_list("pk", flat=True))
    entries = AuditEntry.objects.filter(action=ACTION, content_type=content_type).order_by("id")
    for object_id, data in entries.values_list("object_id", "data"):
        partner_id = (data or {}).get("partner")
        if partner_id in partners and object_id.isdigit():
            Registration.objects.filter(pk=int(object_id), submitted_by_partner__isnull=True
                                        ).update(submitted_by_partner_id=partner_id)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_registration_partner_and_rereview"),
        ("events", "0002_conference_max_open_requests_conference_pairing_and_more"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(fill_partner, migrations.RunPython.noop)]

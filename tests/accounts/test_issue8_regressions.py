"""Regression tests for the paths of issue 8 that wrote around the vetting rules.

Each test is the broken path as it was measured on main, driven through the same door.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Registration, RegistrationStatus
from events.models import AuditEntry
from matchmaking.services.booking import book_meeting
from tests.factories import StaffFactory, approved, slots
from tests.portal.conftest import client_for
from tests.portal.helpers import accepted, publish

pytestmark = pytest.mark.django_db

IMPORT_HEADER = "legal_name,country,city,role,fields,contract_value_usd,needs\n"


def admin_import(client, model, filename, content):
    """Upload, preview and confirm an import in the admin, as an organizer does."""
    url = reverse(f"admin:accounts_{model}_import")
    page = client.get(url)
    if page.status_code != 200:
        return page
    choices = page.context["form"].fields["format"].choices
    fmt = next(value for value, label in choices if label.lower() == "csv")
    preview = client.post(url, {"import_file": SimpleUploadedFile(filename, content),
                                "format": fmt, "resource": "0"})
    confirm_form = preview.context.get("confirm_form")
    if confirm_form is None:
        return preview
    return client.post(reverse(f"admin:accounts_{model}_process_import"),
                       confirm_form.initial, follow=True)


def test_reimport_below_the_minimum_from_kp_sends_the_approved_enterprise_back_to_review(
    organizer_client, conference
):
    registration = approved(conference)
    enterprise = registration.enterprise
    row = f"{enterprise.legal_name},KP,Pyongyang,buyer,software,1000,testing\n"

    admin_import(organizer_client, "enterprise", "again.csv", (IMPORT_HEADER + row).encode())

    registration.refresh_from_db()
    enterprise.refresh_from_db()
    assert (enterprise.country.code, enterprise.contract_value_usd) == ("KP", 1000)
    assert registration.status == RegistrationStatus.UNDER_REVIEW
    assert "contract_value" in registration.failed_rule_codes
    assert AuditEntry.objects.filter(action="registration.reopened",
                                     object_id=str(registration.pk)).count() == 1


def test_deleting_the_only_delegate_in_the_admin_is_audited_and_reopens_review(
    organizer_client, conference
):
    registration = approved(conference)
    enterprise = registration.enterprise
    delegate = enterprise.delegates.get()
    url = reverse("admin:accounts_enterprise_change", args=[enterprise.pk])
    form = organizer_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(country=enterprise.country.code, fields=[f.pk for f in enterprise.fields.all()])
    data.update({
        "delegates-TOTAL_FORMS": "1", "delegates-INITIAL_FORMS": "1",
        "delegates-MIN_NUM_FORMS": "0", "delegates-MAX_NUM_FORMS": "1000",
        "delegates-0-id": str(delegate.pk), "delegates-0-enterprise": str(enterprise.pk),
        "delegates-0-full_name": delegate.full_name, "delegates-0-title": delegate.title,
        "delegates-0-seniority": str(delegate.seniority), "delegates-0-email": delegate.email,
        "delegates-0-DELETE": "on",
        "registrations-TOTAL_FORMS": "0", "registrations-INITIAL_FORMS": "0",
        "registrations-MIN_NUM_FORMS": "0", "registrations-MAX_NUM_FORMS": "1000",
    })

    organizer_client.post(url, data, follow=True)

    registration.refresh_from_db()
    assert not enterprise.delegates.exists()
    assert registration.status == RegistrationStatus.UNDER_REVIEW
    entries = AuditEntry.objects.filter(object_id=str(enterprise.pk),
                                        content_type__model="enterprise",
                                        action="enterprise.update")
    assert entries.count() == 1
    assert delegate.full_name in str(entries.get().data)


def test_reviewer_is_refused_the_enterprise_import_and_export(reviewer_client, conference):
    enterprise = approved(conference).enterprise
    row = f"{enterprise.legal_name},US,Boston,buyer,software,1,overwritten\n"

    page = reviewer_client.get(reverse("admin:accounts_enterprise_import"))
    upload = reviewer_client.post(reverse("admin:accounts_enterprise_import"), {
        "import_file": SimpleUploadedFile("x.csv", (IMPORT_HEADER + row).encode()),
        "format": "0", "resource": "0"})
    export = reviewer_client.get(reverse("admin:accounts_enterprise_export"))

    assert (page.status_code, upload.status_code, export.status_code) == (403, 403, 403)
    enterprise.refresh_from_db()
    assert enterprise.needs == "software testing"


def test_buyer_back_in_review_after_a_vetted_edit_keeps_its_published_agenda(client,
                                                                              conference):
    buyer = approved(conference).enterprise
    supplier_registration = approved(conference, contract_value_usd=None, role="supplier",
                                     country="CN")
    first, _second = slots(conference, 2)
    request = accepted(conference, buyer, supplier_registration.enterprise)
    publish(conference)
    meeting = book_meeting(request=request, slot=first, enterprise=buyer)
    StaffFactory(groups=["Organizers"], email="lead@organizer.example")
    client_for(client, buyer)
    profile = {
        "profile-description": "", "profile-offers": "", "profile-needs": buyer.needs,
        "profile-website": "", "profile-employees": "", "profile-contract_value_usd": "7000000",
        "profile-fields": [f.pk for f in buyer.fields.all()],
        "delegates-TOTAL_FORMS": 0, "delegates-INITIAL_FORMS": 0,
        "delegates-MIN_NUM_FORMS": 0, "delegates-MAX_NUM_FORMS": 1000, "confirm": "yes",
    }
    # Keep the delegate: post it back unchanged.
    delegate = buyer.delegates.get()
    profile.update({"delegates-TOTAL_FORMS": 1, "delegates-INITIAL_FORMS": 1,
                    "delegates-0-id": delegate.pk, "delegates-0-enterprise": buyer.pk,
                    **{f"delegates-0-{name}": getattr(delegate, name) for name in (
                        "full_name", "title", "seniority", "email", "phone", "languages")}})

    client.post("/accounts/profile/", profile)

    registration = Registration.objects.get(enterprise=buyer)
    assert registration.status == RegistrationStatus.UNDER_REVIEW
    agenda = client.get("/portal/agenda/")
    assert agenda.status_code == 200
    assert supplier_registration.enterprise.legal_name in agenda.content.decode()
    ics = client.get("/portal/agenda/agenda.ics")
    assert ics.status_code == 200 and b"BEGIN:VEVENT" in ics.content
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"

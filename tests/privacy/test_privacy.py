"""Consent, the personal-data download, erasure requests, anonymisation and retention."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Delegate, Enterprise, User
from accounts.services import withdraw_registration
from events.errors import DomainError
from events.models import AuditEntry
from matchmaking.messaging.models import Message
from matchmaking.messaging.services import open_thread, post_message
from matchmaking.models import MeetingOutcome
from matchmaking.privacy import services
from matchmaking.privacy.models import Consent, ErasureRequest
from matchmaking.privacy.tasks import apply_retention_everywhere
from matchmaking.services import booking
from matchmaking.services.outcomes import record_meeting_outcome
from tests.factories import StaffFactory, slots, took_place
from tests.messaging.conftest import Pair

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def pair(conference):
    return Pair(conference)


def test_consent_is_recorded_once_per_version(pair):
    user = pair.users["buyer"]

    services.record_consent(user=user, version="2026-12")
    services.record_consent(user=user, version="2026-12")

    consent = Consent.objects.get(user=user)
    assert consent.version == "2026-12" and consent.given_at is not None
    assert AuditEntry.objects.filter(action="privacy.consent").count() == 1


def test_the_portal_asks_until_the_current_notice_is_accepted(client, pair, settings):
    settings.PRIVACY_NOTICE_VERSION = "v2"
    client.force_login(pair.users["buyer"])
    services.record_consent(user=pair.users["buyer"], version="v1")

    asked = client.get(reverse("portal:requests")).content.decode()
    client.post(reverse("privacy:accept"), {"next": reverse("portal:requests")})
    after = client.get(reverse("portal:requests")).content.decode()

    assert "Please read and accept our privacy notice." in asked
    assert "Please read and accept our privacy notice." not in after
    assert set(Consent.objects.values_list("version", flat=True)) == {"v1", "v2"}


def test_the_notice_is_bilingual(client):
    from django.utils import translation

    with translation.override("en"):  # a /zh-hans/ request leaves Chinese active
        english = client.get("/privacy/").content.decode()
        chinese = client.get("/zh-hans/privacy/").content.decode()

    assert "Privacy notice" in english and "隐私声明" in chinese


def test_a_company_user_downloads_their_data_as_json(client, pair):
    thread = open_thread(conference=pair.conference, enterprise=pair.buyer,
                         counterpart=pair.supplier)
    post_message(thread=thread, sender=pair.buyer, body="Our offer stands.")
    delegate = pair.buyer.delegates.first()
    client.force_login(pair.users["buyer"])

    response = client.get(reverse("privacy:download"))
    data = json.loads(response.content)

    assert response["Content-Disposition"].startswith("attachment;")
    assert data["user"]["email"] == "buyer@buyer.example"
    assert data["enterprise"]["legal_name"] == pair.buyer.legal_name
    assert data["delegates"][0]["email"] == delegate.email
    assert data["meeting_requests"][0]["from"] == pair.supplier.legal_name
    assert data["messages_sent"][0]["body"] == "Our offer stands."
    assert "stranger" not in response.content.decode()


def test_the_download_carries_the_companys_meeting_outcomes(client, pair):
    meeting = met(pair)
    client.force_login(pair.users["supplier"])

    data = json.loads(client.get(reverse("privacy:download")).content)

    [outcome] = data["outcomes"]
    assert (outcome["meeting_id"], outcome["result"]) == (meeting.pk, "likely")
    assert outcome["notes"] == "Call Mr Wang on +86 139 0000"


def test_an_erasure_request_reaches_the_organizers_admin(client, pair):
    client.force_login(pair.users["buyer"])

    client.post(reverse("privacy:erasure"), {"reason": "We left the market."})
    client.post(reverse("privacy:erasure"), {"reason": "Twice"})

    request = ErasureRequest.objects.get()
    assert (request.user, request.enterprise, request.status) == (
        pair.users["buyer"], pair.buyer, "open")
    organizer = StaffFactory(groups=["Organizers"])
    client.force_login(organizer)
    listing = client.get(reverse("admin:privacy_erasurerequest_changelist"))
    assert "buyer@buyer.example" in listing.content.decode()


def met(pair):
    """The buyer and the supplier held a meeting with a reported outcome."""
    from matchmaking.services import requests as svc

    pair.conference.status = "scheduled"
    pair.conference.save()
    (slot,) = slots(pair.conference, 1)
    request = svc.accept_meeting_request(request=pair.request, enterprise=pair.buyer)
    meeting = booking.book_meeting(request=request, slot=slot, enterprise=pair.buyer)
    took_place(slot)
    record_meeting_outcome(meeting=meeting, enterprise=pair.supplier, result="likely",
                           intended_investment_usd=2_500_000,
                           notes="Call Mr Wang on +86 139 0000")
    return meeting


def test_anonymising_a_withdrawn_enterprise_keeps_figures_and_removes_people(pair):
    meeting = met(pair)
    thread = open_thread(conference=pair.conference, enterprise=pair.supplier,
                         counterpart=pair.buyer)
    post_message(thread=thread, sender=pair.supplier, body="My mobile is 139 0000 0000")
    registration = pair.supplier.registrations.get()
    organizer = StaffFactory(groups=["Organizers"])
    with pytest.raises(DomainError):
        services.anonymise_enterprise(enterprise=pair.supplier, actor=organizer)
    withdraw_registration(registration=registration, actor=organizer)
    name = pair.supplier.legal_name

    services.anonymise_enterprise(enterprise=pair.supplier, actor=organizer)

    supplier = Enterprise.objects.get(pk=pair.supplier.pk)
    assert supplier.legal_name != name and name not in json.dumps(
        list(Delegate.objects.filter(enterprise=supplier).values()), default=str)
    assert (supplier.country, supplier.role) == (pair.supplier.country, pair.supplier.role)
    delegate = supplier.delegates.get()
    assert (delegate.phone, delegate.title) == ("", "")
    assert delegate.email.endswith("@invalid.example")
    user = User.objects.get(pk=pair.users["supplier"].pk)
    assert not user.is_active and not user.has_usable_password()
    assert "supplier@" not in user.email
    outcome = MeetingOutcome.objects.get(meeting=meeting)
    assert (outcome.result, outcome.intended_investment_usd, outcome.notes) == (
        "likely", 2_500_000, "")
    assert meeting.__class__.objects.filter(pk=meeting.pk, status="scheduled").exists()
    assert Message.objects.get().body == "[removed]"
    assert AuditEntry.objects.filter(action="privacy.anonymise_enterprise",
                                     object_id=str(supplier.pk)).count() == 1
    trail = json.dumps(list(AuditEntry.objects.values("data", "reason")), default=str)
    assert name not in trail and "supplier@supplier.example" not in trail


def test_the_admin_action_anonymises_a_delegate(client, pair):
    organizer = StaffFactory(groups=["Organizers"])
    client.force_login(organizer)
    delegate = pair.buyer.delegates.first()

    client.post(reverse("admin:accounts_delegate_changelist"),
                {"action": "anonymise_delegates", "_selected_action": [delegate.pk]})

    delegate.refresh_from_db()
    assert delegate.email == f"delegate-{delegate.pk}@invalid.example"
    assert AuditEntry.objects.filter(action="privacy.anonymise_delegate").count() == 1


def test_retention_anonymises_only_companies_without_meetings(pair):
    met(pair)
    conference = pair.conference
    conference.status = "closed"
    conference.retention_days = 30
    conference.end_date = timezone.localdate(timezone=conference.zone) - dt.timedelta(days=31)
    conference.start_date = conference.end_date
    conference.save()
    stranger = pair.stranger.legal_name

    first = apply_retention_everywhere()
    second = apply_retention_everywhere()

    assert first == {conference.slug: 1} and second == {}
    assert not Enterprise.objects.filter(legal_name=stranger).exists()
    assert Enterprise.objects.filter(pk__in=[pair.buyer.pk, pair.supplier.pk],
                                     legal_name__startswith="Anonymised").count() == 0


def test_retention_waits_for_its_period(pair):
    conference = pair.conference
    conference.status = "closed"
    conference.retention_days = 30
    conference.end_date = timezone.localdate(timezone=conference.zone) - dt.timedelta(days=5)
    conference.start_date = conference.end_date
    conference.save()

    assert apply_retention_everywhere() == {}
    assert not Enterprise.objects.filter(legal_name__startswith="Anonymised").exists()

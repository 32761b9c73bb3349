import re

import pytest
from django.test import Client

from accounts.roles import ORGANIZERS
from events.errors import DomainError
from matchmaking.agenda import tokens
from matchmaking.onsite import codes, selectors
from matchmaking.onsite.models import CheckIn
from matchmaking.onsite.services import check_in_delegate
from tests.factories import CompanyUserFactory, StaffFactory, registered
from tests.portal.test_agenda import pdf_objects

pytestmark = pytest.mark.django_db


def badge_url(conference, delegate):
    token = codes.badge_token(conference_id=conference.pk, delegate_id=delegate.pk)
    return f"https://desk.example/onsite/code/{token}/"


def agenda_url(conference, enterprise):
    token = tokens.make_token(conference_id=conference.pk, enterprise_id=enterprise.pk,
                              salt=tokens.CHECK_IN_SALT)
    return f"https://desk.example/portal/check-in/{token}/"


def desk(conference):
    return f"/onsite/{conference.edition}/check-in/"


def shown(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_check_in_delegate_records_who_when_and_which_staff(conference, organizer,
                                                            buyer_registration):
    delegate = buyer_registration.enterprise.delegates.first()

    check_in = check_in_delegate(conference=conference, delegate=delegate, actor=organizer)

    assert check_in.checked_in_by == organizer
    assert check_in.checked_in_at is not None
    assert selectors.check_in_count(conference=conference) == {
        "delegates": 1, "enterprises": 1, "expected_delegates": 2}


def test_a_delegate_checks_in_only_once(conference, organizer, buyer_registration):
    delegate = buyer_registration.enterprise.delegates.first()
    check_in_delegate(conference=conference, delegate=delegate, actor=organizer)

    with pytest.raises(DomainError) as error:
        check_in_delegate(conference=conference, delegate=delegate, actor=StaffFactory())

    assert error.value.code == "already_checked_in"
    assert str(organizer) in error.value.message
    assert CheckIn.objects.get().checked_in_by == organizer


def test_a_company_that_does_not_take_part_cannot_check_in(conference, organizer):
    registration = registered(conference)  # submitted, never approved
    delegate = registration.enterprise.delegates.first()

    with pytest.raises(DomainError) as error:
        check_in_delegate(conference=conference, delegate=delegate, actor=organizer)

    assert error.value.code == "not_attending"
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("text", ["hello", "https://evil.example/onsite/code/abc:def/", ""])
def test_an_unknown_code_is_refused_as_unknown(conference, text):
    with pytest.raises(DomainError) as error:
        selectors.delegates_for_code(conference=conference, text=text)

    assert error.value.code == "unknown"


def test_a_code_of_another_conference_says_so(conference, other_conference, buyer_registration):
    delegate = buyer_registration.enterprise.delegates.first()

    with pytest.raises(DomainError) as error:
        selectors.delegates_for_code(conference=other_conference,
                                     text=badge_url(conference, delegate))

    assert error.value.code == "other_conference"
    assert str(conference) in error.value.message


def test_scanning_a_badge_checks_its_delegate_in(organizer_client, conference, organizer,
                                                 buyer_registration):
    delegate = buyer_registration.enterprise.delegates.first()

    response = organizer_client.post(desk(conference), {"code": badge_url(conference, delegate)},
                                     follow=True)

    assert shown(response) == [f"Checked in: {delegate.full_name}, "
                               f"{buyer_registration.enterprise}."]
    assert CheckIn.objects.get().delegate == delegate
    assert CheckIn.objects.get().checked_in_by == organizer


def test_scanning_a_used_badge_again_warns_and_records_nothing_new(
        organizer_client, conference, buyer_registration):
    delegate = buyer_registration.enterprise.delegates.first()
    organizer_client.post(desk(conference), {"code": badge_url(conference, delegate)},
                          follow=True)

    response = organizer_client.post(desk(conference), {"code": badge_url(conference, delegate)},
                                     follow=True)

    [message] = response.context["messages"]
    assert message.level_tag == "warning"
    assert "already checked in" in str(message)
    assert CheckIn.objects.count() == 1


def test_scanning_an_unknown_code_shows_an_error(organizer_client, conference):
    response = organizer_client.post(desk(conference), {"code": "not-a-code"}, follow=True)

    [message] = response.context["messages"]
    assert message.level_tag == "error"
    assert "unknown" in str(message)
    assert not CheckIn.objects.exists()


def test_scanning_an_agenda_lists_the_company_delegates_to_pick(
        organizer_client, conference, buyer_registration):
    delegates = list(buyer_registration.enterprise.delegates.all())

    code = agenda_url(conference, buyer_registration.enterprise)

    response = organizer_client.post(desk(conference), {"code": code})

    assert [row["delegate"] for row in response.context["picked"]] == delegates
    assert not CheckIn.objects.exists()
    organizer_client.post(desk(conference), {"delegate": delegates[1].pk})
    assert list(CheckIn.objects.values_list("delegate", flat=True)) == [delegates[1].pk]


def test_the_agenda_link_opened_by_a_phone_leads_to_the_desk_without_checking_in(
        organizer_client, conference, buyer_registration):
    url = agenda_url(conference, buyer_registration.enterprise)

    response = organizer_client.get(url.removeprefix("https://desk.example"), follow=True)

    assert response.redirect_chain[-1][0].startswith(desk(conference) + "?code=")
    assert len(response.context["picked"]) == 2
    assert not CheckIn.objects.exists()


def test_search_finds_delegates_by_company_name(organizer_client, conference,
                                                buyer_registration, supplier_registration):
    buyer_registration.enterprise.legal_name = "Maple Leaf Outsourcing"
    buyer_registration.enterprise.save()

    response = organizer_client.get(desk(conference), {"q": "maple"})

    found = {row["delegate"].enterprise for row in response.context["found"]}
    assert buyer_registration.enterprise in found
    assert supplier_registration.enterprise not in found


@pytest.mark.parametrize("who", ["reviewer", "company"])
def test_the_desk_is_for_on_site_staff_only(conference, buyer_registration, reviewer, who):
    client = Client()
    client.force_login(reviewer if who == "reviewer" else CompanyUserFactory())
    delegate = buyer_registration.enterprise.delegates.first()

    response = client.post(desk(conference), {"code": badge_url(conference, delegate)})

    assert response.status_code == 403
    assert not CheckIn.objects.exists()


def test_badges_pdf_has_one_page_per_delegate(organizer_client, buyer_registration,
                                              supplier_registration):
    response = organizer_client.post("/admin/accounts/registration/", {
        "action": "print_badges",
        "_selected_action": [buyer_registration.pk, supplier_registration.pk]})

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page\b", pdf_objects(response.content))
    assert len(pages) == 3  # two delegates of the buyer, one of the supplier


def test_organizers_hold_the_on_site_right():
    staff = StaffFactory(groups=[ORGANIZERS])
    assert staff.has_perm("onsite.work_on_site")

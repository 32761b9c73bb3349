import datetime as dt

import pytest

from matchmaking.exhibition import selectors as exhibition
from matchmaking.onsite import selectors as onsite
from seeds import onsite as onsite_seeds
from tests.factories import ConferenceFactory, EnterpriseFactory, SupplierFactory, approved

pytestmark = pytest.mark.django_db


def test_onsite_seeds_are_deterministic_and_idempotent(organizer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    conference = ConferenceFactory(edition=5, start_date=dt.date(2012, 6, 19),
                                   end_date=dt.date(2012, 6, 20), host_country="CN")
    for country in ["US", "JP", "CA"]:
        approved(conference, EnterpriseFactory(country=country))
    for _ in range(4):
        approved(conference, SupplierFactory())

    onsite_seeds.load(conference=conference, edition=5, organizer=organizer)
    first = sorted(exhibition.exhibitors(conference=conference).values_list(
        "registration__enterprise__slug", "booth__number"))
    check_ins = onsite.check_in_count(conference=conference)
    onsite_seeds.load(conference=conference, edition=5, organizer=organizer)

    assert len(first) == 7  # fewer registrations than the figures ask for: all of them
    assert exhibition.foreign_exhibitor_count(conference=conference) == 3
    assert sorted(exhibition.exhibitors(conference=conference).values_list(
        "registration__enterprise__slug", "booth__number")) == first
    assert onsite.check_in_count(conference=conference) == check_ins
    assert 0 < check_ins["delegates"] <= check_ins["expected_delegates"]
    assert all(hall.plan.name.endswith(".png")
               for hall in exhibition.halls(conference=conference))

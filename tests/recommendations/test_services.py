import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from events.models import AuditEntry
from matchmaking.models import Recommendation, Shortlist
from matchmaking.recommendations.services import compute_recommendations
from matchmaking.services import requests as request_services
from matchmaking.tasks.recommendations import compute_recommendations_task
from tests.factories import EnterpriseFactory, SupplierFactory, registered

pytestmark = pytest.mark.django_db


def rows(conference):
    return set(
        Recommendation.objects.filter(conference=conference)
        .values_list("buyer_id", "supplier_id", "score")
    )


def test_only_approved_participants_are_recommended(join, conference):
    buyer = join(conference)
    supplier = join(conference, SupplierFactory())
    pending = registered(conference, SupplierFactory()).enterprise

    count = compute_recommendations(conference=conference)

    assert count == 1
    assert {(b, s) for b, s, _score in rows(conference)} == {(buyer.pk, supplier.pk)}
    assert pending.pk not in {s for _b, s, _score in rows(conference)}


def test_buyers_meet_suppliers_unless_anyone_may_meet(join, conference):
    first, second = join(conference), join(conference)

    assert compute_recommendations(conference=conference) == 0

    conference.pairing = "anyone"
    conference.save()
    compute_recommendations(conference=conference)

    assert {(b, s) for b, s, _score in rows(conference)} == {(first.pk, second.pk)}


def test_keeps_each_companys_top_partners_plus_stated_interest(join, conference):
    buyers = [join(conference) for _ in range(3)]
    suppliers = [join(conference, SupplierFactory(offers=offer))
                 for offer in ("software testing", "software testing", "game art", "game art")]
    Shortlist.objects.create(conference=conference, enterprise=buyers[2], target=suppliers[3])

    compute_recommendations(conference=conference, keep=1)

    stored = {(b, s) for b, s, _score in rows(conference)}
    assert len(stored) < len(buyers) * len(suppliers)
    assert all(any(b == buyer.pk for b, _s in stored) for buyer in buyers)
    assert all(any(s == supplier.pk for _b, s in stored) for supplier in suppliers)
    assert (buyers[2].pk, suppliers[3].pk) in stored


def test_running_again_replaces_the_rows_with_the_same_result(join, conference):
    join(conference)
    join(conference, SupplierFactory())
    join(conference, SupplierFactory(offers="game art"))
    compute_recommendations(conference=conference)
    first = rows(conference)

    compute_recommendations(conference=conference)

    assert rows(conference) == first
    assert Recommendation.objects.filter(conference=conference).count() == 2
    assert AuditEntry.objects.filter(action="recommendations.compute").count() == 2


def test_other_conferences_keep_their_recommendations(join, conference):
    from tests.factories import ConferenceFactory

    other = ConferenceFactory()
    join(other)
    join(other, SupplierFactory())
    compute_recommendations(conference=other)
    join(conference)

    compute_recommendations(conference=conference)

    assert Recommendation.objects.filter(conference=other).count() == 1


def test_a_live_meeting_request_counts_as_interest(join, conference):
    buyer = join(conference)
    supplier = join(conference, SupplierFactory())
    compute_recommendations(conference=conference)
    before = Recommendation.objects.get(buyer=buyer, supplier=supplier)

    request_services.send_meeting_request(conference=conference, sender=supplier,
                                          recipient=buyer, purpose="investment")
    compute_recommendations(conference=conference)
    after = Recommendation.objects.get(buyer=buyer, supplier=supplier)

    assert after.score > before.score
    assert {"code": "interest", "params": {"from": [supplier.pk],
                                           "names": [supplier.legal_name]}} in after.reasons


def test_the_score_becomes_the_meeting_weight(join, conference):
    buyer = join(conference)
    supplier = join(conference, SupplierFactory())
    compute_recommendations(conference=conference)
    score = Recommendation.objects.get(buyer=buyer, supplier=supplier).score

    request = request_services.send_meeting_request(conference=conference, sender=buyer,
                                                    recipient=supplier, purpose="investment")

    assert float(request.weight) == pytest.approx(1 + score / 25, abs=0.01)


def test_compute_reads_and_writes_in_a_fixed_number_of_queries(
    join, conference, django_assert_num_queries
):
    buyers = [join(conference, EnterpriseFactory(needs="software testing; cloud migration"))
              for _ in range(4)]
    suppliers = [join(conference, SupplierFactory(offers="software testing; IT help desk"))
                 for _ in range(6)]
    Shortlist.objects.create(conference=conference, enterprise=buyers[0], target=suppliers[0])
    # The audit's content type is cached once per process; warm it so the count is stable.
    ContentType.objects.get_for_model(conference)

    # 4 reads (enterprises, fields, delegates, stated interest) and the swap: savepoint,
    # delete, insert, audit, release; on PostgreSQL an ANALYZE of the new rows after it.
    with django_assert_num_queries(10 if connection.vendor == "postgresql" else 9):
        assert compute_recommendations(conference=conference) == 24


def test_task_computes_the_conference(join, conference):
    join(conference)
    join(conference, SupplierFactory())

    assert compute_recommendations_task(conference.pk) == 1
    assert compute_recommendations_task(10**6) == 0


def test_command_computes_by_edition_or_slug(join, conference, capsys):
    join(conference)
    join(conference, SupplierFactory())

    call_command("recommend", str(conference.edition), "--no-progress", skip_checks=True)
    call_command("recommend", conference.slug, "--no-progress", skip_checks=True)

    assert capsys.readouterr().out.count("1 recommendations stored") == 2
    assert Recommendation.objects.filter(conference=conference).count() == 1


def test_command_rejects_an_unknown_conference_with_exit_2(join, conference):
    with pytest.raises(CommandError) as error:
        call_command("recommend", "no-such-conference", skip_checks=True)

    assert error.value.returncode == 2
    assert "no-such-conference" in str(error.value)

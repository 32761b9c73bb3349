"""Properties of the pure scorer: plain companies in, scores and reasons out."""

import dataclasses

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from matchmaking.recommendations import text
from matchmaking.recommendations.describe import describe_reason
from matchmaking.recommendations.scoring import Company, recommend, score_all, size_fit

PHARMA = {"pharma-rd": {"name": "Pharmaceutical R&D", "name_zh": "医药研发"}}


def buyer(id=1, **kw):
    values = {"name": f"Buyer {id}", "is_buyer": True, "is_supplier": False,
              "fields": frozenset({"pharma-rd"}), "needs": "clinical data management",
              "contract_value_usd": 10_000_000, "employees": 5000,
              "languages": frozenset({"en"})}
    return Company(id=id, **{**values, **kw})


def supplier(id=2, **kw):
    values = {"name": f"Supplier {id}", "is_buyer": False, "is_supplier": True,
              "fields": frozenset({"pharma-rd"}), "offers": "clinical data management",
              "employees": 1200, "languages": frozenset({"zh", "en"})}
    return Company(id=id, **{**values, **kw})


def pair_score(a, b, interests=()):
    _model, scores = score_all([a, b], interests=interests)
    [score] = scores.values()
    return score


def test_shared_field_raises_the_score():
    other_field = supplier(fields=frozenset({"software"}))

    assert pair_score(buyer(), supplier()) > pair_score(buyer(), other_field)


def test_offer_matching_the_need_raises_the_score():
    unrelated = supplier(offers="game art; character design")

    assert pair_score(buyer(), supplier()) > pair_score(buyer(), unrelated)


def test_needs_matching_offers_gives_the_reason_in_words():
    needs = buyer(needs="clinical data management; biostatistics")
    offers = supplier(offers="Clinical data management, bioanalysis")

    [pair] = recommend([needs, offers], field_labels=PHARMA)
    texts = [describe_reason(reason, reader_id=needs.id) for reason in pair.reasons]

    assert texts[:2] == ["both in Pharmaceutical R&D",
                         "you need clinical data management, which they offer"]
    assert describe_reason(pair.reasons[1], reader_id=offers.id) == (
        "they need clinical data management, which you offer")


def test_partial_text_match_names_the_shared_words():
    [pair] = recommend([buyer(needs="automated software testing"),
                        supplier(offers="manual testing; software localisation")])

    [reason] = [r for r in pair.reasons if r["code"] == "needs_offers"]

    assert reason["params"]["phrases"] == []
    assert set(reason["params"]["terms"]) == {"software", "testing"}


def test_phrases_match_whatever_the_case_and_punctuation():
    assert text.phrases("Post-production, 3D Modelling") .keys() == (
        text.phrases("3d modelling; post production").keys())


def test_large_contract_fits_a_small_supplier_worse():
    small = supplier(employees=60)
    large = supplier(employees=3000)
    big_buyer = buyer(contract_value_usd=40_000_000)

    assert size_fit(40_000_000, 60)[1] == "too_large"
    assert size_fit(40_000_000, 3000)[1] == "good"
    assert pair_score(big_buyer, small) < pair_score(big_buyer, large)


def test_shared_language_raises_the_score():
    apart = supplier(languages=frozenset({"zh"}))

    assert pair_score(buyer(), supplier()) > pair_score(buyer(), apart)


def test_stated_interest_raises_the_score_more_when_mutual():
    none = pair_score(buyer(), supplier())
    one = pair_score(buyer(), supplier(), interests=[(1, 2)])
    both = pair_score(buyer(), supplier(), interests=[(1, 2), (2, 1)])

    assert none < one < both <= 100


texts = st.lists(st.sampled_from(["clinical data management", "biostatistics",
                                  "software testing", "game art", "3D modelling"]),
                 max_size=3).map("; ".join)
companies = st.builds(
    Company, id=st.just(1), name=st.just("A"), is_buyer=st.just(True), is_supplier=st.just(True),
    fields=st.frozensets(st.sampled_from(["pharma-rd", "software", "animation"]), max_size=2),
    offers=texts, needs=texts,
    contract_value_usd=st.one_of(st.none(), st.integers(1, 80_000_000)),
    employees=st.one_of(st.none(), st.integers(1, 50_000)),
    languages=st.frozensets(st.sampled_from(["en", "zh", "ja"]), max_size=2),
)


@given(companies, companies, st.booleans())
def test_score_does_not_depend_on_which_side_is_called_the_buyer(a, b, interested):
    a, b = a, dataclasses.replace(b, id=2, name="B")
    swapped_a, swapped_b = dataclasses.replace(a, id=2), dataclasses.replace(b, id=1)

    forward = pair_score(a, b, interests=[(1, 2)] if interested else [])
    backward = pair_score(swapped_b, swapped_a, interests=[(2, 1)] if interested else [])

    assert forward == backward
    assert 0 <= forward <= 100


def test_ordering_is_deterministic_best_first_then_by_ids():
    everyone = [buyer(1), buyer(3), supplier(2), supplier(4), supplier(6, offers="game art")]

    first = recommend(everyone)
    again = recommend(list(reversed(everyone)))

    assert first == again
    keys = [(-pair.score, pair.buyer_id, pair.supplier_id) for pair in first]
    assert keys == sorted(keys)
    # Buyers 1 and 3 are identical, so are suppliers 2 and 4: ties go by buyer, supplier.
    assert [(p.buyer_id, p.supplier_id) for p in first[:4]] == [(1, 2), (1, 4), (3, 2), (3, 4)]


def test_keeps_each_companys_best_partners_and_every_interested_pair():
    outsider = buyer(5, fields=frozenset({"software"}), languages=frozenset({"ja"}))
    buyers = [buyer(1), buyer(3), outsider]
    suppliers = [supplier(2), supplier(4), supplier(6, offers="game art")]

    kept = recommend(buyers + suppliers, keep=1, interests=[(5, 6)])
    pairs = {(pair.buyer_id, pair.supplier_id) for pair in kept}

    # Every buyer's best is supplier 2 and every supplier's best buyer 1 (ties: lower id);
    # the outsider's poor pair with supplier 6 stays because it asked for it.
    assert pairs == {(1, 2), (3, 2), (5, 2), (1, 4), (1, 6), (5, 6)}
    assert {r["code"] for p in kept if (p.buyer_id, p.supplier_id) == (5, 6)
            for r in p.reasons} == {"size", "interest"}


def test_pairing_rule_excludes_two_buyers_unless_anyone_may_meet():
    everyone = [buyer(1), buyer(3)]

    assert recommend(everyone) == []
    assert [(p.buyer_id, p.supplier_id) for p in recommend(everyone, anyone=True)] == [(1, 3)]


def test_chinese_profiles_match_in_chinese_and_the_reason_names_them_per_reader():
    needs = buyer(needs="3D modelling; post-production", needs_zh="三维建模；后期制作",
                  name_zh="枫叶分析")
    offers = supplier(offers="3D modelling, post-production", offers_zh="三维建模、后期制作")

    [pair] = recommend([needs, offers])
    [reason] = [r for r in pair.reasons if r["code"] == "needs_offers"]

    assert reason["params"]["phrases_zh"] == ["三维建模", "后期制作"]
    with translation.override("zh-hans"):
        chinese = describe_reason(reason, reader_id=needs.id)
    with translation.override("en"):
        english = describe_reason(reason, reader_id=needs.id)
    assert "三维建模" in chinese and "后期制作" in chinese
    assert not any(ch.isascii() and ch.isalpha() for ch in chinese)
    assert english == "you need 3D modelling and post-production, which they offer"


def test_profiles_written_only_in_chinese_still_score_and_give_a_reason():
    chinese_only = supplier(offers="", offers_zh="临床数据管理；生物统计")
    unrelated = supplier(offers="", offers_zh="游戏美术")
    needer = buyer(needs="", needs_zh="临床数据管理")

    assert pair_score(needer, chinese_only) > pair_score(needer, unrelated)
    [pair] = recommend([needer, chinese_only])
    [reason] = [r for r in pair.reasons if r["code"] == "needs_offers"]
    with translation.override("en"):
        # No English text on either side: the English sentence names no Chinese service.
        assert describe_reason(reason, reader_id=needer.id) == (
            "what they offer matches what you need")


def test_a_partial_chinese_match_names_two_character_words_not_single_characters():
    [pair] = recommend([buyer(needs="", needs_zh="自动化软件测试"),
                        supplier(offers="", offers_zh="软件测试外包；手工测试")])

    [reason] = [r for r in pair.reasons if r["code"] == "needs_offers"]

    assert reason["params"]["phrases_zh"] == []
    assert "软件" in reason["params"]["terms_zh"] and "测试" in reason["params"]["terms_zh"]
    assert all(len(term) == 2 for term in reason["params"]["terms_zh"])


def test_a_third_party_chinese_reader_gets_the_chinese_names_where_there_are_some():
    [pair] = recommend([buyer(needs_zh="临床数据管理", name_zh="枫叶分析"),
                        supplier(offers_zh="临床数据管理")])
    [reason] = [r for r in pair.reasons if r["code"] == "needs_offers"]

    with translation.override("zh-hans"):
        text_zh = describe_reason(reason)

    assert "枫叶分析" in text_zh and "Supplier 2" in text_zh and "Buyer 1" not in text_zh

"""Mutual fit of buyer-supplier pairs. Pure Python, no Django import: plain companies in,
scored pairs with machine-readable reasons out (`describe.py` renders them).

The score (0-100) is a weighted sum of components in [0, 1]:

- fields (25): shared industry fields over the smaller side's count;
- needs/offers (35): for each direction, what one needs against what the other offers,
  half TF-IDF cosine and half the share of the needer's phrases offered word for word;
  English texts are compared with English ones and Chinese with Chinese; the better
  language and the better direction count;
- size (15): the buyer's contract against the supplier's capacity, see `size_fit`;
- languages (10): 1 if the delegations share a language, 0 if not;
- stated interest (up to 15): a shortlist or a live meeting request, 10 for one side,
  15 for both.

Unknown inputs (no employee count, no delegate languages) score a neutral 0.5 and give
no reason. The score is symmetric: it does not matter which side is called the buyer.
"""

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from matchmaking.recommendations import text
from matchmaking.recommendations.gcpause import gc_paused

W_FIELDS, W_TEXT, W_SIZE, W_LANGUAGES = 25.0, 35.0, 15.0, 10.0
INTEREST_ONE_SIDE, INTEREST_BOTH_SIDES = 10.0, 15.0
NEUTRAL = 0.5
# A cosine below this is coincidence (one shared common word), not worth a reason.
MIN_TEXT_REASON = 0.15

# Annual output of one employee of a service-outsourcing firm, as an order of magnitude
# (Chinese ITO/BPO firms report roughly USD 30-60k of revenue per head).
REVENUE_PER_EMPLOYEE_USD = 50_000
# A contract up to half a year's output fits; up to two years' output is a stretch.
COMFORTABLE_RATIO, STRETCH_RATIO = 0.5, 2.0


@dataclass(frozen=True)
class Company:
    id: int
    name: str
    is_buyer: bool
    is_supplier: bool
    fields: frozenset[str] = frozenset()
    offers: str = ""
    needs: str = ""
    offers_zh: str = ""
    needs_zh: str = ""
    name_zh: str = ""
    contract_value_usd: int | None = None
    employees: int | None = None
    languages: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ScoredPair:
    buyer_id: int
    supplier_id: int
    score: float
    reasons: list[dict] = field(default_factory=list)


def size_fit(contract_value_usd: int | None, employees: int | None) -> tuple[float, str]:
    """(fit in [0, 1], "good" | "stretch" | "too_large" | ""): a big contract with a small
    supplier is a worse fit; a small contract never hurts. Unknown: neutral, no label."""
    if not contract_value_usd or not employees:
        return NEUTRAL, ""
    ratio = contract_value_usd / (employees * REVENUE_PER_EMPLOYEE_USD)
    if ratio <= COMFORTABLE_RATIO:
        return 1.0, "good"
    if ratio <= STRETCH_RATIO:
        # Falls from 1 to 0.2 across the stretch band.
        band = (ratio - COMFORTABLE_RATIO) / (STRETCH_RATIO - COMFORTABLE_RATIO)
        return 1.0 - 0.8 * band, "stretch"
    return 0.0, "too_large"


def orient(a: Company, b: Company) -> tuple[Company, Company]:
    """(buyer, supplier) of an unordered pair: the side that buys, else the lower id."""
    forward = a.is_buyer and b.is_supplier
    backward = b.is_buyer and a.is_supplier
    if forward != backward:
        return (a, b) if forward else (b, a)
    return (a, b) if a.id < b.id else (b, a)


def partner_rows(
    companies: list[Company], *, anyone: bool
) -> list[tuple[Company, list[Company]]]:
    """Every unordered pair allowed to meet, once, grouped by its buyer: [(buyer,
    [suppliers])], oriented as `orient` does."""
    ordered = sorted(companies, key=lambda company: company.id)
    if anyone:
        grouped: dict[int, list[Company]] = defaultdict(list)
        for index, a in enumerate(ordered):
            for b in ordered[index + 1:]:
                buyer, supplier = orient(a, b)
                grouped[buyer.id].append(supplier)
        return [(company, grouped[company.id]) for company in ordered if company.id in grouped]
    suppliers = [company for company in ordered if company.is_supplier]
    # A pair that could buy either way is met twice: keep it once, the lower id buying.
    return [
        (buyer, [s for s in suppliers if s.id != buyer.id
                 and not (s.is_buyer and buyer.is_supplier and s.id < buyer.id)])
        for buyer in ordered if buyer.is_buyer
    ]


def pairs(companies: list[Company], *, anyone: bool) -> Iterator[tuple[Company, Company]]:
    """Every unordered pair allowed to meet, once, oriented as (buyer, supplier)."""
    for buyer, partners in partner_rows(companies, anyone=anyone):
        for supplier in partners:
            yield buyer, supplier


class _TextModel:
    """Needs against offers in one language: TF-IDF vectors, their cosines, the phrases
    offered word for word and the resulting text fit per (needer, offerer)."""

    def __init__(self, needs: Mapping[int, str], offers: Mapping[int, str]):
        needs_terms = {key: text.terms(value) for key, value in needs.items()}
        offers_terms = {key: text.terms(value) for key, value in offers.items()}
        weights = text.idf([*needs_terms.values(), *offers_terms.values()])
        self.needs = {key: text.vector(terms, weights) for key, terms in needs_terms.items()}
        self.offers = {key: text.vector(terms, weights) for key, terms in offers_terms.items()}
        self.cosine = text.cosine_rows(self.needs, self.offers)
        need_phrases = {key: text.phrases(value) for key, value in needs.items()}
        self.matched = text.shared_phrases(
            need_phrases, {key: text.phrases(value) for key, value in offers.items()})
        self.fit = {needer: self._fit_row(needer, len(need_phrases[needer]))
                    for needer in need_phrases}

    def _fit_row(self, needer: int, phrase_count: int) -> dict[int, float]:
        """Text fit of one needer against every offerer it shares something with: half
        the cosine, half the share of its phrases offered word for word."""
        cosine, matched = self.cosine.get(needer, {}), self.matched.get(needer, {})
        return {
            offerer: 0.5 * min(cosine.get(offerer, 0.0), 1.0)
            + 0.5 * len(matched.get(offerer, ())) / max(1, phrase_count)
            for offerer in cosine.keys() | matched.keys()
        }


class _Model:
    """What scoring needs about all companies, computed once: text fit in both directions
    and both languages, stated interest, and each company's features as bit masks for the
    pair loop."""

    def __init__(self, companies: list[Company], interests: Iterable[tuple[int, int]]):
        self.by_id = {company.id: company for company in companies}
        self.english = _TextModel({c.id: c.needs for c in companies if c.needs},
                                  {c.id: c.offers for c in companies if c.offers})
        self.chinese = _TextModel({c.id: c.needs_zh for c in companies if c.needs_zh},
                                  {c.id: c.offers_zh for c in companies if c.offers_zh})
        self.fit = _better_fit(self.english.fit, self.chinese.fit)
        self.interest: dict[tuple[int, int], set[int]] = defaultdict(set)
        for source, target in interests:
            if source in self.by_id and target in self.by_id and source != target:
                self.interest[_key(source, target)].add(source)
        self.features = _features(companies, self.fit, self.interest)


def _better_fit(first: Mapping[int, dict[int, float]],
                second: Mapping[int, dict[int, float]]) -> dict[int, dict[int, float]]:
    """Per needer and offerer, the better of two languages' text fit."""
    merged = {needer: dict(row) for needer, row in first.items()}
    for needer, row in second.items():
        mine = merged.setdefault(needer, {})
        for offerer, fit in row.items():
            if fit > mine.get(offerer, 0.0):
                mine[offerer] = fit
    return merged


def _features(companies: list[Company], fit: Mapping, interest: Mapping) -> dict[int, tuple]:
    """Per company: (fields mask, field count, languages mask, contract, employees if it
    supplies, its text fit row, {partner: sides interested})."""
    bits: dict[str, int] = {}

    def mask(values: frozenset[str]) -> int:
        return sum(1 << bits.setdefault(value, len(bits)) for value in values)

    stated: dict[int, dict[int, int]] = defaultdict(dict)
    for (low, high), sources in interest.items():
        stated[low][high] = stated[high][low] = len(sources)
    return {
        c.id: (mask(c.fields), len(c.fields), mask(c.languages), c.contract_value_usd or 0,
               (c.employees or 0) if c.is_supplier else 0, fit.get(c.id, {}),
               stated.get(c.id, {}))
        for c in companies
    }


def _key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


class _SizeTable(dict):
    """size_fit by (contract, employees), computed on first use: few distinct values."""

    def __missing__(self, key: tuple[int, int]) -> float:
        self[key] = fit = size_fit(*key)[0]
        return fit


def _score_row(model: _Model, a: Company, partners: list[Company],
               sizes: _SizeTable) -> list[float]:
    """The score of `a` with each partner; the hot loop, so everything is local."""
    a_fields, a_count, a_languages, a_contract, a_staff, a_fit, a_stated = model.features[a.id]
    features, bonus = model.features, (0.0, INTEREST_ONE_SIDE, INTEREST_BOTH_SIDES)
    scores = []
    for b in partners:
        b_fields, b_count, b_languages, b_contract, b_staff, b_fit, _ = features[b.id]
        shared = (a_fields & b_fields).bit_count()
        total = W_FIELDS * shared / min(a_count, b_count) if shared else 0.0
        total += W_TEXT * max(a_fit.get(b.id, 0.0), b_fit.get(a.id, 0.0))
        size = -1.0
        if a_contract and b_staff:
            size = sizes[(a_contract, b_staff)]
        if b_contract and a_staff:
            size = max(size, sizes[(b_contract, a_staff)])
        total += W_SIZE * (NEUTRAL if size < 0 else size)
        if a_languages and b_languages:
            total += W_LANGUAGES if a_languages & b_languages else 0.0
        else:
            total += W_LANGUAGES * NEUTRAL
        total += bonus[a_stated.get(b.id, 0)]
        scores.append(round(min(100.0, total), 1))
    return scores


def score_all(
    companies: list[Company], *, interests: Iterable[tuple[int, int]] = (), anyone: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[_Model, dict[tuple[int, int], float]]:
    """The score of every allowed pair, keyed (buyer id, supplier id)."""
    model = _Model(companies, interests)
    rows = partner_rows(companies, anyone=anyone)
    total = sum(len(partners) for _buyer, partners in rows)
    scores, sizes, done = {}, _SizeTable(), 0
    for buyer, partners in rows:
        row = _score_row(model, buyer, partners, sizes)
        scores.update(((buyer.id, p.id), score) for p, score in zip(partners, row, strict=True))
        done += len(partners)
        if progress:
            progress(done, total)
    return model, scores


def recommend(
    companies: list[Company], *, interests: Iterable[tuple[int, int]] = (), anyone: bool = False,
    keep: int = 30, field_labels: Mapping[str, dict] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[ScoredPair]:
    """The pairs worth storing: each company's `keep` best partners and every pair with
    stated interest, best first (ties by ids, so the order is deterministic)."""
    with gc_paused():
        model, scores = score_all(companies, interests=interests, anyone=anyone,
                                  progress=progress)
        return _select(model, scores, keep, field_labels or {})


def _select(model: _Model, scores: Mapping[tuple[int, int], float], keep: int,
            field_labels: Mapping[str, dict]) -> list[ScoredPair]:
    chosen = _top_per_company(scores, keep) | {
        key for key in scores if _key(*key) in model.interest
    }
    ranked = sorted(chosen, key=lambda key: (-scores[key], key))
    return [
        ScoredPair(buyer, supplier, scores[(buyer, supplier)],
                   explain(model, model.by_id[buyer], model.by_id[supplier], field_labels))
        for buyer, supplier in ranked
    ]


def _top_per_company(scores: Mapping[tuple[int, int], float], keep: int) -> set[tuple[int, int]]:
    candidates: dict[int, list[tuple[float, int, tuple[int, int]]]] = defaultdict(list)
    for key, score in scores.items():
        buyer, supplier = key
        candidates[buyer].append((score, -supplier, key))
        candidates[supplier].append((score, -buyer, key))
    chosen = set()
    for rows in candidates.values():
        chosen.update(key for _score, _other, key in heapq.nlargest(keep, rows))
    return chosen


def explain(model: _Model, buyer: Company, supplier: Company,
            field_labels: Mapping[str, dict]) -> list[dict]:
    """The reasons of one pair, as [{"code": ..., "params": {...}}, ...]."""
    reasons = []
    shared = sorted(buyer.fields & supplier.fields)
    if shared:
        labels = [dict(field_labels.get(slug, {"name": slug})) for slug in shared]
        reasons.append({"code": "fields", "params": {"fields": labels}})
    for needer, offerer in ((buyer, supplier), (supplier, buyer)):
        reason = _needs_reason(model, needer, offerer)
        if reason:
            reasons.append(reason)
    reasons.extend(_size_reasons(buyer, supplier))
    if buyer.languages and supplier.languages and buyer.languages & supplier.languages:
        languages = sorted(buyer.languages & supplier.languages)
        reasons.append({"code": "languages", "params": {"languages": languages}})
    stated = sorted(model.interest.get(_key(buyer.id, supplier.id), ()))
    if stated:
        names = [model.by_id[key].name for key in stated]
        reasons.append({"code": "interest", "params": {"from": stated, "names": names}})
    return reasons


def _needs_reason(model: _Model, needer: Company, offerer: Company) -> dict | None:
    """What the needer needs and the offerer offers, in each language the two profiles
    share, so that every reader gets the services named in their own language."""
    phrases, terms, cosine = _matched_in(model.english, needer.id, offerer.id)
    phrases_zh, terms_zh, cosine_zh = _matched_in(model.chinese, needer.id, offerer.id,
                                                   joined=True)
    if not (phrases or phrases_zh) and max(cosine, cosine_zh) < MIN_TEXT_REASON:
        return None
    return {"code": "needs_offers", "params": {
        "needer": needer.id, "needer_name": needer.name, "needer_name_zh": needer.name_zh,
        "offerer": offerer.id, "offerer_name": offerer.name,
        "offerer_name_zh": offerer.name_zh,
        "phrases": phrases, "terms": terms, "phrases_zh": phrases_zh, "terms_zh": terms_zh,
        "similarity": round(max(cosine, cosine_zh), 2),
    }}


def _matched_in(texts: _TextModel, needer: int, offerer: int,
                joined: bool = False) -> tuple[list[str], list[str], float]:
    """(phrases offered word for word, else the words shared, cosine) in one language;
    the words only when the cosine is worth a reason."""
    phrases = texts.matched.get(needer, {}).get(offerer, [])
    cosine = texts.cosine.get(needer, {}).get(offerer, 0.0)
    if phrases or cosine < MIN_TEXT_REASON:
        return phrases, [], cosine
    return [], text.top_shared_terms(texts.needs[needer], texts.offers[offerer],
                                     joined=joined), cosine


def _size_reasons(a: Company, b: Company) -> Iterator[dict]:
    for buyer, supplier in ((a, b), (b, a)):
        if not (supplier.is_supplier and buyer.contract_value_usd and supplier.employees):
            continue
        _fit, label = size_fit(buyer.contract_value_usd, supplier.employees)
        yield {"code": "size", "params": {
            "fit": label, "contract_value_usd": int(buyer.contract_value_usd),
            "employees": supplier.employees, "buyer": buyer.id, "supplier": supplier.id,
            "buyer_name": buyer.name, "supplier_name": supplier.name,
        }}

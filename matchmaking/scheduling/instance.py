"""Parse and validate a schedule instance into an indexed model.

The solver works on integer indices and slot bitmasks only; ids from the JSON
are kept in lists so the result can name them again. Slots are re-ordered by
(calendar day, start) so that every day is a contiguous range of slot indices,
which lets breaks be computed with shifts and masks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

INSTANCE_FORMAT = "matchmaking-schedule/1"
NO_CAP = 1 << 30


class InvalidInstance(ValueError):
    """The instance cannot be solved as given; the message is one human line."""


@dataclass
class Instance:
    slot_ids: list
    tables: list[int]
    day_ranges: list[tuple[int, int]]  # (first slot index, number of slots) per day
    company_ids: list
    seats: list[int]
    cap: list[int]
    company_mask: list[int]
    request_ids: list
    ra: list[int]
    rb: list[int]
    weight: list
    request_mask: list[int]  # slots the request may use: both companies, request, tables > 0
    fixed: list[int]  # slot index or -1
    adj: list[list[int]] = field(default_factory=list)
    # The other requests of the same pair, for the few pairs with several:
    # two meetings of one pair never share a slot (rule 7).
    twins: dict[int, list[int]] = field(default_factory=dict)
    previous: list[int] = field(default_factory=list)  # published slot index or -1
    n_previous: int = 0
    raw_mask: list[int] = field(default_factory=list)  # availability only, ignoring tables
    integral: bool = True

    @property
    def n_slots(self) -> int:
        return len(self.slot_ids)

    @property
    def n_companies(self) -> int:
        return len(self.company_ids)

    @property
    def n_requests(self) -> int:
        return len(self.request_ids)


def _fail(message: str) -> None:
    raise InvalidInstance(message)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_id(value, what: str):
    if isinstance(value, str) or _is_int(value):
        return value
    _fail(f"{what} id must be a string, got {value!r}")


def _list_field(obj: dict, key: str, what: str, required: bool = True) -> list:
    if key not in obj:
        if required:
            _fail(f"{what}: missing '{key}'")
        return []
    value = obj[key]
    if not isinstance(value, list):
        _fail(f"{what}: '{key}' must be a list")
    return value


def _parse_time(value, what: str) -> datetime:
    if not isinstance(value, str):
        _fail(f"{what}: datetime must be an ISO 8601 string, got {value!r}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        _fail(f"{what}: bad datetime {value!r}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        _fail(f"{what}: datetime {value!r} has no UTC offset")
    return moment


def _parse_slots(raw: list) -> tuple[list, list, list, dict]:
    parsed = []
    seen: dict = {}
    for position, slot in enumerate(raw):
        if not isinstance(slot, dict):
            _fail(f"slot #{position} must be an object")
        sid = _check_id(slot.get("id"), f"slot #{position}")
        if sid in seen:
            _fail(f"duplicate slot id {sid!r}")
        seen[sid] = position
        start = _parse_time(slot.get("start"), f"slot {sid!r} start")
        end = _parse_time(slot.get("end"), f"slot {sid!r} end")
        if end <= start:
            _fail(f"slot {sid!r} ends before it starts")
        tables = slot.get("tables")
        if not _is_int(tables) or tables < 0:
            _fail(f"slot {sid!r}: tables must be a whole number >= 0")
        parsed.append((start, end, sid, tables))
    by_time = sorted(parsed, key=lambda p: (p[0], p[1]))
    for before, after in zip(by_time, by_time[1:], strict=False):
        if after[0] < before[1]:
            _fail(f"slots {before[2]!r} and {after[2]!r} overlap")
    # Days contiguous: order by the local calendar date, then by the instant.
    ordered = sorted(parsed, key=lambda p: (p[0].date(), p[0]))
    slot_ids = [p[2] for p in ordered]
    tables = [p[3] for p in ordered]
    day_ranges: list[tuple[int, int]] = []
    for index, item in enumerate(ordered):
        if index and item[0].date() == ordered[index - 1][0].date():
            first, length = day_ranges[-1]
            day_ranges[-1] = (first, length + 1)
        else:
            day_ranges.append((index, 1))
    return slot_ids, tables, day_ranges, {sid: i for i, sid in enumerate(slot_ids)}


def _slot_mask(value, slot_index: dict, what: str, all_slots: int) -> int:
    if value is None:
        return all_slots
    if not isinstance(value, list):
        _fail(f"{what}: 'available' must be a list of slot ids")
    mask = 0
    for sid in value:
        if not (isinstance(sid, str) or _is_int(sid)) or sid not in slot_index:
            _fail(f"{what}: unknown slot {sid!r}")
        mask |= 1 << slot_index[sid]
    return mask


def _parse_companies(raw: list, slot_index: dict, all_slots: int):
    ids, seats, caps, masks = [], [], [], []
    index: dict = {}
    for position, company in enumerate(raw):
        if not isinstance(company, dict):
            _fail(f"company #{position} must be an object")
        cid = _check_id(company.get("id"), f"company #{position}")
        if cid in index:
            _fail(f"duplicate company id {cid!r}")
        index[cid] = position
        seat = company.get("seats", 1)
        if not _is_int(seat) or seat < 1:
            _fail(f"company {cid!r}: seats must be a whole number >= 1")
        cap = company.get("max_meetings")
        if cap is None:
            cap = NO_CAP
        elif not _is_int(cap) or cap < 0:
            _fail(f"company {cid!r}: max_meetings must be a whole number >= 0")
        ids.append(cid)
        seats.append(seat)
        caps.append(min(cap, NO_CAP))
        where = f"company {cid!r}"
        masks.append(_slot_mask(company.get("available"), slot_index, where, all_slots))
    return ids, seats, caps, masks, index


def _parse_weight(request: dict, rid):
    weight = request.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        _fail(f"request {rid!r}: weight must be a number")
    if not math.isfinite(weight) or weight <= 0:
        _fail(f"request {rid!r}: weight must be > 0")
    return weight


def _company_of(request: dict, key: str, company_index: dict, rid) -> int:
    cid = request.get(key)
    if type(cid) is str:  # the common case, without the generic checks
        found = company_index.get(cid)
        if found is not None:
            return found
    if not (isinstance(cid, str) or _is_int(cid)) or cid not in company_index:
        _fail(f"request {rid!r}: unknown company {cid!r}")
    return company_index[cid]


def _previous(request: dict, slot_index: dict, rid) -> int:
    sid = request.get("previous")
    if sid is None:
        return -1
    if not (isinstance(sid, str) or _is_int(sid)) or sid not in slot_index:
        _fail(f"request {rid!r}: unknown previous slot {sid!r}")
    return slot_index[sid]


def _parse_requests(raw: list, company_index: dict, slot_index: dict, all_slots: int):
    # Hot at 20k requests: the plain case (string ids, whole weights, no
    # windows) avoids helper calls and error-message formatting.
    ids, ra, rb, weights, masks, previous = [], [], [], [], [], []
    index: dict = {}
    pairs: dict = {}
    twins: dict[int, list[int]] = {}
    n_companies = len(company_index)
    for position, request in enumerate(raw):
        if not isinstance(request, dict):
            _fail(f"request #{position} must be an object")
        rid = request.get("id")
        if type(rid) is not str:
            rid = _check_id(rid, f"request #{position}")
        if rid in index:
            _fail(f"duplicate request id {rid!r}")
        index[rid] = position
        a = _company_of(request, "a", company_index, rid)
        b = _company_of(request, "b", company_index, rid)
        if a == b:
            _fail(f"request {rid!r}: a company cannot meet itself")
        pair = min(a, b) * n_companies + max(a, b)
        if pair in pairs:
            _add_twin(twins, pairs[pair], position)
        else:
            pairs[pair] = position
        ids.append(rid)
        ra.append(a)
        rb.append(b)
        weight = request.get("weight", 1)
        if type(weight) is not int or weight <= 0:
            weight = _parse_weight(request, rid)
        weights.append(weight)
        window = request.get("available")
        if window is None:
            masks.append(all_slots)
        else:
            masks.append(_slot_mask(window, slot_index, f"request {rid!r}", all_slots))
        previous.append(_previous(request, slot_index, rid) if "previous" in request else -1)
    return ids, ra, rb, weights, masks, previous, twins, index


def _add_twin(twins: dict[int, list[int]], first: int, r: int) -> None:
    """Link r with every earlier request of its pair (whose first request is `first`)."""
    group = [first] + twins.get(first, [])
    for other in group:
        twins.setdefault(other, []).append(r)
    twins[r] = group


def _parse_fixed(raw: list, request_index: dict, slot_index: dict, n_requests: int) -> list[int]:
    fixed = [-1] * n_requests
    for position, item in enumerate(raw):
        if not isinstance(item, dict):
            _fail(f"fixed #{position} must be an object")
        rid, sid = item.get("request"), item.get("slot")
        if not (isinstance(rid, str) or _is_int(rid)) or rid not in request_index:
            _fail(f"fixed #{position}: unknown request {rid!r}")
        if not (isinstance(sid, str) or _is_int(sid)) or sid not in slot_index:
            _fail(f"fixed #{position}: unknown slot {sid!r}")
        r = request_index[rid]
        if fixed[r] != -1:
            _fail(f"request {rid!r} is fixed twice")
        fixed[r] = slot_index[sid]
    return fixed


def _check_fixed(inst: Instance) -> None:
    """Fixed meetings must be feasible alone and together (rules 2, 3, 4, 5)."""
    n_slots = inst.n_slots
    load: dict[tuple[int, int], int] = {}
    per_slot = [0] * n_slots
    per_company = [0] * inst.n_companies
    for r, s in enumerate(inst.fixed):
        if s < 0:
            continue
        rid, sid = inst.request_ids[r], inst.slot_ids[s]
        if not inst.raw_mask[r] >> s & 1:
            _fail(f"fixed request {rid!r}: slot {sid!r} is not available to both companies")
        if any(inst.fixed[t] == s for t in inst.twins.get(r, ())):
            _fail(f"fixed request {rid!r} shares slot {sid!r} with another meeting of its pair")
        per_slot[s] += 1
        if per_slot[s] > inst.tables[s]:
            _fail(f"fixed meetings need more than {inst.tables[s]} tables in slot {sid!r}")
        for c in (inst.ra[r], inst.rb[r]):
            cid = inst.company_ids[c]
            load[c, s] = load.get((c, s), 0) + 1
            if load[c, s] > inst.seats[c]:
                _fail(f"fixed meetings put company {cid!r} in too many meetings in slot {sid!r}")
            per_company[c] += 1
            if per_company[c] > inst.cap[c]:
                _fail(f"fixed meetings exceed max_meetings of company {cid!r}")


def parse_instance(data) -> Instance:
    """Validate a decoded JSON instance; raise InvalidInstance on the first problem."""
    if not isinstance(data, dict):
        _fail("the instance must be a JSON object")
    if data.get("format") != INSTANCE_FORMAT:
        _fail(f"unsupported format {data.get('format')!r}, expected {INSTANCE_FORMAT!r}")
    slot_ids, tables, day_ranges, slot_index = _parse_slots(_list_field(data, "slots", "instance"))
    all_slots = (1 << len(slot_ids)) - 1
    open_slots = sum(1 << s for s, t in enumerate(tables) if t > 0)
    company_ids, seats, caps, cmasks, company_index = _parse_companies(
        _list_field(data, "companies", "instance"), slot_index, all_slots
    )
    rids, ra, rb, weights, rmasks, previous, twins, request_index = _parse_requests(
        _list_field(data, "requests", "instance"), company_index, slot_index, all_slots
    )
    fixed = _parse_fixed(
        _list_field(data, "fixed", "instance", required=False), request_index, slot_index, len(rids)
    )
    raw = [rmasks[r] & cmasks[ra[r]] & cmasks[rb[r]] for r in range(len(rids))]
    adj: list[list[int]] = [[] for _ in company_ids]
    for r in range(len(rids)):
        adj[ra[r]].append(r)
        adj[rb[r]].append(r)
    inst = Instance(
        slot_ids=slot_ids,
        tables=tables,
        day_ranges=day_ranges,
        company_ids=company_ids,
        seats=seats,
        cap=caps,
        company_mask=cmasks,
        request_ids=rids,
        ra=ra,
        rb=rb,
        weight=weights,
        request_mask=[m & open_slots for m in raw],
        fixed=fixed,
        adj=adj,
        twins=twins,
        previous=previous,
        n_previous=sum(1 for p in previous if p >= 0),
        raw_mask=raw,
        integral=all(_is_int(w) for w in weights),
    )
    _check_fixed(inst)
    return inst

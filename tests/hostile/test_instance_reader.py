"""Hypothesis on the engine's instance reader: any JSON-like value is either a valid
instance or refused with InvalidInstance (the documented error), never another
exception."""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchmaking.scheduling.instance import Instance, InvalidInstance, parse_instance
from tests.scheduling.builders import FORMAT, make_instance, make_slots

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=20,
)
KEYS = ["id", "start", "end", "tables", "a", "b", "seats", "cap", "max_meetings",
        "available", "slots", "weight", "previous", "request", "slot", "twin", "format"]
VALUE = st.one_of(JSON, st.sampled_from(["D1-00", "D1-01", "A", "B", "r0", "r1",
                                         "2026-06-19T09:00:00+08:00", "2026-06-19T09:00:00",
                                         "9999-12-31T23:59:59-23:59", "", 0, 1, -1, 2**70,
                                         1.5, True]))
RECORD = st.dictionaries(st.sampled_from(KEYS), VALUE, max_size=6)
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


def reads_or_refuses(data) -> None:
    try:
        instance = parse_instance(data)
    except InvalidInstance as refused:
        assert str(refused)  # a message a person can act on
    else:
        assert isinstance(instance, Instance)


@SETTINGS
@given(JSON)
def test_any_json_value_is_read_or_refused(data):
    reads_or_refuses(data)


@SETTINGS
@given(slots=st.lists(RECORD, max_size=4), companies=st.lists(RECORD, max_size=4),
       requests=st.lists(RECORD, max_size=4), fixed=st.lists(RECORD, max_size=3))
def test_instances_of_odd_records_are_read_or_refused(slots, companies, requests, fixed):
    reads_or_refuses({"format": FORMAT, "slots": slots, "companies": companies,
                      "requests": requests, "fixed": fixed})


BASE = make_instance(make_slots(2, 1), ["A", "B"], [("A", "B")])


@SETTINGS
@given(section=st.sampled_from(["slots", "companies", "requests"]), key=st.sampled_from(KEYS),
       value=VALUE)
def test_one_odd_value_in_a_valid_instance_is_read_or_refused(section, key, value):
    data = copy.deepcopy(BASE)
    data[section][0][key] = value
    reads_or_refuses(data)

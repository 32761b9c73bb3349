"""Fixtures of the engine tests: plain data, no Django, no database."""

from __future__ import annotations

import pytest

from .builders import FORMAT


@pytest.fixture
def spec_example() -> dict:
    return {
        "format": FORMAT,
        "slots": [
            {
                "id": "D1-0900",
                "start": "2026-06-19T09:00:00+08:00",
                "end": "2026-06-19T09:30:00+08:00",
                "tables": 40,
            },
            {
                "id": "D1-0930",
                "start": "2026-06-19T09:30:00+08:00",
                "end": "2026-06-19T10:00:00+08:00",
                "tables": 40,
            },
        ],
        "companies": [
            {"id": "acme-us", "available": ["D1-0900", "D1-0930"], "max_meetings": 10, "seats": 1},
            {"id": "jiangsu-soft"},
        ],
        "requests": [{"id": "r-17", "a": "acme-us", "b": "jiangsu-soft", "weight": 3}],
        "fixed": [{"request": "r-17", "slot": "D1-0930"}],
    }

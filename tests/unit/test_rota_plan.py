"""The rota planner against its rules, over random networks and blocked dates (hypothesis)."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import InvalidInput
from app.services.rota import (
    PlannedVisit,
    _meetings,
    best_offsets,
    check_rota,
    plan_rota,
    school_days,
)

START = date(2027, 1, 4)  # a Monday


def _pairs(visits: list[PlannedVisit]) -> Counter[frozenset[str]]:
    return Counter(frozenset(p) for v in visits for p in itertools.combinations(v.schools(), 2))


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=40),
    weeks=st.integers(min_value=2, max_value=40),
    blocked=st.sets(st.integers(min_value=0, max_value=300), max_size=40),
)
def test_every_rota_keeps_every_rule(n: int, weeks: int, blocked: set[int]) -> None:
    schools = [f"school-{i:02d}" for i in range(n)]
    end = START + timedelta(weeks=weeks)
    off = [START + timedelta(days=d) for d in blocked]
    try:
        visits = plan_rota(schools, START, end, off)
    except InvalidInput as exc:
        # Refused only when the school days really are too few for one visit each
        # (visits that share no school could share a day, but never more than n/3 a day).
        assert len(school_days(START, end, off)) * max(1, n // 3) < n or "no school day" in str(exc)
        return
    assert check_rota(schools, visits, off) == []
    assert all(START <= v.day <= end for v in visits)
    # No pair of schools meets twice where some rota avoids it: the planner's count of
    # repeats is the least over every choice of visitors round the circle.
    repeats = sum(c - 1 for c in _pairs(visits).values())
    fewest = min(
        len(m) - len(set(m))
        for m in (
            _meetings(n, o) for o in ([(1,)] if n < 3 else itertools.combinations(range(1, n), 2))
        )
    )
    assert repeats == fewest
    if n >= 7:
        assert repeats == 0


def test_a_trio_visits_each_other_once_each() -> None:
    visits = plan_rota(["a", "b", "c"], START, START + timedelta(weeks=12))
    assert sorted(v.host for v in visits) == ["a", "b", "c"]
    assert all(len(v.visitors) == 2 for v in visits)
    assert best_offsets(3) == (1, 2)


def test_blocked_dates_and_weekends_are_never_used() -> None:
    days = school_days(START, START + timedelta(days=13), [START + timedelta(days=1)])
    assert START + timedelta(days=1) not in days
    assert all(d.weekday() < 5 for d in days)
    assert len(days) == 9


@pytest.mark.parametrize(
    ("schools", "start", "end", "blocked", "says"),
    [
        (["a"], START, START + timedelta(days=30), [], "at least two schools"),
        (["a", "b"], START, START - timedelta(days=1), [], "before its first"),
        (["a", "b"], START + timedelta(days=5), START + timedelta(days=6), [], "no school day"),
        ([f"s{i}" for i in range(9)], START, START + timedelta(days=1), [], "do not fit"),
    ],
)
def test_a_rota_that_cannot_be_made_says_why(schools, start, end, blocked, says) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match=says):
        plan_rota(schools, start, end, blocked)

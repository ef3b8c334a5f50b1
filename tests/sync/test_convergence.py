"""Property: random edits on several laptops, exchanged in random orders, always converge."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.capture import add_note
from app.services.reviews import plan_review
from app.services.writeup import add_finding, edit_finding
from tests.sync.laptops import Laptop

PEOPLE = [("Rob Ellis", "137450"), ("Trevor Mayhew", "137452"), ("Claire Goodwin", "137451")]

action = st.one_of(
    st.tuples(  # a statement is the visiting team's (Rob's, Trevor's) to reword
        st.just("edit"),
        st.integers(0, 1),
        st.sampled_from(["alpha", "beta", "gamma", "delta", "Ŵyr"]),
    ),
    st.tuples(
        st.just("note"), st.integers(0, 2), st.sampled_from(["calm", "purposeful", "challenge"])
    ),
    st.tuples(st.just("send"), st.integers(0, 2), st.integers(0, 2)),
)


def _schools(session) -> None:  # type: ignore[no-untyped-def]
    """Each laptop imported the same school list (same URNs) before meeting the others."""
    from app.models import School

    for _, school in PEOPLE:
        session.add(School(id=school, name=f"School {school}"))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    actions=st.lists(action, min_size=3, max_size=12),
    final_order=st.permutations([(a, b) for a in range(3) for b in range(3) if a != b]),
)
def test_random_edits_and_exchanges_converge(actions, final_order) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        laptops = [
            Laptop(root, name, school, demo=False, setup=_schools) for name, school in PEOPLE
        ]
        base = laptops[0]
        with base.db.transaction() as s:
            from app.services.schools import add_person

            for name, school in PEOPLE:
                add_person(s, name, "headteacher", school)
        review = base.do(
            plan_review,
            host="137451",
            start=date(2026, 12, 1),
            focus=["Reading"],
            reviewers=["Rob Ellis", "Trevor Mayhew"],
        )
        finding = base.do(add_finding, review, focus="Reading", kind="www", text="start")
        for other in laptops[1:]:
            other.import_(base.export_for(other))
        for kind, a, b in actions:
            if kind == "edit":
                laptops[a].do(edit_finding, finding, text=f"{b} from {a}")
            elif kind == "note":
                laptops[a].do(
                    add_note, review, focus="Reading", kind="neutral", text=b, activity="meeting"
                )
            elif a != b:
                try:
                    laptops[b].import_(laptops[a].export_for(laptops[b]))
                except Exception as exc:  # only "nothing new" style refusals are acceptable here
                    raise AssertionError(f"exchange failed: {exc}") from None
        for _ in range(2):
            for a, b in final_order:
                laptops[b].import_(laptops[a].export_for(laptops[b]))
        dumps = [lap.dump() for lap in laptops]
        for lap in laptops:
            lap.close()
        assert dumps[0] == dumps[1] == dumps[2]

"""The merge rules on plain ops: heads, conflicts, twins, and independence from order."""

from __future__ import annotations

import itertools
import random
from typing import Any

from app.sync.merge import heads_of, resolve_record

SITE_A, SITE_B = "a" * 36, "b" * 36


def op(
    oid: str, field: str, value: Any, hlc: int, seen: tuple[str, ...] = (), site: str = SITE_A
) -> dict[str, Any]:
    return {
        "id": oid,
        "field": field,
        "value": value,
        "hlc": f"{hlc:013d}-00000-{site}",
        "seen": list(seen),
        "author": site[0],
    }


CREATE = op("c1", "*", {"id": "r", "text": "first", "deleted": False}, 1)


def test_a_later_edit_that_saw_the_creation_wins() -> None:
    values, heads = resolve_record(
        [CREATE, op("e1", "text", "second", 2, ("c1",))], ["id", "text", "deleted"]
    )  # type: ignore[misc]
    assert values == {"id": "r", "text": "second", "deleted": False}
    assert [h["id"] for h in heads["text"]] == ["e1"]


def test_concurrent_edits_are_both_kept_and_the_newest_is_shown() -> None:
    ops = [
        CREATE,
        op("e1", "text", "Rob's", 3, ("c1",)),
        op("e2", "text", "Trevor's", 2, ("c1",), site=SITE_B),
    ]
    values, heads = resolve_record(ops, ["text"])  # type: ignore[misc]
    assert {h["id"] for h in heads["text"]} == {"e1", "e2"}
    assert values["text"] == "Rob's"
    resolved = op("e3", "text", "agreed", 4, ("e1", "e2"))
    values, heads = resolve_record([*ops, resolved], ["text"])  # type: ignore[misc]
    assert values["text"] == "agreed" and [h["id"] for h in heads["text"]] == ["e3"]


def test_an_edit_before_its_creation_waits() -> None:
    assert resolve_record([op("e1", "text", "early", 2, ("c1",))], ["text"]) is None


def test_twin_creations_of_one_link_are_superseded_together() -> None:
    twin_a = op("ca", "*", {"id": "l", "deleted": False}, 1)
    twin_b = op("cb", "*", {"id": "l", "deleted": False}, 1, site=SITE_B)
    unlink = op("u", "deleted", True, 2, ("ca",))
    assert [h["id"] for h in heads_of([unlink, twin_a, twin_b], "deleted")] == ["u"]
    # Twins that disagree stay visible: that is a real conflict.
    odd = op("cc", "*", {"id": "l", "deleted": True}, 1, site=SITE_B)
    assert {
        h["id"] for h in heads_of([op("u2", "deleted", False, 2, ("ca",)), twin_a, odd], "deleted")
    } == {"u2", "cc"}


def test_the_result_does_not_depend_on_the_order_of_ops() -> None:
    rng = random.Random(5)
    ops = [CREATE]
    for i in range(12):
        prior = [o["id"] for o in ops if o["field"] in ("*", "text")]
        seen = tuple(rng.sample(prior, k=min(len(prior), rng.randint(1, 2))))
        ops.append(
            op(
                f"e{i}",
                "text",
                f"v{i}",
                10 + rng.randint(0, 5),
                seen,
                site=rng.choice([SITE_A, SITE_B]),
            )
        )
    expected = resolve_record(ops, ["text"])
    for perm in itertools.islice(itertools.permutations(ops), 0, 2000, 97):
        got = resolve_record(list(perm), ["text"])
        assert got is not None and expected is not None
        assert got[0] == expected[0]
        assert {h["id"] for h in got[1]["text"]} == {h["id"] for h in expected[1]["text"]}

"""Hostile round 4: the factual-accuracy round's corrections (docs/authority.md, comments).

"Reworded since answered" tells the writer that the host changed a comment's words after the
writer marked it answered. It must not follow the laptops' clocks, which partners set (or
forge) as they like: a host laptop a month slow would hide its rewording from the writer, one
set in 2190 would flag its comment for good however often the writer re-reads it, and a
rewording the host made before it had the writer's answer (but which reached the writer after
it answered) was never read by the writer, whatever the clocks say. What counts is whether the
rewording had reached this laptop when the answer was made or arrived here.

The demo Technology review: Colne Valley High School (137451) hosts, Rob Ellis of Blackwater
Academy (137450) writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.services import comments
from tests.sync import forge
from tests.sync import test_followup_authority as _followup
from tests.sync.laptops import WORLD, Laptop
from tests.sync.test_authority import _forged, _next_seq, _refused, _site
from tests.sync.test_comment_corrections import HOST, TECH, WRITER_SCHOOL, _add, send
from tests.sync.test_hostile_round2 import _creation, _package


class Skewed:
    """A laptop's own clock: the shared test clock, moved by ``offset``."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self.offset = offset

    def __call__(self) -> datetime:
        return WORLD() + self.offset


def _pair(tmp_path: Path, host_clock: Skewed) -> tuple[Laptop, Laptop]:
    writer = Laptop(tmp_path, "Rob Ellis", WRITER_SCHOOL)
    host = Laptop(tmp_path, "Claire Goodwin", HOST, clock=host_clock)
    writer.import_(host.export_for(writer))
    host.import_(writer.export_for(host))
    return writer, host


@pytest.fixture
def slow_host(tmp_path: Path) -> Iterator[tuple[Laptop, Laptop]]:
    """The host laptop's clock is a month behind the writer's (set wrong, or forged)."""
    writer, host = _pair(tmp_path, Skewed(timedelta(days=-30)))
    yield writer, host
    writer.close()
    host.close()


@pytest.fixture
def host_clock(tmp_path: Path) -> Iterator[tuple[Laptop, Laptop, Skewed]]:
    clock = Skewed()
    writer, host = _pair(tmp_path, clock)
    yield writer, host, clock
    writer.close()
    host.close()


def flagged(lap: Laptop) -> list[tuple[bool, bool]]:
    """Each comment as the laptop lists it: answered, reworded since answered."""
    rows = lap.do(lambda s: comments.list_comments(s, TECH))
    return [(c.answered, c.reworded_since_answered) for c in rows]


def _answered(writer: Laptop, host: Laptop) -> str:
    cid = host.do(_add)
    send(host, writer)
    writer.do(comments.answer_comment, cid)
    send(writer, host)
    return str(cid)


def test_a_host_laptop_with_a_slow_clock_cannot_hide_a_rewording(
    slow_host: tuple[Laptop, Laptop],
) -> None:
    writer, host = slow_host
    cid = _answered(writer, host)
    host.do(comments.edit_comment, cid, "We have had no reading lead at all.")
    send(host, writer)
    assert flagged(writer) == [(True, True)]


def test_a_host_clock_in_the_future_does_not_flag_a_comment_for_good(
    host_clock: tuple[Laptop, Laptop, Skewed],
) -> None:
    writer, host, clock = host_clock
    cid = _answered(writer, host)
    clock.offset = timedelta(days=365 * 164)  # 2190: its rewording's clock says so for good
    host.do(comments.edit_comment, cid, "Reading lead since September.")
    clock.offset = timedelta(0)
    send(host, writer)
    assert flagged(writer) == [(True, True)]
    writer.do(comments.reopen_comment, cid)
    writer.do(comments.answer_comment, cid)  # the new words read and answered
    assert flagged(writer) == [(True, False)]
    send(writer, host)
    assert flagged(host) == [(True, False)]


def test_a_rewording_that_crossed_the_answer_is_shown_to_the_writer(
    host_clock: tuple[Laptop, Laptop, Skewed],
) -> None:
    """The host rewords before it has the answer; the writer answers before it has the new
    words (by the clocks, the rewording came first): the writer never read them."""
    writer, host, _ = host_clock
    cid = host.do(_add)
    send(host, writer)
    host.do(comments.edit_comment, cid, "Reading lead since September.")
    writer.do(comments.answer_comment, cid)
    send(host, writer)
    assert flagged(writer) == [(True, True)]


# A second "creation" of a comment that repeats the first, field for field, was taken as the
# harmless twin of a record loaded alike on two laptops (the demo) and judged by nobody. No
# comment is ever made twice (its id is new, the demo has none), and the twin is not harmless:
# it is a creation by its own laptop, under its own author line, so a laptop that gets both
# together (a co-reviewer's, later, by relay) judges it and refuses the relayer's package for
# good; and where it arrives first it decides who the comment shows as typed by.

trio = _followup.trio  # the fixture: Claire (host), Rob (writer), Marcus (outside)


def test_a_team_laptop_cannot_make_the_hosts_comment_again_as_its_own(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    claire, rob = trio["claire"], trio["rob"]
    comment = _followup._comment(claire)
    rob.import_(claire.export_for(rob))
    twin = _creation(claire, "finding_comments", comment)
    path = _package(
        tmp_path, trio, "rob", "claire", [("finding_comments", comment, "*", twin)], TECH
    )
    _refused(claire, path, "Rob Ellis", "comment on the statements", "host school")


def test_a_host_laptop_cannot_make_its_comment_again_under_a_reviewers_name(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """Claire's comment is in nobody's name: Write-up shows the author line of its creation
    as who typed it, which may not be a visiting reviewer's name."""
    claire, rob = trio["claire"], trio["rob"]
    comment = _followup._comment(claire)
    rob.import_(claire.export_for(rob))
    twin = _creation(claire, "finding_comments", comment)
    assert "author_id" not in twin
    site, _, _ = _site(claire)
    op = forge.op(
        site,
        _next_seq(rob, site),
        "finding_comments",
        comment,
        "*",
        twin,
        author="Rob Ellis",
        hlc=f"{946_684_800_000:013d}-00000-{site}",  # 2000: first by the clocks
    )
    path = _forged(tmp_path, claire, [op], scope=TECH, recipients=[rob.school])
    _refused(rob, path, "Claire Goodwin", "in the name of Rob Ellis", "host school")


def test_a_host_laptop_cannot_unname_a_comment_typed_under_a_reviewers_name(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """A comment in nobody's name shows who typed it (its creation's author line). One typed
    under "Rob Ellis" in Claire Goodwin's name passed, its line unchecked, and an edit to
    nobody's name then showed it as typed by Rob, the writer."""
    claire, rob = trio["claire"], trio["rob"]
    site, _, _ = _site(claire)
    row, value = _followup._new_comment(trio, author_id=_followup.demo_id("person", "claire"))
    seq = _next_seq(rob, site)
    made = forge.op(site, seq, "finding_comments", row, "*", value, author="Rob Ellis")
    unnamed = forge.op(site, seq + 1, "finding_comments", row, "author_id", None, seen=[made["id"]])
    ops = [made, {**unnamed, "author": "Rob Ellis"}]
    path = _forged(tmp_path, claire, ops, scope=TECH, recipients=[rob.school])
    _refused(rob, path, "Claire Goodwin", "in the name of Rob Ellis", "host school")

"""Corrections in the factual-accuracy round travel between the host's laptop and the writer's,
by package, and only from the laptops that may make them (docs/authority.md): the host school
rewords, withdraws and brings back its comment; the visiting team re-opens a comment it marked
answered. A package where the team rewords or withdraws the host's comment, or the host takes
back the team's answered mark, is refused whole by the real program, with one sentence, changing
nothing, even beside changes its sender may make.

The demo Technology review: Colne Valley High School (137451) hosts, Rob Ellis of Blackwater
Academy (137450) writes. Changes are made through the services on each laptop (or past them,
as an altered copy of Peerwalk would); packages are exported in-process (each laptop's package
key is in the test keyring).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.models import Finding
from app.models.signoff import FindingComment
from app.services import comments
from app.services.demo import demo_id
from tests.conftest import assert_one_line_error, db_fingerprint, run_peerwalk, today_env
from tests.sync.laptops import Laptop, writer_and_host

HOST, WRITER_SCHOOL = "137451", "137450"
TECH = demo_id("review", "tech")


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Laptop, Laptop]]:
    with writer_and_host(tmp_path) as laptops:
        yield laptops


def _add(s: Any) -> str:
    finding = s.scalars(select(Finding.id).where(Finding.review_id == TECH)).first()
    return comments.add_comment(s, finding, "Readng lead since Sept.").id


def seen(lap: Laptop) -> list[tuple[str, bool]]:
    """The comments as the laptop lists them (withdrawn ones are not): words, answered."""
    rows = lap.do(lambda s: comments.list_comments(s, TECH))
    return [(c.text, c.answered) for c in rows]


def send(src: Laptop, dst: Laptop) -> None:
    dst.import_(src.export_for(dst))


def refused_whole(src: Laptop, dst: Laptop, *fragments: str) -> None:
    """``dst``'s real program refuses ``src``'s next package with one sentence, changing
    nothing (the allowed changes in it included)."""
    package = src.export_for(dst)
    before = db_fingerprint(dst.dir)
    assert_one_line_error(
        run_peerwalk(dst.dir, "import", str(package), env=today_env()), *fragments
    )
    assert db_fingerprint(dst.dir) == before


def _forge(lap: Laptop, fn: Any) -> None:
    """A change made on ``lap`` past its own check (a buggy or altered copy of Peerwalk)."""
    with lap.db.transaction(author=lap.name) as s:
        fn(s)


def test_the_hosts_corrections_and_the_teams_reopening_travel(
    pair: tuple[Laptop, Laptop],
) -> None:
    writer, host = pair
    cid = host.do(_add)
    send(host, writer)
    assert seen(writer) == [("Readng lead since Sept.", False)]

    host.do(comments.edit_comment, cid, "Reading lead since September.")
    send(host, writer)
    assert seen(writer) == [("Reading lead since September.", False)]

    host.do(comments.delete_comment, cid)
    send(host, writer)
    assert seen(writer) == []
    host.do(comments.restore_comment, cid)
    send(host, writer)
    assert seen(writer) == [("Reading lead since September.", False)]

    writer.do(comments.answer_comment, cid)
    send(writer, host)
    assert seen(host) == [("Reading lead since September.", True)]
    writer.do(comments.reopen_comment, cid)
    send(writer, host)
    assert seen(host) == [("Reading lead since September.", False)]
    assert host.dump() == writer.dump()


@pytest.mark.parametrize(("field", "value"), [("text", "Reworded by the team."), ("deleted", True)])
def test_a_team_laptop_that_rewords_or_withdraws_a_comment_is_refused_whole(
    pair: tuple[Laptop, Laptop], field: str, value: Any
) -> None:
    writer, host = pair
    cid = host.do(_add)
    send(host, writer)
    writer.do(comments.answer_comment, cid)
    writer.do(comments.reopen_comment, cid)  # its own to do: travels in the same package
    _forge(writer, lambda s: setattr(s.get(FindingComment, cid), field, value))
    refused_whole(
        writer, host, "Rob Ellis's package tries to comment on the statements", "host school"
    )
    assert seen(host) == [("Readng lead since Sept.", False)]


def test_a_host_laptop_that_takes_back_the_answered_mark_is_refused_whole(
    pair: tuple[Laptop, Laptop],
) -> None:
    writer, host = pair
    cid = host.do(_add)
    send(host, writer)
    writer.do(comments.answer_comment, cid)
    send(writer, host)
    host.do(comments.edit_comment, cid, "Reading lead since September.")  # its own to do
    _forge(host, lambda s: setattr(s.get(FindingComment, cid), "answered", False))
    refused_whole(host, writer, "tries to mark a comment on the review", "visiting team")
    assert seen(writer) == [("Readng lead since Sept.", True)]


def test_the_writer_sees_a_comment_reworded_after_it_was_answered(
    pair: tuple[Laptop, Laptop],
) -> None:
    """Rewording re-opens nothing (the mark is the team's): the writer is told instead."""
    writer, host = pair
    cid = host.do(_add)
    host.do(comments.edit_comment, cid, "Reading lead since Sept.")  # before: not flagged
    send(host, writer)
    writer.do(comments.answer_comment, cid)
    send(writer, host)

    def flagged(lap: Laptop) -> list[tuple[bool, bool]]:
        rows = lap.do(lambda s: comments.list_comments(s, TECH))
        return [(c.answered, c.reworded_since_answered) for c in rows]

    assert flagged(writer) == flagged(host) == [(True, False)]
    host.do(comments.edit_comment, cid, "Reading lead since September 2025.")
    send(host, writer)
    assert flagged(writer) == [(True, True)]
    writer.do(comments.reopen_comment, cid)
    assert flagged(writer) == [(False, False)]
    writer.do(comments.answer_comment, cid)  # the new words answered
    send(writer, host)
    assert flagged(writer) == flagged(host) == [(True, False)]

"""The factual-accuracy round between the writer's laptop and the host's, by package: the draft,
the host's comments travelling back, the writer amending and marking them answered, statuses
following what happened on both laptops, and who may comment, answer and decide distribution
(docs/authority.md). The demo Technology review: Colne Valley High School (137451) hosts, Rob
Ellis of Blackwater Academy (137450) writes.

Commands run as the real program on each laptop's data folder; packages are exported in-process
(each laptop's package key is in the test keyring) and imported by the real program.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.models import Finding, Review
from app.models.signoff import FindingComment
from app.services.demo import demo_id
from app.services.signoff import record_signatures
from tests.conftest import assert_one_line_error, db_fingerprint, run_peerwalk, today_env
from tests.sync.laptops import Laptop, writer_and_host

HOST, WRITER_SCHOOL = "137451", "137450"
TECH = demo_id("review", "tech")


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Laptop, Laptop]]:
    with writer_and_host(tmp_path) as laptops:
        yield laptops


def cli(lap: Laptop, *args: str) -> Any:
    result = run_peerwalk(lap.dir, *args, env=today_env())
    assert result.code == 0, result.err
    return result


def show(lap: Laptop) -> dict[str, Any]:
    return cli(lap, "--json", "reviews", "show", TECH).json()  # type: ignore[no-any-return]


def send(src: Laptop, dst: Laptop) -> None:
    cli(dst, "import", str(src.export_for(dst)))


def test_draft_comments_amend_sign_round(pair: tuple[Laptop, Laptop], tmp_path: Path) -> None:
    writer, host = pair
    cli(writer, "report", TECH, "--draft", "-o", str(tmp_path / "draft.pdf"))
    assert show(writer)["status"] == "accuracy-check"
    send(writer, host)
    assert show(host)["status"] == "accuracy-check"  # the draft event travelled

    statement = show(host)["findings"][0]["id"]
    before = db_fingerprint(writer.dir)
    assert_one_line_error(
        run_peerwalk(writer.dir, "comments", "add", statement, "--text", "Not us."),
        "Only the host school's laptops may comment",
    )
    assert db_fingerprint(writer.dir) == before
    comment = cli(
        host, "--json", "comments", "add", statement[:8], "--text", "Reading lead since Sept."
    ).json()["id"]
    before = db_fingerprint(host.dir)
    assert_one_line_error(
        run_peerwalk(host.dir, "comments", "answer", comment),
        "Only the visiting team's laptops may mark a comment answered",
    )
    assert db_fingerprint(host.dir) == before

    send(host, writer)
    listed = cli(writer, "--json", "comments", "list", TECH).json()
    assert [(c["id"], c["text"], c["answered"]) for c in listed] == [
        (comment, "Reading lead since Sept.", False)
    ]
    codes = [w["code"] for w in cli(writer, "--json", "reviews", "check", TECH).json()["warnings"]]
    assert "comment-not-answered" in codes

    cli(writer, "findings", "edit", statement, "--text", "Amended after the host's comment.")
    cli(writer, "comments", "answer", comment[:8])
    codes = [w["code"] for w in cli(writer, "--json", "reviews", "check", TECH).json()["warnings"]]
    assert "comment-not-answered" not in codes
    send(writer, host)
    assert [c["answered"] for c in cli(host, "--json", "comments", "list", TECH).json()] == [True]
    assert show(host)["findings"][0]["text"] == "Amended after the host's comment."


def _forge(lap: Laptop, fn: Any) -> None:
    """A change made on ``lap`` past this laptop's own check (a buggy or altered copy of
    Peerwalk): its partners must refuse it on import."""
    with lap.db.transaction(author=lap.name) as s:
        fn(s)


def test_a_comment_from_the_visiting_school_is_refused(
    pair: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    writer, host = pair

    def comment(s: Any) -> None:
        finding = s.scalars(select(Finding).where(Finding.review_id == TECH)).first()
        s.add(FindingComment(review_id=TECH, finding_id=finding.id, text="Forged by the team."))

    _forge(writer, comment)
    package = writer.export_for(host)
    before = db_fingerprint(host.dir)
    assert_one_line_error(
        run_peerwalk(host.dir, "import", str(package)),
        "Rob Ellis's package tries to comment on the statements of the review",
        "only the host school's laptops may do",
    )
    assert db_fingerprint(host.dir) == before


def test_only_the_visiting_team_marks_a_comment_answered(pair: tuple[Laptop, Laptop]) -> None:
    writer, host = pair
    statement = show(host)["findings"][0]["id"]
    comment = cli(host, "--json", "comments", "add", statement, "--text", "Check this.").json()
    send(host, writer)

    def answered(s: Any) -> None:
        s.get(FindingComment, comment["id"]).answered = True

    _forge(host, answered)
    package = host.export_for(writer)
    before = db_fingerprint(writer.dir)
    assert_one_line_error(
        run_peerwalk(writer.dir, "import", str(package)),
        "tries to mark a comment on the review",
        "only the visiting team's schools may do",
    )
    assert db_fingerprint(writer.dir) == before


def test_statuses_follow_facts_on_both_laptops(pair: tuple[Laptop, Laptop]) -> None:
    writer, host = pair
    plan = cli(
        host,
        "--json",
        "reviews",
        "plan",
        "--host",
        HOST,
        "--date",
        "2026-12-10",
        "--focus",
        "Reading",
        "--reviewer",
        "Rob Ellis",
    ).json()["id"]
    send(host, writer)
    rid = plan[:8]
    assert cli(writer, "--json", "reviews", "show", rid).json()["status"] == "planned"
    note = ["--activity", "learning-walk", "--focus", "Reading", "--kind", "strength"]
    cli(writer, "notes", "add", rid, *note, "--text", "Year 4 read aloud with expression.")
    send(writer, host)
    assert cli(host, "--json", "reviews", "show", rid).json()["status"] == "in-progress"
    cli(writer, "findings", "add", rid, "--focus", "Reading", "--www", "Pupils read widely.")
    send(writer, host)
    assert cli(host, "--json", "reviews", "show", rid).json()["status"] == "written-up"
    # The host countersigns on its laptop (as `sign` records it); the fact travels back.
    host.do(record_signatures, plan, ["host-headteacher"])
    assert cli(host, "--json", "reviews", "show", rid).json()["status"] == "countersigned"
    send(host, writer)
    assert cli(writer, "--json", "reviews", "show", rid).json()["status"] == "countersigned"
    cli(writer, "reviews", "status", rid, "shared")
    send(writer, host)
    assert cli(host, "--json", "reviews", "show", rid).json()["status"] == "shared"


def test_distribution_changed_by_the_host_travels_and_no_one_else_may(
    pair: tuple[Laptop, Laptop],
) -> None:
    writer, host = pair
    cli(host, "reviews", "distribution", TECH, "--to", "review-team")
    send(host, writer)
    assert show(writer)["distribution"] == "review-team"
    cli(host, "reviews", "edit", TECH, "--distribution", "network")
    send(host, writer)
    assert show(writer)["distribution"] == "network"

    before = db_fingerprint(writer.dir)
    assert_one_line_error(
        run_peerwalk(writer.dir, "reviews", "distribution", TECH, "--to", "host-only"),
        "Only the host school's laptops may decide who may read its report",
    )
    assert db_fingerprint(writer.dir) == before

    def narrow(s: Any) -> None:
        s.get(Review, TECH).distribution = "host-only"

    _forge(writer, narrow)
    package = writer.export_for(host)
    before = db_fingerprint(host.dir)
    assert_one_line_error(
        run_peerwalk(host.dir, "import", str(package)),
        "tries to change where the review",
        "only the host school's laptops may do",
    )
    assert db_fingerprint(host.dir) == before


@pytest.fixture
def reviewers(tmp_path: Path) -> Iterator[tuple[Laptop, Laptop]]:
    """Rob (Blackwater, the writer) and Trevor (Stour Vale, a reviewer): both of the visiting
    team, so both may word its statements (the host school comments on them instead)."""
    writer = Laptop(tmp_path, "Rob Ellis", WRITER_SCHOOL)
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")
    writer.import_(trevor.export_for(writer))
    trevor.import_(writer.export_for(trevor))
    yield writer, trevor
    writer.close()
    trevor.close()


def test_an_open_conflict_blocks_the_report_until_resolved(
    reviewers: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    writer, trevor = reviewers
    statement = show(trevor)["findings"][0]["id"]
    cli(writer, "findings", "edit", statement, "--text", "The writer's words.")
    cli(trevor, "findings", "edit", statement, "--text", "Trevor's words.")
    send(trevor, writer)
    result = run_peerwalk(writer.dir, "--json", "reviews", "check", TECH, env=today_env())
    assert result.code == 1
    assert [b["code"] for b in result.json()["blocking"]] == ["open-conflict"]
    assert_one_line_error(result, "The report cannot be made while 1 conflict is open on it")
    before = db_fingerprint(writer.dir)
    draft = tmp_path / "draft.pdf"
    assert_one_line_error(
        run_peerwalk(writer.dir, "report", TECH, "--draft", "-o", str(draft)),
        "The report cannot be made while 1 conflict is open on it",
        f"'peerwalk reviews check {TECH[:8]}' lists them",
    )
    assert db_fingerprint(writer.dir) == before and not draft.exists()
    cli(writer, "conflicts", "resolve", statement[:8], "--text", "Both agreed these words.")
    assert cli(writer, "--json", "reviews", "check", TECH).json()["blocking"] == []
    cli(writer, "report", TECH, "--draft", "-o", str(draft))
    assert draft.exists()

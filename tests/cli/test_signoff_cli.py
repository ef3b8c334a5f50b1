"""Sign-off as the real program: `reviews check`, the draft for factual accuracy, `comments`,
`reviews status` that cannot skip what has not happened, `reviews distribution`, and
`reviews countersigned` from a received, really signed PDF. Every bad input: one sentence,
the database unchanged."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from pypdf import PdfReader

from app.services.demo import demo_id
from tests.conftest import (
    Result,
    assert_one_line_error,
    cli_env,
    db_fingerprint,
    run_peerwalk,
    today_env,
)

TECH = demo_id("review", "tech")
MARK = "Draft for factual accuracy"


def ok(data: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    result = run_peerwalk(data, *args, env=env or today_env())
    assert result.code == 0, result.err
    return result


def refused(data: Path, *args: str, fragments: tuple[str, ...], code: int | None = None) -> None:
    before = db_fingerprint(data)
    result = run_peerwalk(data, *args, env=today_env())
    assert_one_line_error(result, *fragments)
    if code is not None:
        assert result.code == code
    assert db_fingerprint(data) == before


def findings(data: Path) -> list[dict[str, object]]:
    return ok(data, "--json", "reviews", "show", TECH).json()["findings"]


def test_check_blocks_and_warns_and_report_refuses(data_dir: Path, tmp_path: Path) -> None:
    ok(data_dir, "demo")
    result = ok(data_dir, "--json", "reviews", "check", TECH).json()
    assert result["ready"] and result["blocking"] == []
    assert [w["code"] for w in result["warnings"]] == ["co-reviewer-not-signed"]
    assert (
        "Trevor Mayhew, a co-reviewer, has not signed yet (they can add their signature to "
        "the signed PDF on their own laptop)." in ok(data_dir, "reviews", "check", TECH).out
    )

    ok(data_dir, "reviews", "edit", TECH, "--add-focus", "Reading for pleasure")
    codes = [w["code"] for w in ok(data_dir, "--json", "reviews", "check", TECH).json()["warnings"]]
    assert "empty-focus" in codes
    ebi = ok(
        data_dir, "--json", "findings", "add", TECH, "--focus", "Reading", "--ebi", "Read widely"
    ).json()["id"]
    warnings = ok(data_dir, "--json", "reviews", "check", TECH).json()["warnings"]
    assert {(w["code"], w["record_id"]) for w in warnings} >= {
        ("no-evidence", ebi),
        ("ebi-without-next-step", ebi),
    }
    assert "empty-focus" not in [w["code"] for w in warnings]

    # A statement left as its placeholder (as a window starts one, or an older laptop sent it).
    placeholder = str(findings(data_dir)[0]["id"])
    con = sqlite3.connect(data_dir / "peerwalk.db")
    con.execute("UPDATE findings SET text = 'What went well:' WHERE id = ?", (placeholder,))
    con.commit()
    con.close()
    before = db_fingerprint(data_dir)
    result = run_peerwalk(data_dir, "reviews", "check", TECH, env=today_env())
    assert result.code == 1
    assert "Blocks the report:" in result.out and f"(statement {placeholder[:8]})" in result.out
    assert_one_line_error(
        result,
        "The report cannot be made while 1 statement is empty or only its placeholder; "
        f"'peerwalk reviews check {TECH[:8]}' lists them.",
    )
    as_json = run_peerwalk(data_dir, "--json", "reviews", "check", TECH, env=today_env())
    assert as_json.code == 1
    assert [b["code"] for b in as_json.json()["blocking"]] == ["empty-statement"]
    assert db_fingerprint(data_dir) == before  # checking changes nothing

    for extra in ([], ["--draft"]):
        out = tmp_path / f"report{len(extra)}.pdf"
        refused(
            data_dir,
            "report",
            TECH,
            "-o",
            str(out),
            *extra,
            fragments=("The report cannot be made while 1 statement is empty",),
        )
        assert not out.exists()
    ok(data_dir, "findings", "edit", placeholder, "--text", "Pupils talk about their designs.")
    assert ok(data_dir, "reviews", "check", TECH).code == 0


def test_draft_is_marked_on_every_page_and_unsigned(data_dir: Path, tmp_path: Path) -> None:
    ok(data_dir, "demo")
    draft = tmp_path / "draft.pdf"
    result = ok(data_dir, "--json", "report", TECH[:8], "--draft", "-o", str(draft)).json()
    assert result["draft"] and result["signed_field"] is None and result["pages"] >= 4
    reader = PdfReader(draft)
    assert len(reader.pages) == result["pages"]
    for page in reader.pages:
        assert MARK in page.extract_text()
        assert all(a.get_object().get("/FT") != "/Sig" for a in page.get("/Annots", []) or [])
    assert reader.get_fields() is None and "/AcroForm" not in reader.trailer["/Root"]
    pdfsig = subprocess.run(["pdfsig", str(draft)], check=False, capture_output=True, text=True)
    assert "does not contain any signatures" in pdfsig.stdout + pdfsig.stderr
    listed = ok(data_dir, "--json", "reviews", "list").json()
    assert next(r for r in listed if r["id"] == TECH)["status"] == "accuracy-check"

    refused(
        data_dir,
        "report",
        TECH,
        "--draft",
        "-o",
        str(tmp_path / "d.txt"),
        fragments=("should end in .pdf",),
    )
    refused(
        data_dir,
        "report",
        "nope-no-such",
        "--draft",
        "-o",
        str(tmp_path / "n.pdf"),
        fragments=("There is no review with id 'nope-no-such'.",),
    )


def _planned(data_dir: Path) -> str:
    rows = ok(data_dir, "--json", "reviews", "list").json()
    return str(next(r["id"] for r in rows if r["status"] == "planned"))


def test_status_cannot_skip_what_has_not_happened(data_dir: Path) -> None:
    ok(data_dir, "demo")
    planned = _planned(data_dir)
    refused(
        data_dir,
        "reviews",
        "status",
        planned,
        "in-progress",
        fragments=("The review cannot be in progress yet: no note has been written for it.",),
    )
    refused(
        data_dir,
        "reviews",
        "status",
        planned,
        "shared",
        fragments=("cannot be shared yet: no countersignature by the host headteacher",),
    )
    refused(
        data_dir,
        "reviews",
        "status",
        TECH,
        "signed",
        fragments=("The review cannot be signed yet: the writer has not signed its report.",),
    )
    refused(
        data_dir,
        "reviews",
        "status",
        TECH,
        "planned",
        fragments=("cannot go back to planned: its status follows what happened",),
    )
    refused(data_dir, "reviews", "status", TECH, "finished", fragments=("'finished' is not a",))
    refused(
        data_dir, "reviews", "status", "zzzz", "planned", fragments=("There is no review with id",)
    )
    assert "is now written up" in ok(data_dir, "reviews", "status", TECH, "written-up").out


def test_comments_bad_inputs(data_dir: Path) -> None:
    ok(data_dir, "demo")
    statement = str(findings(data_dir)[0]["id"])
    assert "No comments" in ok(data_dir, "comments", "list", TECH).out
    refused(
        data_dir,
        "comments",
        "add",
        "zzzzzz",
        "--text",
        "x",
        fragments=("There is no statement with id 'zzzzzz'.",),
    )
    refused(
        data_dir,
        "comments",
        "add",
        statement,
        "--text",
        "   ",
        fragments=("The comment is empty",),
    )
    refused(
        data_dir,
        "comments",
        "add",
        statement,
        "--text",
        "x" * 4001,
        fragments=("more than the 4,000 a comment may have",),
    )
    refused(
        data_dir,
        "comments",
        "add",
        statement,
        "--text",
        "x",
        "--author",
        "Nobody Known",
        fragments=("Nobody called 'Nobody Known' is known.",),
    )
    refused(data_dir, "comments", "answer", "zzzzzz", fragments=("There is no comment with id",))
    refused(data_dir, "comments", "list", "zzzzzz", fragments=("There is no review with id",))
    cid = ok(data_dir, "--json", "comments", "add", statement, "--text", "Dates are wrong.").json()[
        "id"
    ]
    assert "Comment" in ok(data_dir, "comments", "answer", cid).out
    assert [c["answered"] for c in ok(data_dir, "--json", "comments", "list", TECH).json()] == [
        True
    ]


def test_distribution_bad_inputs(data_dir: Path) -> None:
    ok(data_dir, "demo")
    refused(
        data_dir,
        "reviews",
        "distribution",
        TECH,
        "--to",
        "everyone",
        fragments=("'everyone' is not a distribution",),
    )
    refused(
        data_dir,
        "reviews",
        "edit",
        TECH,
        "--distribution",
        "everyone",
        fragments=("'everyone' is not a distribution",),
    )
    planned = _planned(data_dir)
    con = sqlite3.connect(data_dir / "peerwalk.db")
    con.execute("UPDATE reviews SET network_id = NULL WHERE id = ?", (planned,))
    con.commit()
    con.close()
    refused(
        data_dir,
        "reviews",
        "distribution",
        planned,
        "--to",
        "network",
        fragments=("belongs to no network, so its report cannot be shared with one",),
    )
    ok(data_dir, "reviews", "distribution", TECH, "--to", "network")
    assert ok(data_dir, "--json", "reviews", "show", TECH).json()["distribution"] == "network"


def test_countersigned_recorded_from_a_received_file(tmp_path: Path) -> None:
    writer, host = tmp_path / "writer", tmp_path / "host"
    env = cli_env(PEERWALK_PASSPHRASE="a long enough passphrase", PEERWALK_TODAY="2026-11-20")
    for data in (writer, host):
        ok(data, "demo", env=env)
    ok(writer, "identity", "create", "--name", "Rob Ellis", "--email", "r@x.example",
       "--school", "137450", env=env)  # fmt: skip
    ok(writer, "identity", "export-cert", "-o", str(tmp_path / "rob.pem"), env=env)
    report = tmp_path / "tech.pdf"
    ok(writer, "report", TECH, "-o", str(report), env=env)
    shown = ok(writer, "--json", "reviews", "show", TECH, env=env).json()
    assert shown["status"] == "signed"
    draft = tmp_path / "draft.pdf"
    ok(writer, "report", TECH, "--draft", "-o", str(draft), env=env)

    ok(host, "site", "set", "--school", "137451", "--name", "Claire Goodwin", env=env)
    ok(host, "identity", "create", "--name", "Claire Goodwin", "--email", "c@x.example", env=env)
    ok(host, "identity", "export-cert", "-o", str(tmp_path / "claire.pem"), env=env)
    signed = tmp_path / "tech-countersigned.pdf"
    ok(host, "sign", str(report), "-o", str(signed), env=env)
    host_show = ok(host, "--json", "reviews", "show", TECH, env=env).json()
    assert host_show["status"] == "countersigned"  # this laptop countersigned

    # On the writer's laptop, from the file: Claire's certificate is not trusted there yet.
    # Said plainly, with the fingerprint to compare and the command that trusts it.
    claire_fp = ok(host, "--json", "identity", "show", env=env).json()["fingerprint"]
    refused(
        writer,
        "reviews",
        "countersigned",
        TECH,
        str(signed),
        fragments=(
            "This copy was signed by Claire Goodwin's certificate, which this laptop has not "
            "been told to trust yet",
            f"(fingerprint {claire_fp})",
            "peerwalk identity trust-cert FILE.pem --yes",
            "nothing was recorded",
        ),
        code=3,
    )
    refused(
        writer,
        "reviews",
        "countersigned",
        TECH,
        str(report),
        fragments=("has not been countersigned by the host headteacher yet",),
    )
    refused(
        writer,
        "reviews",
        "countersigned",
        TECH,
        str(draft),
        fragments=("This PDF has no signatures.",),
    )
    other = demo_id("review", "mcr-rodney")
    refused(
        writer,
        "reviews",
        "countersigned",
        other,
        str(signed),
        fragments=("is not a report of the review",),
    )
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(signed.read_bytes().replace(b"Colne Valley", b"Colne Vallez"))
    refused(writer, "reviews", "countersigned", TECH, str(tampered), fragments=("",), code=1)
    refused(
        writer,
        "reviews",
        "countersigned",
        TECH,
        str(tmp_path / "missing.pdf"),
        fragments=("There is no file",),
    )
    refused(writer, "reviews", "status", TECH, "shared", fragments=("no countersignature",))

    ok(writer, "identity", "trust-cert", str(tmp_path / "claire.pem"), "--yes", env=env)
    result = ok(writer, "--json", "reviews", "countersigned", TECH, str(signed), env=env).json()
    assert result["status"] == "countersigned" and "countersigned" in result["recorded"]
    again = ok(writer, "reviews", "countersigned", TECH, str(signed), env=env)
    assert "already recorded" in again.out
    # A third laptop holding the review records it when it verifies the file (exit 0).
    third = tmp_path / "third"
    ok(third, "demo", env=env)
    ok(third, "identity", "trust-cert", str(tmp_path / "claire.pem"), "--yes", env=env)
    ok(third, "identity", "trust-cert", str(tmp_path / "rob.pem"), "--yes", env=env)
    verified = ok(third, "verify", str(signed), env=env)
    assert "Recorded on this laptop: signed, countersigned." in verified.out
    assert ok(third, "--json", "reviews", "show", TECH, env=env).json()["status"] == (
        "countersigned"
    )
    assert "is now shared" in ok(writer, "reviews", "status", TECH, "shared", env=env).out


def test_a_typo_fixed_after_signing_says_sign_again_until_it_is(tmp_path: Path) -> None:
    """Fixing a statement in a signed report is allowed, but the PDF already signed no longer
    says what Peerwalk shows: `reviews show` says so until the writer signs again."""
    data = tmp_path / "writer"
    env = cli_env(PEERWALK_PASSPHRASE="a long enough passphrase", PEERWALK_TODAY="2026-11-20")
    ok(data, "demo", env=env)
    ok(data, "identity", "create", "--name", "Rob Ellis", "--email", "r@x.example",
       "--school", "137450", env=env)  # fmt: skip

    def shown() -> tuple[str, bool, str]:
        out = ok(data, "--json", "reviews", "show", TECH, env=env).json()
        line = ok(data, "reviews", "show", TECH, env=env).out.splitlines()[1]
        return out["status"], out["changed_since_signed"], line

    assert shown()[1] is False  # never signed: nothing to say
    ok(data, "report", TECH, "-o", str(tmp_path / "tech.pdf"), env=env)
    assert shown()[:2] == ("signed", False)

    statement = ok(data, "--json", "reviews", "show", TECH, env=env).json()["findings"][0]
    ok(data, "findings", "edit", statement["id"], "--text", statement["text"] + " (typo fixed)",
       env=env)  # fmt: skip
    status, changed, line = shown()
    assert (status, changed) == ("signed", True)
    assert line.endswith(
        "Status: signed (changed since it was signed: sign it again with 'peerwalk report')"
    )

    ok(data, "report", TECH, "-o", str(tmp_path / "tech-2.pdf"), env=env)
    assert shown()[:2] == ("signed", False)

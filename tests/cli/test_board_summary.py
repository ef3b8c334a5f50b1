"""`networks summary`: a signed PDF of figures for the partnership board, verified by our own
`verify` and by pdfsig, with nothing of any review's text in it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import assert_one_line_error, cli_env, db_fingerprint, run_peerwalk

SIG = "Partneriaeth Bae a Glannau SIG"
ENV = cli_env(PEERWALK_PASSPHRASE="a long enough passphrase", PEERWALK_TODAY="2026-11-20")


def _laptop(tmp_path: Path) -> Path:
    data = tmp_path / "sian"
    for args in (
        ["demo"],
        ["site", "set", "--school", "6702345", "--name", "Siân Llywelyn"],
        [
            "identity",
            "create",
            "--name",
            "Siân Llywelyn",
            "--email",
            "s@b.example",
            "--school",
            "6702345",
        ],
        ["status", "publish", "--school", "6702345", "--area", "Oracy", "--stage", "3"],
    ):
        r = run_peerwalk(data, *args, env=ENV)
        assert r.code == 0, r.err
    return data


def test_the_summary_is_signed_and_holds_figures_only(tmp_path: Path) -> None:
    data = _laptop(tmp_path)
    out = tmp_path / "board.pdf"
    r = run_peerwalk(data, "networks", "summary", SIG, "-o", str(out), env=ENV)
    assert r.code == 0, r.err
    verdict = run_peerwalk(data, "--json", "verify", str(out), env=ENV)
    assert verdict.code == 0, verdict.err
    assert [s["signer"] for s in verdict.json()["signatures"]] == ["Siân Llywelyn"]
    if shutil.which("pdfsig"):
        checked = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, check=False)
        assert "Signature is Valid" in checked.stdout
    # Words as read, whitespace folded (a narrow grid column wraps a stage onto two lines).
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "Summary for the partnership board" in text and "3 embedding (yellow)" in text
    assert "held and" in text and "Oracy" in text
    # The demo's reviews in the network have notes and statements: none of their words.
    review = run_peerwalk(data, "--json", "reviews", "list", env=ENV).json()
    for row in review:
        shown = run_peerwalk(data, "--json", "reviews", "show", row["id"], env=ENV).json()
        for item in shown["notes"] + shown["findings"]:
            assert " ".join(item["text"].split())[:40] not in text


def test_no_identity_or_a_bad_name_is_one_sentence_and_no_file(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    assert run_peerwalk(data, "demo", env=ENV).code == 0
    before = db_fingerprint(data)
    for args, says in (
        (["networks", "summary", SIG, "-o", str(tmp_path / "x.pdf")], "identity"),
        (["networks", "summary", SIG, "-o", str(tmp_path / "x.txt")], ".pdf"),
    ):
        assert_one_line_error(run_peerwalk(data, *args, env=ENV), says)
    assert not (tmp_path / "x.pdf").exists()
    assert db_fingerprint(data) == before
    sian = _laptop(tmp_path)
    nowhere = ["networks", "summary", "Nowhere", "-o", str(tmp_path / "x.pdf")]
    assert_one_line_error(run_peerwalk(sian, *nowhere, env=ENV), "no network")
    assert not (tmp_path / "x.pdf").exists()

"""sign and verify as the real program on a small signed PDF: exit 0 only when everything
verifies and every signer is trusted and in their own box; exit 1 with one sentence on
stderr (no traceback) for a spoiled file; exit 3 with one sentence when it is intact but not
everyone is vouched for."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from tests.conftest import MemoryKeyring, assert_one_line_error, cli_env, run_peerwalk
from tests.unit.reports.pdfs import (
    HOST,
    NOT_A_PDF,
    WRITER,
    Signed,
    append_content_change,
    flip_in_signed_range,
    make_signed,
    text_pdf,
    truncate,
)

PHRASE = cli_env(PEERWALK_PASSPHRASE="a long enough passphrase")


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Signed:
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        s = make_signed(tmp_path_factory.mktemp("signed"))
    finally:
        keyring.set_keyring(previous)
    (s.base / "both.pdf").write_bytes(s.both_signed)
    (s.base / "prepared.pdf").write_bytes(s.prepared)
    return s


def test_verify_a_countersigned_report(signed: Signed, tmp_path: Path) -> None:
    data = tmp_path / "d"
    r = run_peerwalk(data, "verify", str(signed.base / "both.pdf"))
    assert r.code == 3, r.err  # intact, but this laptop trusts no network root yet
    assert_one_line_error(
        r,
        f"The writer's box was signed by '{WRITER}' with a certificate this laptop does not trust",
    )
    assert (
        f"writer ({WRITER}'s box): signed by {WRITER}" in r.out
        and "NOT TRUSTED here (issued by Triad Gogledd Cymru signing root)" in r.out
    )
    assert not (data / "peerwalk.db").exists()  # verifying creates no database
    (tmp_path / "root.pem").write_bytes((signed.ca / "network-ca" / "ca.pem").read_bytes())
    assert run_peerwalk(data, "network-ca", "trust", str(tmp_path / "root.pem")).code == 0
    r = run_peerwalk(data, "verify", str(signed.base / "both.pdf"))
    assert r.code == 0, r.err
    assert "All 2 signatures intact, trusted on this laptop and in their own boxes" in r.out
    assert (
        f"host-headteacher ({HOST}'s box): signed by {HOST}" in r.out
        and "in their own box" in r.out
    )
    r = run_peerwalk(data, "--json", "verify", str(signed.base / "both.pdf"))
    assert r.code == 0, r.err
    out = r.json()
    assert (
        out["ok"]
        and out["outcome"] == "verified"
        and out["exit_code"] == 0
        and out["problem"] is None
        and out["unsigned_fields"] == []
    )
    assert [
        (
            s["field"],
            s["signer"],
            s["trusted"],
            s["trust"],
            s["intact"],
            s["valid"],
            s["in_own_box"],
            s["box_for"],
        )
        for s in out["signatures"]
    ] == [
        ("writer", WRITER, True, "network-ca", True, True, True, WRITER),
        ("host-headteacher", HOST, True, "network-ca", True, True, True, HOST),
    ]
    assert [s["whole_document"] for s in out["signatures"]] == [False, True]


@pytest.mark.parametrize(
    ("spoil", "fragment"),
    [
        (flip_in_signed_range, "changed since it was signed"),
        (append_content_change, f"changed after {HOST} signed it"),
        (truncate, "incomplete"),
        (lambda _pdf: NOT_A_PDF, "not a PDF"),
        (lambda _pdf: text_pdf(), "no signatures"),
    ],
    ids=["flipped-byte", "appended-update", "truncated", "not-a-pdf", "no-signatures"],
)
def test_verify_refuses(signed: Signed, tmp_path: Path, spoil, fragment: str) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(spoil(signed.both_signed))
    r = run_peerwalk(tmp_path / "d", "verify", str(bad))
    assert_one_line_error(r, fragment)
    assert r.code == 1 and r.out == ""


def test_json_failure_still_lists_the_signatures(signed: Signed, tmp_path: Path) -> None:
    bad = tmp_path / "appended.pdf"
    bad.write_bytes(append_content_change(signed.both_signed))
    r = run_peerwalk(tmp_path / "d", "--json", "verify", str(bad))
    assert_one_line_error(r, "changed after")
    out = r.json()
    assert not out["ok"] and out["problem"] in r.err and r.code == 1 and out["outcome"] == "broken"
    assert [s["changed_after"] for s in out["signatures"]] == ["other changes", "other changes"]


def test_verify_missing_file_or_folder(tmp_path: Path) -> None:
    assert_one_line_error(
        run_peerwalk(tmp_path / "d", "verify", str(tmp_path / "missing.pdf")), "no file"
    )
    assert_one_line_error(run_peerwalk(tmp_path / "d", "verify", str(tmp_path)), "folder")


def test_sign_the_next_field_then_verify(signed: Signed, tmp_path: Path) -> None:
    """Laptops with no keychain sign the writer's box, then the host's, by the CLI; the host
    trusts the writer's certificate by hand after seeing its fingerprint."""
    w, h = tmp_path / "w", tmp_path / "h"
    for data, name, email in ((w, WRITER, "sian@x.example"), (h, HOST, "gwen@x.example")):
        assert (
            run_peerwalk(
                data, "identity", "create", "--name", name, "--email", email, env=PHRASE
            ).code
            == 0
        )
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    assert_one_line_error(
        run_peerwalk(w, "sign", str(signed.base / "prepared.pdf"), "-o", str(one), env=cli_env()),
        "PEERWALK_PASSPHRASE",
    )
    assert_one_line_error(
        run_peerwalk(
            w,
            "sign",
            str(signed.base / "prepared.pdf"),
            "-o",
            str(one),
            env=cli_env(PEERWALK_PASSPHRASE="wrong passphrase"),
        ),
        "passphrase is not right",
    )
    assert not one.exists()
    r = run_peerwalk(
        w, "--json", "sign", str(signed.base / "prepared.pdf"), "-o", str(one), env=PHRASE
    )
    assert r.code == 0, r.err
    assert r.json()["field"] == "writer" and r.json()["signer"] == WRITER
    r = run_peerwalk(h, "verify", str(one))
    assert (
        r.code == 3
        and "Still to sign: host-headteacher." in r.out
        and "NOT TRUSTED here (self-signed)" in r.out
    )
    assert_one_line_error(
        run_peerwalk(h, "sign", str(one), "-o", str(two), "--field", "writer", env=PHRASE),
        "already signed",
    )
    assert_one_line_error(
        run_peerwalk(h, "sign", str(one), "-o", str(two), "--field", "nope", env=PHRASE),
        "no signature field 'nope'",
    )
    r = run_peerwalk(h, "--json", "sign", str(one), "-o", str(two), env=PHRASE)
    assert r.code == 0, r.err
    assert r.json()["field"] == "host-headteacher"  # the next box that is hers
    r = run_peerwalk(h, "--json", "verify", str(two))
    assert r.code == 3
    assert [(s["signer"], s["trusted"], s["trust"]) for s in r.json()["signatures"]] == [
        (WRITER, False, "none"),
        (HOST, True, "this-laptop"),
    ]

    assert run_peerwalk(w, "identity", "export-cert", "-o", str(tmp_path / "sian.pem")).code == 0
    r = run_peerwalk(h, "identity", "trust-cert", str(tmp_path / "sian.pem"))
    fingerprint = run_peerwalk(w, "--json", "identity", "show").json()["fingerprint"]
    assert_one_line_error(
        r, f"This is the signing certificate of {WRITER}, fingerprint {fingerprint}", "--yes"
    )
    assert not (h / "trust" / "people").exists()
    r = run_peerwalk(h, "identity", "trust-cert", str(tmp_path / "sian.pem"), "--yes")
    assert r.code == 0, r.err
    r = run_peerwalk(h, "--json", "verify", str(two))
    assert r.code == 0, r.err
    assert [(s["signer"], s["trust"]) for s in r.json()["signatures"]] == [
        (WRITER, "by-hand"),
        (HOST, "this-laptop"),
    ]
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(flip_in_signed_range(one.read_bytes()))
    assert_one_line_error(
        run_peerwalk(h, "sign", str(tampered), "-o", str(two), env=PHRASE),
        "Not signing",
        "changed since it was signed",
    )


def test_trust_cert_refuses_what_is_not_a_person_certificate(
    signed: Signed, tmp_path: Path
) -> None:
    data = tmp_path / "d"
    (tmp_path / "junk.pem").write_text("hello")
    assert_one_line_error(
        run_peerwalk(data, "identity", "trust-cert", str(tmp_path / "junk.pem"), "--yes"),
        "not a certificate",
    )
    (tmp_path / "root.pem").write_bytes((signed.ca / "network-ca" / "ca.pem").read_bytes())
    assert_one_line_error(
        run_peerwalk(data, "identity", "trust-cert", str(tmp_path / "root.pem"), "--yes"),
        "network root certificate",
        "trust it as this network's root",
    )
    assert_one_line_error(
        run_peerwalk(data, "identity", "trust-cert", str(tmp_path / "missing.pem"), "--yes"),
        "no file",
    )
    assert not (data / "trust").exists()

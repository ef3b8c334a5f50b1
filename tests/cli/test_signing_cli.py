"""identity, report, sign and verify as the real program (no keychain here: passphrase path)."""

from __future__ import annotations

from pathlib import Path

from app.services.demo import demo_id
from tests.conftest import assert_one_line_error, cli_env, db_fingerprint, run_peerwalk

TECH = demo_id("review", "tech")


def test_identity_report_sign_verify(tmp_path: Path) -> None:
    writer, host = tmp_path / "writer", tmp_path / "host"
    env = cli_env(PEERWALK_PASSPHRASE="a long enough passphrase")
    for data in (writer, host):
        assert run_peerwalk(data, "demo", env=env).code == 0
    r = run_peerwalk(
        writer,
        "identity",
        "create",
        "--name",
        "Rob Ellis",
        "--email",
        "rob@x.example",
        "--school",
        "137450",
        env=env,
    )
    assert r.code == 0, r.err
    assert "Fingerprint:" in r.out and "protected by your passphrase" in r.out
    assert "Published" not in r.out  # this laptop has not said which school it belongs to
    shown = run_peerwalk(writer, "--json", "identity", "show", env=env).json()
    assert (
        shown["name"] == "Rob Ellis"
        and shown["self_signed"]
        and shown["protection"] == "passphrase"
    )
    assert shown["school"] == "Blackwater Academy (137450)"
    assert (
        run_peerwalk(
            writer, "identity", "export-cert", "-o", str(tmp_path / "rob.pem"), env=env
        ).code
        == 0
    )
    assert b"BEGIN CERTIFICATE" in (tmp_path / "rob.pem").read_bytes()

    report = tmp_path / "tech.pdf"
    r = run_peerwalk(writer, "--json", "report", TECH[:8], "-o", str(report), env=env)
    assert r.code == 0, r.err
    assert r.json()["signer"] == "Rob Ellis" and r.json()["pages"] >= 4

    # the host laptop says which school it is; its identity takes that school
    assert (
        run_peerwalk(
            host, "site", "set", "--school", "137451", "--name", "Claire Goodwin", env=env
        ).code
        == 0
    )
    r = run_peerwalk(
        host,
        "identity",
        "create",
        "--name",
        "Claire Goodwin",
        "--email",
        "claire@x.example",
        env=env,
    )
    assert r.code == 0, r.err
    assert "Colne Valley High School (137451)" in r.out and "Published to partners" in r.out
    before = db_fingerprint(host)
    assert_one_line_error(
        run_peerwalk(host, "report", TECH, "-o", str(tmp_path / "hers.pdf"), env=env),
        "This box is for Rob Ellis, the writer; your signing identity is Claire Goodwin.",
    )
    assert_one_line_error(
        run_peerwalk(
            host, "sign", str(report), "-o", str(tmp_path / "x.pdf"), "--field", "writer", env=env
        ),
        "already signed",
    )
    assert_one_line_error(
        run_peerwalk(
            host,
            "sign",
            str(report),
            "-o",
            str(tmp_path / "x.pdf"),
            "--field",
            "co-reviewer-1",
            env=env,
        ),
        "This box is for Trevor Mayhew, the co-reviewer; your signing identity is Claire Goodwin.",
    )
    assert (
        not (tmp_path / "hers.pdf").exists()
        and not (tmp_path / "x.pdf").exists()
        and db_fingerprint(host) == before
    )
    out = tmp_path / "tech-signed.pdf"
    r = run_peerwalk(host, "--json", "sign", str(report), "-o", str(out), env=env)
    assert r.code == 0, r.err
    assert r.json()["field"] == "host-headteacher"
    r = run_peerwalk(host, "verify", str(out), env=env)
    assert r.code == 3  # Rob's self-signed certificate is not one this laptop trusts yet
    assert_one_line_error(
        r,
        "The writer's box was signed by 'Rob Ellis' with a certificate this laptop does not trust "
        "(self-signed;",
    )
    assert "Still to sign: co-reviewer-1." in r.out
    assert (
        run_peerwalk(host, "identity", "trust-cert", str(tmp_path / "rob.pem"), "--yes").code == 0
    )
    r = run_peerwalk(host, "verify", str(out), env=env)
    assert r.code == 0, r.err
    assert "All 2 signatures intact, trusted on this laptop and in their own boxes" in r.out


def test_a_stranger_cannot_sign_the_host_headteachers_box(tmp_path: Path) -> None:
    """Our own sign command refuses; the forgeries made with other tools are in
    tests/cli/test_verify_verdicts.py."""
    writer, stranger = tmp_path / "writer", tmp_path / "stranger"
    env = cli_env(PEERWALK_PASSPHRASE="a long enough passphrase")
    assert run_peerwalk(writer, "demo", env=env).code == 0
    assert (
        run_peerwalk(
            writer,
            "identity",
            "create",
            "--name",
            "Rob Ellis",
            "--email",
            "rob@x.example",
            "--school",
            "137450",
            env=env,
        ).code
        == 0
    )
    report = tmp_path / "tech.pdf"
    assert run_peerwalk(writer, "report", TECH, "-o", str(report), env=env).code == 0
    assert (
        run_peerwalk(
            stranger,
            "identity",
            "create",
            "--name",
            "Dave Stranger",
            "--email",
            "d@x.example",
            env=env,
        ).code
        == 0
    )
    assert_one_line_error(
        run_peerwalk(
            stranger,
            "sign",
            str(report),
            "-o",
            str(tmp_path / "x.pdf"),
            "--field",
            "host-headteacher",
            env=env,
        ),
        "This box is for Claire Goodwin, the host headteacher; your signing identity is Dave "
        "Stranger.",
    )
    assert (
        run_peerwalk(
            stranger,
            "identity",
            "create",
            "--name",
            "Claire Goodwin",
            "--email",
            "c@x.example",
            env=env,
        ).code
        != 0
    )  # one identity


def test_wrong_passphrase_and_missing_identity(tmp_path: Path) -> None:
    data = tmp_path / "d"
    ok = cli_env(PEERWALK_PASSPHRASE="a long enough passphrase")
    run_peerwalk(data, "demo", env=ok)
    assert_one_line_error(
        run_peerwalk(data, "report", TECH, "-o", str(tmp_path / "r.pdf"), env=ok),
        "no signing identity",
    )
    run_peerwalk(
        data,
        "identity",
        "create",
        "--name",
        "Rob Ellis",
        "--email",
        "rob@x.example",
        "--school",
        "137450",
        env=ok,
    )
    before = db_fingerprint(data)
    wrong = cli_env(PEERWALK_PASSPHRASE="not the passphrase")
    assert_one_line_error(
        run_peerwalk(data, "report", TECH, "-o", str(tmp_path / "r.pdf"), env=wrong),
        "passphrase is not right",
    )
    assert not (tmp_path / "r.pdf").exists() and db_fingerprint(data) == before
    no_phrase = cli_env()
    assert_one_line_error(
        run_peerwalk(data, "report", TECH, "-o", str(tmp_path / "r.pdf"), env=no_phrase),
        "PEERWALK_PASSPHRASE",
    )
    assert_one_line_error(
        run_peerwalk(data, "identity", "create", "--name", "X", "--email", "x@y.example", env=ok),
        "already has a signing identity",
    )
    assert_one_line_error(
        run_peerwalk(data, "report", "nope", "-o", str(tmp_path / "r.pdf"), env=ok), "no review"
    )
    assert_one_line_error(
        run_peerwalk(data, "verify", str(tmp_path / "missing.pdf"), env=ok), "no file"
    )
    assert_one_line_error(
        run_peerwalk(data, "network-ca", "trust", str(tmp_path / "missing.pem"), env=ok), "no file"
    )

"""identity and network-ca as the real program, with no keychain (keyring's fail backend):
the passphrase comes from PEERWALK_PASSPHRASE, and every refusal is one line on stderr."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import assert_one_line_error, cli_env, run_peerwalk

PHRASE = cli_env(PEERWALK_PASSPHRASE="a long enough passphrase")


def _create(
    data: Path, name: str = "Rob Ellis", email: str = "rob@x.example", env: dict[str, str] = PHRASE
):  # type: ignore[no-untyped-def]
    return run_peerwalk(data, "identity", "create", "--name", name, "--email", email, env=env)


def test_create_show_export(tmp_path: Path) -> None:
    data = tmp_path / "d"
    r = _create(data)
    assert r.code == 0, r.err
    assert (
        "Rob Ellis <rob@x.example>" in r.out
        and "Fingerprint:" in r.out
        and "protected by your passphrase" in r.out
    )
    shown = run_peerwalk(data, "--json", "identity", "show").json()
    assert (
        shown["name"] == "Rob Ellis"
        and shown["self_signed"]
        and shown["protection"] == "passphrase"
    )
    assert len(shown["fingerprint"]) == 95 and shown["issuer"] == "Rob Ellis"
    key_file = (data / "identity" / "key.enc").read_text()
    assert "a long enough passphrase" not in key_file and "PRIVATE KEY" not in key_file
    r = run_peerwalk(data, "identity", "export-cert", "-o", str(tmp_path / "rob.pem"))
    assert r.code == 0, r.err
    assert (tmp_path / "rob.pem").read_bytes() == (data / "identity" / "cert.pem").read_bytes()


def test_passphrase_needed_and_refusals(tmp_path: Path) -> None:
    data = tmp_path / "d"
    assert_one_line_error(
        _create(data, env=cli_env()), "PEERWALK_PASSPHRASE"
    )  # stdin is not a terminal
    assert_one_line_error(
        _create(data, env=cli_env(PEERWALK_PASSPHRASE="short")), "at least 8 characters"
    )
    assert_one_line_error(_create(data, email="not an email"), "not an email address")
    assert_one_line_error(run_peerwalk(data, "identity", "show"), "no signing identity")
    assert_one_line_error(
        run_peerwalk(data, "identity", "export-cert", "-o", str(tmp_path / "x.pem")),
        "no signing identity",
    )
    assert not (data / "identity" / "cert.pem").exists()
    assert _create(data).code == 0
    assert_one_line_error(_create(data), "already has a signing identity")
    assert_one_line_error(
        run_peerwalk(data, "identity", "import-cert", str(tmp_path / "missing.pem")), "no file"
    )
    (tmp_path / "junk.pem").write_text("hello")
    assert_one_line_error(
        run_peerwalk(data, "identity", "import-cert", str(tmp_path / "junk.pem")),
        "not a certificate",
    )
    assert_one_line_error(run_peerwalk(data, "identity", "create", "--name", "X"), "--email")


def test_network_ca_issues_and_members_import(tmp_path: Path) -> None:
    coord, member, other = tmp_path / "coordinator", tmp_path / "member", tmp_path / "other"
    r = run_peerwalk(coord, "network-ca", "create", "Essex Secondary Triad", env=PHRASE)
    assert r.code == 0, r.err
    assert "Fingerprint:" in r.out
    assert (
        run_peerwalk(coord, "network-ca", "export-root", "-o", str(tmp_path / "root.pem")).code == 0
    )
    assert _create(member, "Trevor Mayhew", "trevor@x.example").code == 0
    run_peerwalk(member, "identity", "export-cert", "-o", str(tmp_path / "trevor.pem"))
    wrong = cli_env(PEERWALK_PASSPHRASE="not the passphrase")
    assert_one_line_error(
        run_peerwalk(
            coord,
            "network-ca",
            "issue",
            str(tmp_path / "trevor.pem"),
            "-o",
            str(tmp_path / "issued.pem"),
            env=wrong,
        ),
        "passphrase is not right",
    )
    r = run_peerwalk(
        coord,
        "network-ca",
        "issue",
        str(tmp_path / "trevor.pem"),
        "-o",
        str(tmp_path / "issued.pem"),
        env=PHRASE,
    )
    assert r.code == 0, r.err
    r = run_peerwalk(member, "--json", "identity", "import-cert", str(tmp_path / "issued.pem"))
    assert r.code == 0, r.err
    assert (
        r.json()["issuer"] == "Essex Secondary Triad signing root" and not r.json()["self_signed"]
    )
    assert (
        "issued by Essex Secondary Triad signing root"
        in run_peerwalk(member, "identity", "show").out
    )
    r = run_peerwalk(member, "network-ca", "trust", str(tmp_path / "root.pem"))
    assert r.code == 0, r.err
    assert len(list((member / "trust").glob("*.pem"))) == 1

    assert _create(other, "Someone Else", "s@x.example").code == 0
    assert_one_line_error(
        run_peerwalk(other, "identity", "import-cert", str(tmp_path / "issued.pem")),
        "someone else's key",
    )
    assert_one_line_error(
        run_peerwalk(other, "network-ca", "trust", str(tmp_path / "trevor.pem")),
        "not a network root",
    )
    assert_one_line_error(
        run_peerwalk(other, "identity", "import-cert", str(tmp_path / "root.pem")),
        "network root certificate",
    )
    assert_one_line_error(
        run_peerwalk(
            other,
            "network-ca",
            "issue",
            str(tmp_path / "trevor.pem"),
            "-o",
            str(tmp_path / "x.pem"),
            env=PHRASE,
        ),
        "does not run a network root",
    )
    assert_one_line_error(
        run_peerwalk(coord, "network-ca", "create", "Again", env=PHRASE), "already runs"
    )

"""Identities: keychain path, passphrase-file path, wrong passphrase, network CA."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.errors import AppError, InvalidInput
from app.identity import (
    certificate_pem,
    create_identity,
    create_network_ca,
    import_issued_certificate,
    issue_certificate,
    load_identity,
    load_signer,
    trust_root,
    trusted_roots,
)
from app.identity.keystore import KEYRING_SERVICE


def phrase(value: str):  # type: ignore[no-untyped-def]
    return lambda _kind: value


def test_keychain_path_keeps_only_a_data_key_in_the_keychain(tmp_path: Path, memory_keyring) -> None:
    info = create_identity(tmp_path, "Siân Llywelyn", "sian@bro-wyr.example", "Ysgol Gymraeg Bro Ŵyr")
    assert info.protection == "keychain" and info.self_signed and info.name == "Siân Llywelyn"
    (secret,) = [v for (svc, _), v in memory_keyring.secrets.items() if svc == KEYRING_SERVICE]
    assert len(secret) < 100  # a data key, not the private key
    key_file = (tmp_path / "identity" / "key.json").read_text()
    assert "PRIVATE KEY" not in key_file and json.loads(key_file)["protection"] == "keychain"
    key, cert, _ = load_signer(tmp_path, passphrase=None)
    assert key.public_key().public_numbers() == cert.public_key().public_numbers()
    assert load_identity(tmp_path).school == "Ysgol Gymraeg Bro Ŵyr"


def test_no_keychain_uses_a_passphrase_file(tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    info = create_identity(tmp_path, "Rob Ellis", "rob@x.example", passphrase=phrase("correct horse"))
    assert info.protection == "passphrase"
    doc = json.loads((tmp_path / "identity" / "key.json").read_text())
    assert doc["kdf"]["name"] == "scrypt" and "PRIVATE" not in json.dumps(doc)
    load_signer(tmp_path, phrase("correct horse"))
    with pytest.raises(AppError, match="passphrase is not right"):
        load_signer(tmp_path, phrase("wrong horse"))


def test_no_keychain_and_no_passphrase_is_a_clear_error(tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(AppError, match="no keychain"):
        create_identity(tmp_path, "Rob Ellis", "rob@x.example")
    with pytest.raises(InvalidInput, match="at least 8"):
        create_identity(tmp_path, "Rob Ellis", "rob@x.example", passphrase=phrase("short"))
    assert not (tmp_path / "identity" / "cert.pem").exists()


def test_newer_key_file_is_refused(tmp_path: Path) -> None:
    create_identity(tmp_path, "Rob Ellis", "rob@x.example")
    path = tmp_path / "identity" / "key.json"
    doc = json.loads(path.read_text())
    doc["version"] = 99
    path.write_text(json.dumps(doc))
    with pytest.raises(AppError, match="newer version of Peerwalk"):
        load_signer(tmp_path, None)


def test_network_ca_issues_and_is_trusted(tmp_path: Path) -> None:
    ca_dir, member = tmp_path / "coordinator", tmp_path / "member"
    create_network_ca(ca_dir, "Essex Secondary Triad")
    create_identity(member, "Trevor Mayhew", "trevor@x.example")
    issued = issue_certificate(ca_dir, certificate_pem(member), None)
    info = import_issued_certificate(member, issued)
    assert not info.self_signed and info.issuer == "Essex Secondary Triad signing root"
    with pytest.raises(InvalidInput, match="someone else's key"):
        other = tmp_path / "other"
        create_identity(other, "Someone", "s@x.example")
        import_issued_certificate(other, issued)
    with pytest.raises(InvalidInput, match="not a network root"):
        trust_root(member, issued)
    root_pem = (ca_dir / "network-ca" / "ca.pem").read_bytes()
    trust_root(member, root_pem)
    assert len(trusted_roots(member)) == 1
    _, _, chain = load_signer(member, None)
    assert len(chain) == 1

"""A person's identity: the certificate's contents, the keychain path, the passphrase-file path
(including a wrong passphrase), and replacing the certificate with one a network CA issued."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier
from keyring.backends import fail

from app.errors import AppError, InvalidInput, NotFound
from app.identity import (
    PassphraseNeeded,
    WrongPassphrase,
    certificate_pem,
    create_identity,
    import_issued_certificate,
    load_identity,
    load_signer,
)
from app.identity.keystore import KEYRING_SERVICE

WHEN = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def phrase(value: str):  # type: ignore[no-untyped-def]
    return lambda _kind: value


def test_certificate_says_who_and_what_for(tmp_path: Path) -> None:
    info = create_identity(
        tmp_path,
        "Siân Llywelyn",
        "sian@bro-wyr.example",
        "Ysgol Gymraeg Bro Ŵyr",
        clock=lambda: WHEN,
    )
    cert = x509.load_pem_x509_certificate(certificate_pem(tmp_path))
    assert (
        isinstance(cert.public_key(), ec.EllipticCurvePublicKey)
        and cert.public_key().curve.name == "secp256r1"
    )
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Siân Llywelyn"
    assert (
        cert.subject.get_attributes_for_oid(NameOID.EMAIL_ADDRESS)[0].value
        == "sian@bro-wyr.example"
    )
    assert (
        cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
        == "Ysgol Gymraeg Bro Ŵyr"
    )
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert (
        ObjectIdentifier("1.3.6.1.5.5.7.3.36") in eku and ExtendedKeyUsageOID.SERVER_AUTH not in eku
    )
    assert cert.not_valid_after_utc - cert.not_valid_before_utc > timedelta(days=5 * 365)
    assert (
        info.self_signed
        and info.issuer == "Siân Llywelyn"
        and info.school == "Ysgol Gymraeg Bro Ŵyr"
    )
    assert len(info.fingerprint.split(":")) == 32 and info.not_before.startswith("2026-11-24")
    assert load_identity(tmp_path) == info


def test_keychain_path_keeps_only_a_data_key_in_the_keychain(
    tmp_path: Path, memory_keyring
) -> None:  # type: ignore[no-untyped-def]
    info = create_identity(tmp_path, "Siân Llywelyn", "sian@bro-wyr.example")
    assert info.protection == "keychain"
    ((service, username), secret) = next((k, v) for k, v in memory_keyring.secrets.items())
    assert service == KEYRING_SERVICE and username == f"identity:{info.fingerprint}"
    assert len(secret) < 100  # a data key, not the private key
    key_file = (tmp_path / "identity" / "key.enc").read_text()
    assert "PRIVATE KEY" not in key_file and json.loads(key_file)["protection"] == "keychain"
    signer = load_signer(tmp_path, passphrase_provider=None)  # no passphrase is asked for
    assert signer.key.public_key().public_numbers() == signer.cert.public_key().public_numbers()
    assert (
        signer.name == "Siân Llywelyn"
        and signer.fingerprint == info.fingerprint
        and signer.chain == []
    )


def test_keychain_entry_gone_is_one_sentence(tmp_path: Path, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    create_identity(tmp_path, "Rob Ellis", "rob@x.example")
    memory_keyring.secrets.clear()
    with pytest.raises(AppError, match="not in this computer's keychain"):
        load_signer(tmp_path, None)


def test_no_keychain_uses_a_passphrase_file(tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    asked: list[str] = []
    info = create_identity(
        tmp_path,
        "Rob Ellis",
        "rob@x.example",
        passphrase_provider=lambda kind: asked.append(kind) or "correct horse",
    )
    assert info.protection == "passphrase" and asked == ["new"]
    doc = json.loads((tmp_path / "identity" / "key.enc").read_text())
    assert doc["version"] == 1 and doc["kdf"]["name"] == "scrypt" and len(doc["kdf"]["salt"]) > 16
    assert "PRIVATE" not in json.dumps(doc)
    assert load_signer(tmp_path, phrase("correct horse")).name == "Rob Ellis"
    with pytest.raises(
        WrongPassphrase, match=r"^The passphrase is not right for this identity\.$"
    ) as caught:
        load_signer(tmp_path, phrase("wrong horse"))
    assert "correct" not in str(caught.value) and caught.value.__cause__ is None
    with pytest.raises(PassphraseNeeded):
        load_signer(tmp_path, None)


def test_no_keychain_and_no_passphrase_is_a_clear_error(tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(PassphraseNeeded, match="no keychain"):
        create_identity(tmp_path, "Rob Ellis", "rob@x.example")
    with pytest.raises(InvalidInput, match="at least 8"):
        create_identity(tmp_path, "Rob Ellis", "rob@x.example", passphrase_provider=phrase("short"))
    assert not (tmp_path / "identity" / "cert.pem").exists()
    with pytest.raises(NotFound, match="no signing identity"):
        load_identity(tmp_path)


@pytest.mark.parametrize(
    ("name", "email", "message"),
    [
        ("  ", "a@b.example", "name"),
        ("Rob", "not-an-email", "not an email"),
        ("Rob", "", "not an email"),
    ],
)
def test_bad_input(tmp_path: Path, name: str, email: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        create_identity(tmp_path, name, email)


def test_one_identity_per_laptop_unless_replaced(tmp_path: Path, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    first = create_identity(tmp_path, "Rob Ellis", "rob@x.example")
    with pytest.raises(AppError, match="already has a signing identity"):
        create_identity(tmp_path, "Rob Ellis", "rob@x.example")
    second = create_identity(tmp_path, "Rob Ellis", "rob@x.example", replace=True)
    assert (
        second.fingerprint != first.fingerprint
        and load_signer(tmp_path, None).fingerprint == second.fingerprint
    )
    assert [u for _, u in memory_keyring.secrets] == [
        f"identity:{second.fingerprint}"
    ]  # the old data key is gone


def test_key_file_from_the_first_versions_still_opens(tmp_path: Path) -> None:
    info = create_identity(tmp_path, "Rob Ellis", "rob@x.example")
    (tmp_path / "identity" / "key.enc").rename(tmp_path / "identity" / "key.json")
    assert load_signer(tmp_path, None).fingerprint == info.fingerprint
    assert load_identity(tmp_path).protection == "keychain"


def test_import_refuses_a_certificate_for_another_key(tmp_path: Path) -> None:
    create_identity(tmp_path / "a", "Rob Ellis", "rob@x.example")
    create_identity(tmp_path / "b", "Claire Goodwin", "claire@x.example")
    with pytest.raises(InvalidInput, match="someone else's key"):
        import_issued_certificate(tmp_path / "a", certificate_pem(tmp_path / "b"))
    with pytest.raises(InvalidInput, match="not a certificate"):
        import_issued_certificate(
            tmp_path / "a", b"-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----\n"
        )
    assert load_identity(tmp_path / "a").name == "Rob Ellis"


def test_email_forms_certificates_can_carry(tmp_path: Path) -> None:
    info = create_identity(tmp_path / "a", "Siân", "sian@ysgol-bro-ŵyr.cymru")
    assert info.email == "sian@xn--ysgol-bro-yr-kvc.cymru"
    with pytest.raises(InvalidInput, match="plain letters before the @"):
        create_identity(tmp_path / "b", "Siân", "siân@example.cymru")

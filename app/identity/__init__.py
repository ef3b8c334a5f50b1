"""Who signs: one person's key pair and certificate on this laptop, and a network's root CA.

Files in the data folder (never in the database):
  identity/cert.pem        the public certificate (safe to share)
  identity/key.enc         the private key, sealed (see keystore.py; older copies: key.json)
  network-ca/ca.pem, ca-key.enc   a network's root, if this laptop runs it (network_ca.py)
  trust/<fingerprint>.pem  roots this laptop trusts (partners' network CAs)
  trust/people/<fingerprint>.pem  partners' own certificates trusted by hand (trusted.py)

Imports nothing of ours but app.errors; cryptography is imported where it is used, so
``import app.identity`` stays cheap for code that only needs the names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from app.errors import AppError, IdentityExists, InvalidInput, IsNetworkRoot, NoIdentity
from app.identity.keystore import (
    PassphraseNeeded,
    PassphraseProvider,
    WrongPassphrase,
    forget,
    seal,
    unseal,
)
from app.identity.network_ca import (
    create_network_ca,
    issue_certificate,
    network_ca_pem,
    trust_root,
    trusted_roots,
)
from app.identity.trusted import (
    read_person_certificate,
    trust_person_certificate,
    trusted_person_certificates,
)

__all__ = [
    "IdentityInfo",
    "PassphraseNeeded",
    "PassphraseProvider",
    "Signer",
    "WrongPassphrase",
    "certificate_pem",
    "create_identity",
    "create_network_ca",
    "identity_certificate",
    "import_issued_certificate",
    "issue_certificate",
    "load_identity",
    "load_signer",
    "network_ca_pem",
    "read_person_certificate",
    "trust_person_certificate",
    "trust_root",
    "trusted_person_certificates",
    "trusted_roots",
]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class IdentityInfo:
    """The public facts of a certificate, as shown to people (no secrets)."""

    name: str
    email: str
    school: str
    fingerprint: str  # SHA-256 of the certificate DER, "AB:CD:..."
    not_before: str
    not_after: str
    issuer: str
    self_signed: bool
    protection: str  # "keychain", "passphrase", "public" (a root we trust), "?" (unreadable)


class Signer(NamedTuple):
    """What signing needs: the private key, its certificate, and the issuing root (if any).

    A tuple, so ``key, cert, chain = load_signer(...)`` works as well as ``signer.cert``.
    """

    key: Any  # cryptography EllipticCurvePrivateKey
    cert: Any  # cryptography x509.Certificate
    chain: list[Any]  # issuer certificates, nearest first (empty when self-signed)

    @property
    def name(self) -> str:
        from app.identity import certificates as certs

        return certs.common_name(self.cert.subject)

    @property
    def fingerprint(self) -> str:
        from app.identity import certificates as certs

        return certs.fingerprint(self.cert)


def _paths(data_dir: Path) -> tuple[Path, Path]:
    return data_dir / "identity" / "cert.pem", data_dir / "identity" / "key.enc"


def _key_path(data_dir: Path) -> Path:
    """The sealed key: ``key.enc``, or ``key.json`` written by the first versions."""
    _, key_path = _paths(data_dir)
    legacy = key_path.with_name("key.json")
    return legacy if not key_path.exists() and legacy.exists() else key_path


def _read_cert(path: Path) -> Any:
    from cryptography import x509

    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except FileNotFoundError:
        raise NoIdentity("There is no signing identity on this laptop yet.") from None
    except ValueError:
        raise AppError(f"{path} is not a certificate.") from None


def info_of(cert: Any, protection: str) -> IdentityInfo:
    from cryptography.x509.oid import NameOID

    from app.identity import certificates as certs

    return IdentityInfo(
        name=certs.common_name(cert.subject),
        email=certs.name_part(cert.subject, NameOID.EMAIL_ADDRESS),
        school=certs.name_part(cert.subject, NameOID.ORGANIZATION_NAME),
        fingerprint=certs.fingerprint(cert),
        not_before=cert.not_valid_before_utc.isoformat(timespec="minutes"),
        not_after=cert.not_valid_after_utc.isoformat(timespec="minutes"),
        issuer=certs.common_name(cert.issuer),
        self_signed=cert.issuer == cert.subject,
        protection=protection,
    )


def create_identity(
    data_dir: Path,
    name: str,
    email: str,
    school_id: str | None = None,
    passphrase_provider: PassphraseProvider | None = None,
    clock: Callable[[], datetime] = _now,
    *,
    replace: bool = False,
) -> IdentityInfo:
    """Make a key pair and a self-signed certificate (CN=name, emailAddress, O=school_id) for
    one person on this laptop; the key is sealed in the keychain or with a passphrase.

    Raises InvalidInput for a missing name or a malformed email, AppError if an identity exists
    (unless ``replace``), PassphraseNeeded / InvalidInput when the key cannot be protected.
    Nothing is written unless everything succeeds.
    """
    from app.identity import certificates as certs

    name, email, school = name.strip(), email.strip(), (school_id or "").strip()
    if not name:
        raise InvalidInput("Give the name to print in signatures.")
    email = _ascii_email(email)
    cert_path, key_path = _paths(data_dir)
    if cert_path.exists() and not replace:
        raise IdentityExists("This laptop already has a signing identity.")
    key = certs.new_key()
    subject = certs.subject_for(name, email, school)
    cert = certs.person_certificate(subject, key.public_key(), key, subject, clock(), email)
    old_key = _key_path(data_dir) if replace else None
    protection = seal(
        certs.key_pem(key),
        f"identity:{certs.fingerprint(cert)}",
        key_path.with_name("key.new"),
        passphrase_provider,
    )
    if old_key is not None and old_key.exists():
        forget(old_key)
    key_path.with_name("key.new").replace(key_path)
    _write(cert_path, certs.pem(cert))
    return info_of(cert, protection)


def _ascii_email(email: str) -> str:
    """The address as certificates carry it (ASCII; the domain in its IDNA "xn--" form).
    Raises InvalidInput for something that is not an address or has a non-ASCII local part."""
    local, at, domain = email.rpartition("@")
    if not at or not local or "." not in domain or any(ch.isspace() for ch in email):
        raise InvalidInput(f"'{email}' is not an email address.")
    if not local.isascii():
        raise InvalidInput(
            f"Certificates cannot carry '{email}': use an address with plain letters before the @."
        )
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        raise InvalidInput(f"'{email}' is not an email address.") from None


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def _protection(key_path: Path) -> str:
    import json

    try:
        return str(json.loads(key_path.read_text(encoding="utf-8")).get("protection", "?"))
    except (OSError, ValueError, AttributeError):
        return "?"


def load_identity(data_dir: Path) -> IdentityInfo:
    """The public facts of this laptop's identity. Raises NotFound if there is none."""
    cert_path, _ = _paths(data_dir)
    return info_of(_read_cert(cert_path), _protection(_key_path(data_dir)))


def identity_certificate(data_dir: Path) -> Any | None:
    """This laptop's certificate (cryptography), or None when it has none or it is unreadable."""
    from cryptography import x509

    cert_path, _ = _paths(data_dir)
    try:
        return x509.load_pem_x509_certificate(cert_path.read_bytes())
    except (OSError, ValueError):
        return None


def certificate_pem(data_dir: Path) -> bytes:
    """This laptop's certificate (public), to send to a network CA. Raises NotFound."""
    from app.identity import certificates as certs

    cert_path, _ = _paths(data_dir)
    return certs.pem(_read_cert(cert_path))


def load_signer(data_dir: Path, passphrase_provider: PassphraseProvider | None) -> Signer:
    """Unlock this laptop's key for signing, with the issuing root as the chain when the
    certificate was issued by a trusted network CA. Raises NotFound (no identity),
    WrongPassphrase, PassphraseNeeded, or AppError (damaged files, key/cert mismatch)."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    cert_path, _ = _paths(data_dir)
    cert = _read_cert(cert_path)
    try:
        key = load_pem_private_key(unseal(_key_path(data_dir), passphrase_provider), password=None)
    except (ValueError, TypeError):
        raise AppError("The key file on this laptop is damaged.") from None
    if key.public_key().public_numbers() != cert.public_key().public_numbers():  # type: ignore[union-attr]
        raise AppError(
            "The certificate on this laptop does not match its key; import the right certificate."
        )
    chain = [
        c
        for c in trusted_roots(data_dir)
        if cert.issuer != cert.subject and c.subject == cert.issuer
    ]
    return Signer(key, cert, chain)


def import_issued_certificate(data_dir: Path, pem_bytes: bytes) -> IdentityInfo:
    """Replace this laptop's certificate with one a network CA issued for the same key.

    The public key must be the one our sealed private key belongs to (the current certificate
    was checked against the key when it was made, so no passphrase is needed). Raises
    InvalidInput for a file that is not a certificate, a CA certificate, or someone else's key.
    """
    from cryptography import x509

    from app.identity import certificates as certs

    cert_path, _ = _paths(data_dir)
    current = _read_cert(cert_path)
    try:
        issued = x509.load_pem_x509_certificate(pem_bytes)
    except ValueError:
        raise InvalidInput("That file is not a certificate (PEM).") from None
    if certs.is_ca(issued):
        raise IsNetworkRoot(
            "That is a network root certificate, not a person's; trust it as a network root instead."
        )
    if issued.public_key().public_numbers() != current.public_key().public_numbers():  # type: ignore[union-attr]
        raise InvalidInput(
            "That certificate was issued for someone else's key, not this laptop's identity."
        )
    if not certs.can_sign_documents(issued):
        raise InvalidInput("That certificate is not for signing documents.")
    _write(cert_path, certs.pem(issued))
    return info_of(issued, _protection(_key_path(data_dir)))

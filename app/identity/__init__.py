"""Who signs: one person's key pair and certificate on this laptop, and a network's root CA.

Files in the data folder (never in the database):
  identity/cert.pem       the public certificate (safe to share)
  identity/key.json       the private key, sealed (see keystore.py)
  network-ca/ca.pem, ca-key.json   a network's root, if this laptop runs it
  trust/<fingerprint>.pem roots this laptop trusts (partners' network CAs)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.errors import AppError, InvalidInput
from app.identity import certificates as certs
from app.identity.keystore import PassphraseProvider, seal, unseal


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class IdentityInfo:
    name: str
    email: str
    school: str
    fingerprint: str
    not_before: str
    not_after: str
    issuer: str
    self_signed: bool
    protection: str


def _paths(data_dir: Path) -> tuple[Path, Path]:
    return data_dir / "identity" / "cert.pem", data_dir / "identity" / "key.json"


def _read_cert(path: Path) -> Any:
    from cryptography import x509

    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except FileNotFoundError:
        raise AppError("There is no signing identity on this laptop yet; create one with 'peerwalk identity create'.") from None
    except ValueError:
        raise AppError(f"{path} is not a certificate.") from None


def _info(cert: Any, protection: str) -> IdentityInfo:
    from cryptography.x509.oid import NameOID

    return IdentityInfo(
        name=certs.name_part(cert.subject, NameOID.COMMON_NAME),
        email=certs.name_part(cert.subject, NameOID.EMAIL_ADDRESS),
        school=certs.name_part(cert.subject, NameOID.ORGANIZATION_NAME),
        fingerprint=certs.fingerprint(cert),
        not_before=cert.not_valid_before_utc.isoformat(timespec="minutes"),
        not_after=cert.not_valid_after_utc.isoformat(timespec="minutes"),
        issuer=certs.name_part(cert.issuer, NameOID.COMMON_NAME),
        self_signed=cert.issuer == cert.subject,
        protection=protection,
    )


def create_identity(
    data_dir: Path,
    name: str,
    email: str,
    school: str = "",
    passphrase: PassphraseProvider | None = None,
    clock: Callable[[], datetime] = _now,
    *,
    replace: bool = False,
) -> IdentityInfo:
    """Make a key pair and a self-signed certificate for one person on this laptop.

    Raises InvalidInput for a missing name or a malformed email, AppError if an identity exists
    (unless ``replace``) or the key cannot be protected.
    """
    name, email = name.strip(), email.strip()
    if not name:
        raise InvalidInput("Give the name to print in signatures.")
    if email and ("@" not in email or " " in email):
        raise InvalidInput(f"'{email}' is not an email address.")
    cert_path, key_path = _paths(data_dir)
    if cert_path.exists() and not replace:
        raise AppError("This laptop already has a signing identity; 'peerwalk identity show' shows it.")
    key = certs.new_key()
    subject = certs.subject_for(name, email, school)
    cert = certs.person_certificate(subject, key.public_key(), key, subject, clock(), email)
    label = f"identity:{certs.fingerprint(cert)}"
    protection = seal(certs.key_pem(key), label, key_path, passphrase)
    cert_path.write_bytes(certs.pem(cert))
    return _info(cert, protection)


def _protection(key_path: Path) -> str:
    import json

    try:
        return str(json.loads(key_path.read_text(encoding="utf-8")).get("protection", "?"))
    except (OSError, ValueError):
        return "?"


def load_identity(data_dir: Path) -> IdentityInfo:
    cert_path, key_path = _paths(data_dir)
    return _info(_read_cert(cert_path), _protection(key_path))


def certificate_pem(data_dir: Path) -> bytes:
    cert_path, _ = _paths(data_dir)
    return certs.pem(_read_cert(cert_path))


def load_signer(data_dir: Path, passphrase: PassphraseProvider | None) -> tuple[Any, Any, list[Any]]:
    """(private key, certificate, chain) for signing. Raises AppError on a wrong passphrase."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    cert_path, key_path = _paths(data_dir)
    cert = _read_cert(cert_path)
    key = load_pem_private_key(unseal(key_path, passphrase), password=None)
    if key.public_key().public_numbers() != cert.public_key().public_numbers():
        raise AppError("The certificate on this laptop does not match its key; import the right certificate.")
    chain = [c for c in trusted_roots(data_dir) if c.subject == cert.issuer and cert.issuer != cert.subject]
    return key, cert, chain


def import_issued_certificate(data_dir: Path, pem_bytes: bytes) -> IdentityInfo:
    """Replace this laptop's certificate with one a network CA issued for the same key."""
    from cryptography import x509

    cert_path, key_path = _paths(data_dir)
    current = _read_cert(cert_path)
    try:
        issued = x509.load_pem_x509_certificate(pem_bytes)
    except ValueError:
        raise InvalidInput("That file is not a certificate (PEM).") from None
    if issued.public_key().public_numbers() != current.public_key().public_numbers():
        raise InvalidInput("That certificate was issued for someone else's key, not this laptop's identity.")
    cert_path.write_bytes(certs.pem(issued))
    return _info(issued, _protection(key_path))


# --- a network's own small root CA -------------------------------------------------------


def _ca_paths(data_dir: Path) -> tuple[Path, Path]:
    return data_dir / "network-ca" / "ca.pem", data_dir / "network-ca" / "ca-key.json"


def create_network_ca(data_dir: Path, network: str, passphrase: PassphraseProvider | None = None, clock: Callable[[], datetime] = _now) -> IdentityInfo:
    """Create a root certificate for a network and trust it here. Raises AppError if one exists."""
    network = network.strip()
    if not network:
        raise InvalidInput("Give the network's name.")
    cert_path, key_path = _ca_paths(data_dir)
    if cert_path.exists():
        raise AppError("This laptop already runs a network root certificate.")
    key = certs.new_key()
    cert = certs.ca_certificate(network, key, clock())
    protection = seal(certs.key_pem(key), f"network-ca:{certs.fingerprint(cert)}", key_path, passphrase)
    cert_path.write_bytes(certs.pem(cert))
    trust_root(data_dir, certs.pem(cert))
    return _info(cert, protection)


def issue_certificate(data_dir: Path, request_pem: bytes, passphrase: PassphraseProvider | None, clock: Callable[[], datetime] = _now) -> bytes:
    """Issue, under this laptop's network CA, a certificate for the key and name in a member's
    (self-signed) certificate. Raises InvalidInput for a file that is not a certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import load_pem_private_key
    from cryptography.x509.oid import NameOID

    cert_path, key_path = _ca_paths(data_dir)
    if not cert_path.exists():
        raise AppError("This laptop does not run a network root; create one with 'peerwalk network-ca create'.")
    try:
        member = x509.load_pem_x509_certificate(request_pem)
    except ValueError:
        raise InvalidInput("That file is not a certificate (PEM); ask the member for 'peerwalk identity export-cert'.") from None
    if certs.is_ca(member):
        raise InvalidInput("That is a root certificate, not a person's certificate.")
    ca_cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    ca_key = load_pem_private_key(unseal(key_path, passphrase), password=None)
    email = certs.name_part(member.subject, NameOID.EMAIL_ADDRESS)
    issued = certs.person_certificate(member.subject, member.public_key(), ca_key, ca_cert.subject, clock(), email)
    return certs.pem(issued)


def trust_root(data_dir: Path, pem_bytes: bytes) -> IdentityInfo:
    """Trust a network root certificate on this laptop. Raises InvalidInput for non-CA files."""
    from cryptography import x509

    try:
        cert = x509.load_pem_x509_certificate(pem_bytes)
    except ValueError:
        raise InvalidInput("That file is not a certificate (PEM).") from None
    if not certs.is_ca(cert):
        raise InvalidInput("That is a person's certificate, not a network root; only roots can be trusted.")
    folder = data_dir / "trust"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / (certs.fingerprint(cert).replace(":", "") + ".pem")).write_bytes(certs.pem(cert))
    return _info(cert, "public")


def trusted_roots(data_dir: Path) -> list[Any]:
    from cryptography import x509

    folder = data_dir / "trust"
    roots = []
    for path in sorted(folder.glob("*.pem")) if folder.exists() else []:
        try:
            roots.append(x509.load_pem_x509_certificate(path.read_bytes()))
        except ValueError:
            continue
    return roots

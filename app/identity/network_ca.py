"""A network's own small root CA, and the roots this laptop trusts.

One coordinator laptop runs the root (``network-ca/``); it re-issues each member's certificate
(same public key, same name) so that partners' signatures show as trusted once they have
imported the one root certificate (``trust/<fingerprint>.pem``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import AppError, InvalidInput, NoNetworkRoot
from app.identity.keystore import PassphraseProvider, seal, unseal

if TYPE_CHECKING:
    from app.identity import IdentityInfo


def _now() -> datetime:
    return datetime.now(UTC)


def _ca_paths(data_dir: Path) -> tuple[Path, Path]:
    return data_dir / "network-ca" / "ca.pem", data_dir / "network-ca" / "ca-key.enc"


def _ca_key_path(data_dir: Path) -> Path:
    _, key_path = _ca_paths(data_dir)
    legacy = key_path.with_name("ca-key.json")  # written by the first versions
    return legacy if not key_path.exists() and legacy.exists() else key_path


def _load_pem(pem_bytes: bytes, what: str = "That file is not a certificate (PEM).") -> Any:
    from cryptography import x509

    try:
        return x509.load_pem_x509_certificate(pem_bytes)
    except ValueError:
        raise InvalidInput(what) from None


def create_network_ca(
    data_dir: Path,
    network_name: str,
    passphrase_provider: PassphraseProvider | None = None,
    clock: Callable[[], datetime] = _now,
) -> IdentityInfo:
    """Create a root certificate for a network (key sealed like an identity's) and trust it
    here. Raises InvalidInput for an empty name, AppError if this laptop already runs one."""
    from app.identity import certificates as certs
    from app.identity import info_of

    network_name = network_name.strip()
    if not network_name:
        raise InvalidInput("Give the network's name.")
    cert_path, key_path = _ca_paths(data_dir)
    if cert_path.exists():
        raise AppError("This laptop already runs a network root certificate.")
    key = certs.new_key()
    cert = certs.ca_certificate(network_name, key, clock())
    protection = seal(
        certs.key_pem(key), f"network-ca:{certs.fingerprint(cert)}", key_path, passphrase_provider
    )
    cert_path.write_bytes(certs.pem(cert))
    trust_root(data_dir, certs.pem(cert))
    return info_of(cert, protection)


def network_ca_pem(data_dir: Path) -> bytes:
    """The root certificate this laptop runs (public, to hand to members). Raises NotFound."""
    cert_path, _ = _ca_paths(data_dir)
    try:
        return cert_path.read_bytes()
    except FileNotFoundError:
        raise NoNetworkRoot("This laptop does not run a network root yet.") from None


def issue_certificate(
    data_dir: Path,
    cert_pem_bytes: bytes,
    passphrase_provider: PassphraseProvider | None,
    clock: Callable[[], datetime] = _now,
) -> bytes:
    """Issue, under this laptop's network root, a certificate for the public key and name in a
    member's self-signed certificate (it acts as the request; its signature proves the member
    holds the key). Same key usages as a self-signed identity. Returns PEM.

    Raises NotFound without a root here, InvalidInput for a file that is not a person's sound
    self-signed certificate, and the keystore's errors when the root's key cannot be opened.
    """
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import load_pem_private_key
    from cryptography.x509.oid import NameOID

    from app.identity import certificates as certs

    ca_cert = _load_pem(network_ca_pem(data_dir))
    member = _load_pem(
        cert_pem_bytes,
        "That file is not a certificate (PEM); ask the member for their exported certificate.",
    )
    if certs.is_ca(member):
        raise InvalidInput("That is a root certificate, not a person's certificate.")
    if member.issuer == member.subject and not certs.is_self_signed_and_sound(member):
        raise InvalidInput(
            "That certificate's own signature does not check; ask the member to export it again."
        )
    if member.issuer not in (member.subject, ca_cert.subject):
        raise InvalidInput(
            "That certificate was issued by another network; ask the member for their own "
            "(self-signed) certificate."
        )
    try:
        ca_key = load_pem_private_key(
            unseal(_ca_key_path(data_dir), passphrase_provider), password=None
        )
    except (ValueError, TypeError):
        raise AppError("The network root's key file is damaged.") from None
    if not isinstance(ca_key, ec.EllipticCurvePrivateKey):
        raise AppError("The network root's key file is damaged.")
    email = certs.name_part(member.subject, NameOID.EMAIL_ADDRESS)
    issued = certs.person_certificate(
        member.subject, member.public_key(), ca_key, ca_cert.subject, clock(), email
    )
    return certs.pem(issued)


def trust_root(data_dir: Path, pem_bytes: bytes) -> IdentityInfo:
    """Trust a network root certificate on this laptop (idempotent). Raises InvalidInput for a
    file that is not a certificate, a person's certificate, or a root whose signature fails."""
    from app.identity import certificates as certs
    from app.identity import info_of

    cert = _load_pem(pem_bytes)
    if not certs.is_ca(cert):
        raise InvalidInput(
            "That is a person's certificate, not a network root; only roots can be trusted."
        )
    if not certs.is_self_signed_and_sound(cert):
        raise InvalidInput(
            "That certificate is not a sound root (it is not self-signed, or its signature fails)."
        )
    folder = data_dir / "trust"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / (certs.fingerprint(cert).replace(":", "") + ".pem")).write_bytes(certs.pem(cert))
    return info_of(cert, "public")


def trusted_roots(data_dir: Path) -> list[Any]:
    """The roots this laptop trusts (cryptography certificates); unreadable files are skipped."""
    from cryptography import x509

    folder = data_dir / "trust"
    roots = []
    for path in sorted(folder.glob("*.pem")) if folder.exists() else []:
        try:
            roots.append(x509.load_pem_x509_certificate(path.read_bytes()))
        except (OSError, ValueError):
            continue
    return roots

"""Partners' certificates trusted by hand on this laptop (``identity trust-cert``).

For a partner whose certificate did not come in a package and is not issued by a network root
this laptop trusts: the person compares the fingerprint shown with the one the partner reads
out from ``identity show``, then trusts it. Kept as ``trust/people/<fingerprint>.pem`` in the
data folder (never synced: trusting is this laptop's own decision).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import InvalidInput

if TYPE_CHECKING:
    from app.identity import IdentityInfo


def _folder(data_dir: Path) -> Path:
    return data_dir / "trust" / "people"


def read_person_certificate(pem_bytes: bytes) -> IdentityInfo:
    """The facts of a person's certificate, to show before trusting it. Raises InvalidInput
    for a file that is not a certificate, a network root, or one not made for signing."""
    from cryptography import x509

    from app.identity import certificates as certs
    from app.identity import info_of

    try:
        cert = x509.load_pem_x509_certificate(pem_bytes)
    except ValueError:
        raise InvalidInput(
            "That file is not a certificate (PEM); ask the partner to export their certificate "
            "from Peerwalk."
        ) from None
    if certs.is_ca(cert):
        raise InvalidInput(
            "That is a network root certificate; trust it as this network's root instead."
        )
    if not certs.can_sign_documents(cert):
        raise InvalidInput("That certificate is not for signing documents.")
    if cert.issuer == cert.subject and not certs.is_self_signed_and_sound(cert):
        raise InvalidInput(
            "That certificate's own signature does not check; ask the partner to export it again."
        )
    return info_of(cert, "public")


def trust_person_certificate(data_dir: Path, pem_bytes: bytes) -> IdentityInfo:
    """Trust a partner's signing certificate on this laptop (idempotent). Same refusals as
    :func:`read_person_certificate`."""
    from cryptography import x509

    from app.identity import certificates as certs

    info = read_person_certificate(pem_bytes)
    cert = x509.load_pem_x509_certificate(pem_bytes)
    folder = _folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (info.fingerprint.replace(":", "") + ".pem")
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(certs.pem(cert))
    tmp.replace(path)
    return info


def trusted_person_certificates(data_dir: Path) -> list[Any]:
    """Certificates trusted by hand (cryptography objects); unreadable files are skipped."""
    from cryptography import x509

    folder = _folder(data_dir)
    out = []
    for path in sorted(folder.glob("*.pem")) if folder.exists() else []:
        try:
            out.append(x509.load_pem_x509_certificate(path.read_bytes()))
        except (OSError, ValueError):
            continue
    return out

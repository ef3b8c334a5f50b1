"""A network's root CA: issue a member's certificate, import it, trust the root; refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509

from app.errors import AppError, InvalidInput, NotFound
from app.identity import (
    certificate_pem,
    create_identity,
    create_network_ca,
    import_issued_certificate,
    issue_certificate,
    load_identity,
    load_signer,
    network_ca_pem,
    trust_root,
    trusted_roots,
)


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    ca_dir, member = tmp_path / "coordinator", tmp_path / "member"
    create_network_ca(ca_dir, "Essex Secondary Triad")
    create_identity(member, "Trevor Mayhew", "trevor@x.example", "137450")
    return ca_dir, member


def test_issue_import_and_trust(dirs: tuple[Path, Path]) -> None:
    ca_dir, member = dirs
    before = load_identity(member)
    issued = issue_certificate(ca_dir, certificate_pem(member), None)
    cert = x509.load_pem_x509_certificate(issued)
    root = x509.load_pem_x509_certificate(network_ca_pem(ca_dir))
    cert.verify_directly_issued_by(root)
    assert cert.subject == x509.load_pem_x509_certificate(certificate_pem(member)).subject
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    info = import_issued_certificate(member, issued)
    assert not info.self_signed and info.issuer == "Essex Secondary Triad signing root"
    assert (
        info.name == before.name
        and info.school == "137450"
        and info.fingerprint != before.fingerprint
    )
    assert load_signer(member, None).chain == []  # the root is not trusted here yet
    trust_root(member, network_ca_pem(ca_dir))
    trust_root(member, network_ca_pem(ca_dir))  # idempotent
    assert [r.subject for r in trusted_roots(member)] == [root.subject]
    assert [c.subject for c in load_signer(member, None).chain] == [root.subject]
    assert len(trusted_roots(ca_dir)) == 1  # the coordinator trusts its own root


def test_refusals(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    ca_dir, member = dirs
    with pytest.raises(InvalidInput, match="not a network root"):
        trust_root(member, certificate_pem(member))
    with pytest.raises(InvalidInput, match="not a certificate"):
        trust_root(member, b"hello")
    with pytest.raises(InvalidInput, match="root certificate, not a person's"):
        issue_certificate(ca_dir, network_ca_pem(ca_dir), None)
    with pytest.raises(InvalidInput, match="network root certificate"):
        import_issued_certificate(member, network_ca_pem(ca_dir))
    with pytest.raises(NotFound, match="does not run a network root"):
        issue_certificate(member, certificate_pem(member), None)
    with pytest.raises(AppError, match="already runs"):
        create_network_ca(ca_dir, "Again")
    with pytest.raises(InvalidInput, match="network's name"):
        create_network_ca(tmp_path / "x", "  ")


def test_a_tampered_member_certificate_is_refused(dirs: tuple[Path, Path]) -> None:
    """The member's self-signature proves they hold the key; a swapped name breaks it."""
    ca_dir, member = dirs
    from cryptography.hazmat.primitives.serialization import Encoding

    der = x509.load_pem_x509_certificate(certificate_pem(member)).public_bytes(Encoding.DER)
    assert der.count(b"Trevor") == 2  # subject and issuer
    forged = x509.load_der_x509_certificate(der.replace(b"Trevor", b"Mallet")).public_bytes(
        Encoding.PEM
    )
    with pytest.raises(InvalidInput, match="own signature does not check"):
        issue_certificate(ca_dir, forged, None)

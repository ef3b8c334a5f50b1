"""Partners' signing certificates learnt from packages: a laptop's own school's certificate is
trusted by its partners; one a laptop publishes in another school's name is not."""

from __future__ import annotations

from pathlib import Path

from app.identity import certificate_pem, create_identity
from app.identity.certificates import fingerprint
from app.models import Setting, SigningCertificate
from app.services.certificates import publish_certificate, record_id
from app.services.demo import demo_id
from app.services.trust import published_certificates
from tests.sync.laptops import Laptop, TickingClock


def test_only_a_schools_own_laptops_vouch_for_its_people(tmp_path: Path) -> None:
    from cryptography import x509

    clock = TickingClock()
    rob = Laptop(tmp_path, "Rob Ellis", "137450", clock=clock)
    claire = Laptop(tmp_path, "Claire Goodwin", "137451", clock=clock)
    create_identity(rob.dir, "Rob Ellis", "rob@x.example", "Blackwater Academy (137450)")
    stranger = tmp_path / "stranger"
    create_identity(stranger, "Claire Goodwin", "c@x.example", "Colne Valley High School (137451)")
    rob.do(publish_certificate, certificate_pem(rob.dir))
    forged_pem = certificate_pem(stranger)
    forged_fp = fingerprint(x509.load_pem_x509_certificate(forged_pem))

    def forge(s):  # type: ignore[no-untyped-def]
        s.add(
            SigningCertificate(
                id=record_id(forged_fp),
                school_id="137451",
                person_id=demo_id("person", "claire"),
                fingerprint=forged_fp,
                pem=forged_pem.decode(),
            )
        )

    import pytest

    from app.errors import NotEntitled

    claire.import_(rob.export_for(claire))  # Rob's own certificate, published by his school
    rob.do(forge)
    with pytest.raises(
        NotEntitled, match="publish a signing certificate for Colne Valley High School"
    ):
        claire.import_(rob.export_for(claire))  # docs/authority.md: refused whole
    with claire.db.read() as s:
        assert s.get(SigningCertificate, record_id(forged_fp)) is None
        known = published_certificates(s)
    rob_fp = fingerprint(x509.load_pem_x509_certificate(certificate_pem(rob.dir)))
    assert [(k.fingerprint, k.person_id, k.school_id) for k in known] == [
        (rob_fp, demo_id("person", "rob"), "137450")
    ]
    assert known[0].source == "published by Blackwater Academy's laptop"
    with rob.db.read() as s:  # nor on the laptop that made it: it is not of that school
        assert [k.fingerprint for k in published_certificates(s)] == [rob_fp]
    rob.close()
    claire.close()


def test_publishing_needs_a_school_and_is_idempotent(tmp_path: Path) -> None:
    laptop = Laptop(tmp_path, "Rob Ellis", "137450")
    create_identity(laptop.dir, "Rob Ellis", "rob@x.example", "Blackwater Academy (137450)")
    pem = certificate_pem(laptop.dir)
    first = laptop.do(publish_certificate, pem)
    assert laptop.do(publish_certificate, pem) == first
    with laptop.db.read() as s:
        assert s.query(SigningCertificate).count() == 1
    other = tmp_path / "other"
    create_identity(other, "Claire Goodwin", "c@x.example", "Colne Valley High School (137451)")
    assert laptop.do(publish_certificate, certificate_pem(other)) is None  # another school's
    bare = Laptop(tmp_path / "bare", "Nobody Here", "137450")
    with bare.db.transaction() as s:
        s.query(Setting).filter_by(key="school_id").delete()
    assert (
        bare.do(publish_certificate, pem) is None
    )  # a laptop that says no school publishes nothing
    bare.close()
    laptop.close()

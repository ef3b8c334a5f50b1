"""Who may receive what, and packages sealed for their recipients."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest

from app.errors import AppError
from app.services import exchange
from app.services.demo import demo_id
from app.sync import keys as sitekeys
from tests.conftest import db_fingerprint
from tests.sync.laptops import Laptop

TECH = demo_id("review", "tech")  # host Colne Valley; team Blackwater + Stour Vale; host-only
BRO_WYR = demo_id("review", "bro-wyr")  # shared with its network (the Welsh SIG)


def _package_text(path: Path) -> str:
    """Everything in the package, the batches' (gzip) lines unpacked."""
    import gzip

    with zipfile.ZipFile(path) as z:
        return "\n".join(
            (gzip.decompress(z.read(n)) if n.endswith(".gz") else z.read(n)).decode(
                "utf-8", "replace"
            )
            for n in z.namelist()
        )


def test_a_school_outside_the_team_gets_none_of_the_review(tmp_path: Path) -> None:
    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    outsider = Laptop(
        tmp_path, "Nadia Rahman", "105520"
    )  # Manchester, not in the Technology review
    host = Laptop(tmp_path, "Claire Goodwin", "137451")
    for_outsider = rob.export_for(outsider)
    text = _package_text(for_outsider)
    assert TECH not in text
    assert "student becomes the teacher" not in text and "Y9 product design" not in text
    assert "Colne Valley High School" in text  # set-up (schools, people) is not confidential
    for_host = rob.export_for(host)
    assert "Y9 product design" in _package_text(for_host)
    welsh = Laptop(
        tmp_path, "Dafydd ap Siôn", "6614005"
    )  # in the SIG the Bro Ŵyr review is shared with
    assert "Patrymau iaith" in _package_text(rob.export_for(welsh))
    assert "Patrymau iaith" not in _package_text(
        rob.export_for(outsider, tmp_path / "again.peerwalk")
    )


def test_safeguarding_never_travels(tmp_path: Path) -> None:
    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    from app.services.capture import raise_safeguarding

    rob.do(
        raise_safeguarding, TECH, "A pupil disclosed something to Rob in the corridor", "Rob Ellis"
    )
    targets = [("137451", "host"), ("137452", "team"), ("105520", "outsider")]
    for school, name in targets:
        path = tmp_path / f"{name}.peerwalk"
        with rob.db.transaction() as s:
            exchange.export_package(s, rob.dir, path, for_school=school, full=True)
        text = _package_text(path)
        assert "disclosed" not in text and "Fire door" not in text and "propped open" not in text
        assert "safeguarding" not in text


def test_encrypted_for_a_partner_opens_only_for_them(tmp_path: Path) -> None:
    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")
    claire = Laptop(tmp_path, "Claire Goodwin", "137451")
    rob.import_(trevor.export_for(rob))  # Rob learns Trevor's public keys from his package
    sealed = tmp_path / "sealed.peerwalk"
    with rob.db.transaction() as s:
        exchange.export_package(s, rob.dir, sealed, for_school="137452", encrypt_to=["137452"])
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1")
    assert b"Colne" not in sealed.read_bytes()
    trevor.import_(sealed)
    claire_before = db_fingerprint(claire.dir)
    exchange_dir_has_keys = sitekeys.site_public(claire.dir)
    with pytest.raises(AppError):
        claire.import_(sealed)
    assert db_fingerprint(claire.dir) == claire_before
    assert exchange_dir_has_keys is None


def test_debian_age_decrypts_a_package(tmp_path: Path) -> None:
    """The encryption is standard age: the age tool opens it with the recipient's identity."""
    age = shutil.which("age")
    assert age, "age is installed by ./dev (Debian package 'age')"
    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")
    rob.import_(trevor.export_for(rob))
    sealed = tmp_path / "sealed.peerwalk"
    with rob.db.transaction() as s:
        exchange.export_package(s, rob.dir, sealed, for_school="137452", encrypt_to=["137452"])
    with trevor.db.read() as s:
        keys = sitekeys.load_or_create(trevor.dir, None, exchange.site_id(s))
    identity = tmp_path / "trevor.agekey"
    identity.write_text(keys.age_identity + "\n")
    identity.chmod(0o600)
    out = subprocess.run(
        [age, "-d", "-i", str(identity), str(sealed)], capture_output=True, check=True
    ).stdout
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        names = set(z.namelist())
        assert {"manifest.json", "manifest.sig"} <= names and any(
            n.startswith("ops/") for n in names
        )


def test_passphrase_packages(tmp_path: Path) -> None:
    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")
    sealed = tmp_path / "pw.peerwalk"
    with rob.db.transaction() as s:
        exchange.export_package(
            s, rob.dir, sealed, for_school="137452", package_passphrase="bro ŵyr rules"
        )
    before = db_fingerprint(trevor.dir)
    with pytest.raises(AppError, match="passphrase does not open"):
        trevor.import_(sealed, package_passphrase="wrong")
    assert db_fingerprint(trevor.dir) == before
    summary = trevor.import_(sealed, package_passphrase="bro ŵyr rules")
    assert summary["new_changes"] > 0


def test_large_package_warns_for_email(tmp_path: Path) -> None:
    from PIL import Image

    from app.services.capture import add_note
    from app.services.reviews import plan_review

    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    review = rob.do(
        plan_review, host="137452", start=date(2026, 12, 1), focus=["Work"], reviewers=["Rob Ellis"]
    )
    import random

    rng = random.Random(1)
    for i in range(12):
        p = tmp_path / f"p{i}.png"
        Image.frombytes("RGB", (1900, 1900), rng.randbytes(1900 * 1900 * 3)).save(p)
        rob.do(
            add_note,
            review,
            focus="Work",
            kind="strength",
            text=f"book {i}",
            activity="work-scrutiny",
            photos=[p],
            data_dir=rob.dir,
        )
    with rob.db.transaction() as s:
        result = exchange.export_package(s, rob.dir, tmp_path / "big.peerwalk", for_school="137452")
    assert result.photos == 12 and result.bytes > 20 * 1024 * 1024
    assert "too large for most email" in result.warning and "12 photos" in result.warning

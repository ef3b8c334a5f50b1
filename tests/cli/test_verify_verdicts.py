"""The demo Technology review, signed by its writer (Rob Ellis, Blackwater Academy 137450)
and countersigned by the host headteacher (Claire Goodwin, Colne Valley High School 137451),
checked by the real program on laptops that learnt each other's certificates from packages.

The genuine report verifies (exit 0) and pdfsig says both signatures are valid. Each forgery
is intact, so pdfsig would pass it too, but ``verify`` exits 3 with a sentence saying who and
why; a title changed after signing exits 1."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.identity import certificate_pem, create_identity, load_signer
from app.identity.certificates import fingerprint
from app.reports.signoff import SignOff
from app.services.demo import demo_id
from tests.conftest import MemoryKeyring, assert_one_line_error, cli_env, run_peerwalk
from tests.sync.laptops import Laptop, TickingClock
from tests.unit.reports.pdfs import change_title, sign_with_forged_stamp

TECH = demo_id("review", "tech")
PHRASE = "a long enough passphrase"
ENV = cli_env(PEERWALK_PASSPHRASE=PHRASE)


def _phrase(_kind: str) -> str:
    return PHRASE


@dataclass
class World:
    base: Path
    rob: Path  # data folders
    claire: Path
    report: Path  # signed by Rob
    both: Path  # and countersigned by Claire

    def short(self, data_dir: Path) -> str:
        """The short fingerprint a sentence shows for an identity's certificate."""
        return ":".join(fingerprint(load_signer(data_dir, _phrase).cert).split(":")[:8]) + "…"


def _identity(folder: Path, name: str, email: str, school: str) -> None:
    """A passphrase-protected identity (the real program below has no keychain)."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        create_identity(folder, name, email, school, _phrase)
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    import keyring

    from app.services.certificates import publish_certificate

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())  # the laptops' package keys
    base = tmp_path_factory.mktemp("verdicts")
    clock = TickingClock()
    rob = Laptop(base, "Rob Ellis", "137450", clock=clock)
    claire = Laptop(base, "Claire Goodwin", "137451", clock=clock)
    try:
        _identity(
            rob.dir, "Rob Ellis", "rob.ellis@blackwater.example", "Blackwater Academy (137450)"
        )
        _identity(
            claire.dir,
            "Claire Goodwin",
            "claire.goodwin@colnevalley.example",
            "Colne Valley High School (137451)",
        )
        for laptop in (rob, claire):
            laptop.do(publish_certificate, certificate_pem(laptop.dir))
        claire.import_(rob.export_for(claire))
        rob.import_(claire.export_for(rob))
    finally:
        rob.close()
        claire.close()
        keyring.set_keyring(previous)
    report, both = base / "tech.pdf", base / "tech-countersigned.pdf"
    r = run_peerwalk(rob.dir, "report", TECH, "-o", str(report), env=ENV)
    assert r.code == 0, r.err
    r = run_peerwalk(claire.dir, "--json", "sign", str(report), "-o", str(both), env=ENV)
    assert r.code == 0, r.err
    assert r.json()["field"] == "host-headteacher"
    return World(base, rob.dir, claire.dir, report, both)


def _verify(data: Path, pdf: Path) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    r = run_peerwalk(data, "--json", "verify", str(pdf))
    return r.code, r.json() if r.out.strip() else {}, r.err


def test_certificates_travel_in_packages(world: World) -> None:
    import sqlite3

    con = sqlite3.connect(world.claire / "peerwalk.db")
    try:
        rows = con.execute(
            "SELECT person_id, school_id FROM signing_certificates WHERE deleted = 0 ORDER BY "
            "school_id"
        ).fetchall()
    finally:
        con.close()
    assert rows == [(demo_id("person", "rob"), "137450"), (demo_id("person", "claire"), "137451")]


def test_the_genuine_report_verifies_on_both_laptops(world: World) -> None:
    for data, trust in (
        (world.rob, ["this-laptop", "partner"]),
        (world.claire, ["partner", "this-laptop"]),
    ):
        code, out, err = _verify(data, world.both)
        assert code == 0, err
        assert (
            out["outcome"] == "verified"
            and out["review_id"] == TECH
            and out["unsigned_fields"] == ["co-reviewer-1"]
        )
        sigs = out["signatures"]
        assert [(s["field"], s["signer"], s["box_for"], s["box_role"]) for s in sigs] == [
            ("writer", "Rob Ellis", "Rob Ellis", "writer"),
            ("host-headteacher", "Claire Goodwin", "Claire Goodwin", "host headteacher"),
        ]
        assert [s["trust"] for s in sigs] == trust
        assert all(
            s["intact"] and s["trusted"] and s["in_own_box"] and s["stamp_names_signer"]
            for s in sigs
        )
    r = run_peerwalk(world.rob, "verify", str(world.both))
    assert "host-headteacher (Claire Goodwin's box): signed by Claire Goodwin" in r.out
    assert "trusted (published by Colne Valley High School's laptop)" in r.out


def test_pdfsig_says_both_signatures_are_valid(world: World) -> None:
    assert shutil.which("pdfsig"), "pdfsig (poppler-utils) is installed by ./dev"
    out = subprocess.run(
        ["pdfsig", str(world.both)], capture_output=True, text=True, check=False
    ).stdout
    blocks = [b for b in out.split("Signature #")[1:] if "is not signed" not in b]
    assert len(blocks) == 2 and all(
        "Signature Validation: Signature is Valid." in b for b in blocks
    ), out


def test_a_laptop_that_learnt_nothing_cannot_tell_who_signed(world: World, tmp_path: Path) -> None:
    code, out, err = _verify(tmp_path / "fresh", world.both)
    assert code == 3 and out["outcome"] == "unvouched"
    assert err.strip() == (
        "peerwalk: The writer's box was signed by 'Rob Ellis' with a certificate this laptop "
        "does not trust "
        f"(self-signed; fingerprint {world.short(world.rob)}). 1 more signature also needs "
        "attention (see the list)."
    )


def test_an_unknown_self_signed_countersignature(world: World, tmp_path: Path) -> None:
    """A stranger's own tool signs the host headteacher's box with their own key."""
    from app.reports.signing import sign_pdf

    stranger = tmp_path / "stranger"
    _identity(stranger, "Dave Stranger", "dave@x.example", "")
    key, cert, chain = load_signer(stranger, _phrase)
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(
        sign_pdf(
            world.report.read_bytes(),
            key,
            cert,
            chain,
            field="host-headteacher",
            role="receiving headteacher",
            when=datetime.now(UTC),
        )
    )
    code, out, err = _verify(world.rob, forged)
    assert code == 3, err
    assert_one_line_error(run_peerwalk(world.rob, "verify", str(forged)), "host headteacher's box")
    assert err.strip() == (
        "peerwalk: The host headteacher's box is for Claire Goodwin of Colne Valley High School "
        "(137451), but it was signed by "
        "'Dave Stranger' with a certificate this laptop does not trust (self-signed; fingerprint "
        f"{world.short(stranger)})."
    )
    host = out["signatures"][1]
    assert host["intact"] and not host["trusted"] and not host["in_own_box"]


def test_a_strangers_certificate_named_like_the_host_head(world: World, tmp_path: Path) -> None:
    """A stranger runs `identity create --name 'Claire Goodwin'` (with her school) on their
    own laptop and signs her box with our own `sign`: the name fits, the certificate is not
    hers."""
    stranger = tmp_path / "stranger"
    assert run_peerwalk(stranger, "demo", env=ENV).code == 0
    r = run_peerwalk(
        stranger,
        "identity",
        "create",
        "--name",
        "Claire Goodwin",
        "--email",
        "claire.goodwin@colnevalley.example",
        "--school",
        "137451",
        env=ENV,
    )
    assert r.code == 0, r.err
    forged = tmp_path / "forged.pdf"
    r = run_peerwalk(
        stranger,
        "sign",
        str(world.report),
        "-o",
        str(forged),
        "--field",
        "host-headteacher",
        env=ENV,
    )
    assert r.code == 0, r.err
    code, out, err = _verify(world.rob, forged)
    assert code == 3
    assert err.strip() == (
        "peerwalk: The host headteacher's box was signed by 'Claire Goodwin' with a certificate "
        "this laptop does not trust "
        f"(self-signed; fingerprint {world.short(stranger)})."
    )
    assert [s["in_own_box"] for s in out["signatures"]] == [True, True] and not out["signatures"][
        1
    ]["trusted"]


def test_a_stamp_naming_someone_else(world: World, tmp_path: Path) -> None:
    """Claire's own certificate, in her own box, under a stamp that says Marcus Lowe signed."""
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(
        sign_with_forged_stamp(
            world.report.read_bytes(),
            world.claire,
            "host-headteacher",
            "Marcus Lowe",
            "headteacher",
            _phrase,
        )
    )
    code, out, err = _verify(world.rob, forged)
    assert code == 3
    assert err.strip().startswith(
        "peerwalk: The host headteacher's box was signed by 'Claire Goodwin', but its stamp reads "
        '"Marcus Lowe Digitally signed as headteacher'
    )
    assert err.strip().endswith(", which does not name them.")
    host = out["signatures"][1]
    assert host["trusted"] and host["in_own_box"] and not host["stamp_names_signer"]


def _forge_report(world: World, writer_dir: Path, signoff: SignOff | None = None) -> bytes:
    """A report of the Technology review produced by someone else's tool with
    ``writer_dir``'s key in the writer's box; ``signoff`` replaces whose each box is."""
    import sqlite3

    from app.reports.layout import render_report
    from app.reports.signing import prepare_signature_fields, sign_pdf
    from app.services.reporting import report_plan

    con = sqlite3.connect(world.claire / "peerwalk.db")
    try:
        data, real = report_plan(con, TECH)
    finally:
        con.close()
    signoff = signoff or real
    pdf, boxes = render_report(data, datetime.now(UTC))
    pdf = prepare_signature_fields(pdf, boxes, None, signoff)
    key, cert, chain = load_signer(writer_dir, _phrase)
    return sign_pdf(pdf, key, cert, chain, field="writer", role="writer", when=datetime.now(UTC))


def test_the_writers_box_signed_by_the_host(world: World, tmp_path: Path) -> None:
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(_forge_report(world, world.claire))
    code, out, err = _verify(world.rob, forged)
    assert code == 3
    assert (
        err.strip()
        == "peerwalk: The writer's box is for Rob Ellis of Blackwater Academy (137450), but it "
        "was signed by 'Claire Goodwin'."
    )
    writer = out["signatures"][0]
    assert writer["trusted"] and writer["intact"] and not writer["in_own_box"]


def test_the_writers_box_claimed_by_the_host(world: World, tmp_path: Path) -> None:
    """She writes herself in as the writer: the PDF is consistent with itself, but a laptop
    that knows the review knows who its writer is."""
    import sqlite3

    from app.services.report_source import signoff_for_review

    con = sqlite3.connect(world.claire / "peerwalk.db")
    try:
        real = signoff_for_review(con, TECH)
    finally:
        con.close()
    assert real is not None
    claire = next(b for b in real.boxes if b.role == "host-headteacher")
    boxes = (
        type(claire)(**{**claire.__dict__, "field": "writer", "role": "writer", "label": "Writer"}),
        *real.boxes[1:],
    )
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(_forge_report(world, world.claire, SignOff(TECH, boxes)))
    code, _out, err = _verify(world.rob, forged)
    assert code == 3
    assert (
        err.strip()
        == "peerwalk: The report says the writer's box is for Claire Goodwin, but for this review "
        "on this laptop it is for Rob Ellis."
    )


def test_a_title_changed_after_signing(world: World, tmp_path: Path) -> None:
    changed = tmp_path / "outstanding.pdf"
    changed.write_bytes(change_title(world.both.read_bytes(), "Outstanding in all areas"))
    r = run_peerwalk(world.rob, "verify", str(changed))
    assert r.code == 1 and r.out == ""
    assert_one_line_error(r, "The document's title was changed after Rob Ellis signed it.")

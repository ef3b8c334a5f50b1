"""A trusted partner that misbehaves: every claim in its packages is checked against who may
make it (docs/authority.md). The Manchester group of the demo: Rodney House hosts a
confidential (host-only) review visited by St Aidan's and Medlock; Irwell Bank is in the
network but not in that review.

Each hostile package is imported by the real program on a real laptop's data folder: it is
refused with one sentence, the database is unchanged row for row, and Rodney House's next
ordinary export to the attacker carries nothing of the review.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.services import exchange
from app.services.demo import demo_id
from app.sync import keys as sitekeys
from tests.conftest import ROOT, assert_one_line_error, cli_env, db_fingerprint, run_peerwalk
from tests.sync import forge
from tests.sync.laptops import Laptop

RODNEY, AIDAN, MEDLOCK, IRWELL = "105523", "105522", "105521", "105520"
REVIEW = demo_id("review", "mcr-rodney")  # host-only, hosted by Rodney House


def _site(lap: Laptop) -> tuple[str, sitekeys.SiteKeys, dict[str, str]]:
    with lap.db.read() as s:
        site = exchange.site_id(s)
    keys = sitekeys.load_or_create(lap.dir, None, site)
    sender = {
        "site_id": site,
        "public_key": keys.public_key,
        "name": lap.name,
        "school_id": lap.school,
        "age_recipient": keys.age_recipient,
    }
    return site, keys, sender


def _next_seq(lap: Laptop, site: str) -> int:
    con = sqlite3.connect(lap.dir / "peerwalk.db")
    try:
        return (
            con.execute("SELECT max(seq) FROM changes WHERE site_id = ?", (site,)).fetchone()[0]
            or 0
        ) + 1000
    finally:
        con.close()


def _review_scopes(package: Path) -> set[str]:
    with zipfile.ZipFile(package) as z:
        return {b["scope"] for b in json.loads(z.read("manifest.json"))["batches"]}


@pytest.fixture
def group(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Rodney House has met (and trusted) all three partners; they have met Rodney House."""
    laps = {
        "rodney": Laptop(tmp_path, "Marcus Lowe", RODNEY),
        "aidan": Laptop(tmp_path, "Bernadette Quinn", AIDAN),
        "medlock": Laptop(tmp_path, "Owen Kelly", MEDLOCK),
        "irwell": Laptop(tmp_path, "Nadia Rahman", IRWELL),
    }
    for name in ("aidan", "medlock", "irwell"):
        laps["rodney"].import_(laps[name].export_for(laps["rodney"]))
        laps[name].import_(laps["rodney"].export_for(laps[name]))
    yield laps
    for lap in laps.values():
        lap.close()


def _refused(lap: Laptop, package: Path, *fragments: str) -> None:
    before = db_fingerprint(lap.dir)
    result = run_peerwalk(lap.dir, "import", str(package), "--trust-new-sender")
    assert_one_line_error(result, *fragments)
    assert db_fingerprint(lap.dir) == before


def _attacker_gets_nothing_of_the_review(
    group: dict[str, Laptop], attacker: str, tmp_path: Path
) -> None:
    # Exported in-process: the laptop's package key is in the test keyring, not a real one.
    out = group["rodney"].export_for(
        group[attacker], tmp_path / f"to-{attacker}.peerwalk", full=True
    )
    assert REVIEW not in _review_scopes(out)
    assert REVIEW in _review_scopes(
        group["rodney"].export_for(group["aidan"], tmp_path / "to-team.peerwalk", full=True)
    )


def _forged(
    tmp_path: Path,
    lap: Laptop,
    ops: list[dict[str, Any]],
    *,
    scope: str,
    recipients: list[str],
    sender: dict[str, str] | None = None,
    sites: list[dict[str, str]] | None = None,
) -> Path:
    _, keys, me = _site(lap)
    path = tmp_path / f"forged-{uuid.uuid4().hex[:8]}.peerwalk"
    path.write_bytes(forge.package(keys, sender or me, recipients, ops, scope=scope, sites=sites))
    return path


def test_a_trusted_laptop_that_redeclares_its_school_is_not_believed(group, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Irwell Bank's laptop signs a normal package that says it now belongs to St Aidan's: the
    host refuses it until a person trusts it again, and its next package encrypted for
    St Aidan's is not encrypted to Irwell Bank's key."""
    irwell = group["irwell"]
    site, _, me = _site(irwell)
    school = forge.op(
        site,
        _next_seq(irwell, site),
        "schools",
        "999001",
        "*",
        {"id": "999001", "name": "A new school"},
        author="Nadia Rahman",
    )
    path = _forged(
        tmp_path,
        irwell,
        [school],
        scope="network",
        recipients=[RODNEY],
        sender={**me, "school_id": AIDAN},
    )
    before = db_fingerprint(group["rodney"].dir)
    result = run_peerwalk(group["rodney"].dir, "import", str(path))
    assert_one_line_error(
        result, "now says it belongs to St Aidan's", "nothing was imported", "fingerprint"
    )
    assert db_fingerprint(group["rodney"].dir) == before
    sealed = group["rodney"].export_for(
        group["aidan"], tmp_path / "for-aidan.peerwalk", encrypt_to=[AIDAN], full=True
    )
    import pyrage

    _, irwell_keys, _ = _site(irwell)
    _, aidan_keys, _ = _site(group["aidan"])
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(
            sealed.read_bytes(), [pyrage.x25519.Identity.from_str(irwell_keys.age_identity)]
        )
    assert pyrage.decrypt(
        sealed.read_bytes(), [pyrage.x25519.Identity.from_str(aidan_keys.age_identity)]
    ).startswith(b"PK")


def test_a_partner_cannot_move_a_visiting_reviewer_into_its_own_school(
    group, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    irwell = group["irwell"]
    site, _, _ = _site(irwell)
    move = forge.op(
        site,
        _next_seq(irwell, site),
        "people",
        demo_id("person", "bernadette"),
        "school_id",
        IRWELL,
    )
    _refused(
        group["rodney"],
        _forged(tmp_path, irwell, [move], scope="network", recipients=[RODNEY]),
        "Nadia Rahman",
        "change Bernadette Quinn's school",
        "St Aidan's",
    )
    _attacker_gets_nothing_of_the_review(group, "irwell", tmp_path)


def test_a_visiting_school_cannot_widen_where_the_review_goes(group, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aidan = group["aidan"]
    site, _, _ = _site(aidan)
    widen = forge.op(site, _next_seq(aidan, site), "reviews", REVIEW, "distribution", "network")
    _refused(
        group["rodney"],
        _forged(tmp_path, aidan, [widen], scope=REVIEW, recipients=[RODNEY]),
        "Bernadette Quinn",
        "change where the review",
        "host school",
    )
    _attacker_gets_nothing_of_the_review(group, "irwell", tmp_path)


def test_an_outsider_cannot_add_itself_to_a_review_team(group, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    irwell = group["irwell"]
    site, _, _ = _site(irwell)
    row = str(uuid.uuid4())
    join = forge.op(
        site,
        _next_seq(irwell, site),
        "review_team",
        row,
        "*",
        {
            "id": row,
            "review_id": REVIEW,
            "person_id": demo_id("person", "nadia"),
            "role": "reviewer",
        },
    )
    _refused(
        group["rodney"],
        _forged(tmp_path, irwell, [join], scope=REVIEW, recipients=[RODNEY]),
        "Nadia Rahman",
        "change the team of the review",
        "host school",
    )
    _attacker_gets_nothing_of_the_review(group, "irwell", tmp_path)


def test_an_outsider_cannot_write_in_a_review(group, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    irwell = group["irwell"]
    site, _, _ = _site(irwell)
    con = sqlite3.connect(group["rodney"].dir / "peerwalk.db")
    note = con.execute("SELECT id FROM notes WHERE review_id = ? LIMIT 1", (REVIEW,)).fetchone()[0]
    con.close()
    edit = forge.op(
        site,
        _next_seq(irwell, site),
        "notes",
        note,
        "text",
        "Rewritten by a school outside the review",
    )
    _refused(
        group["rodney"],
        _forged(tmp_path, irwell, [edit], scope=REVIEW, recipients=[RODNEY]),
        "write in the review",
        "visiting team",
    )


def test_a_visiting_school_may_still_write_in_the_review(group, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The control for the refusals above: the same route with a change the team may make."""
    aidan = group["aidan"]
    site, _, _ = _site(aidan)
    con = sqlite3.connect(group["rodney"].dir / "peerwalk.db")
    note = con.execute("SELECT id FROM notes WHERE review_id = ? LIMIT 1", (REVIEW,)).fetchone()[0]
    con.close()
    edit = forge.op(
        site, _next_seq(aidan, site), "notes", note, "text", "Corrected by the visiting team"
    )
    result = run_peerwalk(
        group["rodney"].dir,
        "--json",
        "import",
        str(_forged(tmp_path, aidan, [edit], scope=REVIEW, recipients=[RODNEY])),
    )
    assert result.code == 0, result.err
    assert result.json()["updated"] == {"notes": 1}


def test_a_relayer_cannot_plant_a_key_for_a_laptop_the_receiver_has_not_met(tmp_path: Path) -> None:
    """Medlock relays "Rodney House's" changes, signed with a key of its own, to St Aidan's,
    which has never met Rodney House. They wait unapplied, the key is not pinned, and
    Rodney House's own package later goes in."""
    rodney = Laptop(tmp_path, "Marcus Lowe", RODNEY)
    medlock = Laptop(tmp_path, "Owen Kelly", MEDLOCK)
    aidan = Laptop(tmp_path, "Bernadette Quinn", AIDAN)
    aidan.import_(medlock.export_for(aidan))  # St Aidan's trusts Medlock
    rsite, _, _ = _site(rodney)
    _, mkeys, msender = _site(medlock)
    con = sqlite3.connect(aidan.dir / "peerwalk.db")
    note = con.execute("SELECT id FROM notes WHERE review_id = ? LIMIT 1", (REVIEW,)).fetchone()[0]
    con.close()
    forged = forge.op(rsite, 5_000, "notes", note, "text", "Forged in Rodney House's name")
    fake_rodney = {
        **msender,
        "site_id": rsite,
        "name": "Marcus Lowe",
        "school_id": RODNEY,
    }  # Medlock's own key
    path = tmp_path / "relay.peerwalk"
    path.write_bytes(
        forge.package(mkeys, msender, [AIDAN], [forged], scope=REVIEW, sites=[msender, fake_rodney])
    )
    result = run_peerwalk(aidan.dir, "--json", "import", str(path))
    assert result.code == 0, result.err
    summary = result.json()
    assert summary["new_changes"] == 0
    assert summary["waiting"] == [
        {
            "site_id": rsite,
            "name": "Marcus Lowe",
            "school_id": RODNEY,
            "relayed_by": "Owen Kelly",
            "changes": 1,
        }
    ]
    con = sqlite3.connect(aidan.dir / "peerwalk.db")
    assert (
        con.execute("SELECT text FROM notes WHERE id = ?", (note,)).fetchone()[0]
        != "Forged in Rodney House's name"
    )
    assert con.execute(
        "SELECT trusted, relayed_by FROM sites WHERE site_id = ?", (rsite,)
    ).fetchone() == (0, msender["site_id"])
    con.close()
    # Rodney House's genuine package is not locked out: trusted, it pins its own key.
    genuine = rodney.export_for(aidan)
    refused = run_peerwalk(aidan.dir, "import", str(genuine))
    assert_one_line_error(refused, "Marcus Lowe", "heard of only through Owen Kelly", "fingerprint")
    accepted = run_peerwalk(aidan.dir, "--json", "import", str(genuine), "--trust-new-sender")
    assert accepted.code == 0, accepted.err
    con = sqlite3.connect(aidan.dir / "peerwalk.db")
    _, rkeys, _ = _site(rodney)
    assert con.execute(
        "SELECT trusted, public_key FROM sites WHERE site_id = ?", (rsite,)
    ).fetchone() == (1, rkeys.public_key)
    assert (
        con.execute(
            "SELECT count(*) FROM changes WHERE value LIKE '%Forged in Rodney%'"
        ).fetchone()[0]
        == 0
    )
    con.close()
    for lap in (rodney, medlock, aidan):
        lap.close()


def test_a_strangers_large_package_is_refused_from_its_manifest_alone(tmp_path: Path) -> None:
    """A stranger's 60 MB package is refused without reading its changes or photos: the whole
    program stays under 100 MB of memory (it used to read, unzip and parse everything)."""
    target = Laptop(tmp_path, "Marcus Lowe", RODNEY)
    from app.models import School

    stranger = Laptop(
        tmp_path,
        "Stranger Danger",
        IRWELL,
        demo=False,
        setup=lambda s: s.add(School(id=IRWELL, name="Irwell Bank")),
    )
    site, keys, me = _site(stranger)
    ops = [
        forge.op(site, n, "schools", f"9{n:05d}", "*", {"id": f"9{n:05d}", "name": "x" * 200})
        for n in range(1, 60_001)
    ]
    raw = forge.package(keys, me, [RODNEY], ops)
    path = tmp_path / "big.peerwalk"
    with zipfile.ZipFile(path, "w") as z, zipfile.ZipFile(io.BytesIO(raw)) as src:
        manifest = json.loads(src.read("manifest.json"))
        blob = os.urandom(20 * 1024 * 1024)
        shas = []
        for i in range(3):
            data = blob + bytes([i])
            sha = hashlib.sha256(data).hexdigest()
            shas.append(sha)
            z.writestr(f"attachments/{sha}.jpg", data, zipfile.ZIP_STORED)
        manifest["attachments"] = [{"sha256": sha, "bytes": len(blob) + 1} for sha in shas]
        from app.sync.canonical import dumps

        mb = dumps(manifest)
        z.writestr("manifest.json", mb)
        z.writestr("manifest.sig", sitekeys.sign(keys, mb))
        for name in src.namelist():
            if name.startswith("ops"):
                z.writestr(name, src.read(name), zipfile.ZIP_STORED)
    assert path.stat().st_size > 60 * 1024 * 1024
    before = db_fingerprint(target.dir)
    code = (
        # VmHWM: this process's own peak (ru_maxrss would include the test's, kept across exec).
        "import re, runpy, sys; sys.argv = ['peerwalk', '--data-dir', sys.argv[1], 'import', "
        "sys.argv[2]]\n"
        "try:\n    runpy.run_module('app', run_name='__main__')\n"
        "except SystemExit as e:\n"
        "    peak = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
        "    print(peak, e.code, file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(target.dir), str(path)],
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    lines = proc.stderr.strip().splitlines()
    assert "has not trusted before" in lines[0], proc.stderr
    peak_kb, exit_code = lines[-1].split()
    assert exit_code != "0"
    assert int(peak_kb) < 100 * 1024, f"peak memory {int(peak_kb) // 1024} MB"
    assert db_fingerprint(target.dir) == before
    target.close()
    stranger.close()


def test_a_school_that_joins_a_network_gets_none_of_its_shared_reviews(tmp_path: Path) -> None:
    """Irwell Bank adds itself to the Welsh SIG, with which Bro Ŵyr shared its review. The
    membership may travel, but where the review goes is decided from the host's own data:
    Bro Ŵyr's next export to Irwell Bank carries nothing of it."""
    host = Laptop(tmp_path, "Siân Llywelyn", "6702345")
    irwell = Laptop(tmp_path, "Nadia Rahman", IRWELL)
    host.import_(irwell.export_for(host))
    site, _, _ = _site(irwell)
    con = sqlite3.connect(host.dir / "peerwalk.db")
    sig = con.execute("SELECT id FROM networks WHERE name LIKE 'Partneriaeth%'").fetchone()[0]
    con.close()
    from app.models import link_id

    member = link_id(sig, IRWELL)
    join = forge.op(
        site,
        _next_seq(irwell, site),
        "network_members",
        member,
        "*",
        {"id": member, "network_id": sig, "school_id": IRWELL},
    )
    result = run_peerwalk(
        host.dir,
        "--json",
        "import",
        str(_forged(tmp_path, irwell, [join], scope="network", recipients=["6702345"])),
    )
    assert result.code == 0, result.err
    shared = demo_id("review", "bro-wyr")
    out = host.export_for(irwell, tmp_path / "to-irwell.peerwalk", full=True)
    assert shared not in _review_scopes(out)
    welsh = Laptop(tmp_path, "Dafydd ap Siôn", "6614005")  # a member the host itself made
    assert shared in _review_scopes(
        host.export_for(welsh, tmp_path / "to-llanrug.peerwalk", full=True)
    )
    for lap in (host, irwell, welsh):
        lap.close()


def test_a_second_creation_cannot_delete_or_widen_what_it_repeats(group, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A "creation" of a visiting reviewer that repeats her record but adds deleted=true (a
    field her own creation left to its default) would be the only candidate for that field:
    it is judged as an edit, and refused."""
    irwell = group["irwell"]
    site, _, _ = _site(irwell)
    person = demo_id("person", "bernadette")
    con = sqlite3.connect(group["rodney"].dir / "peerwalk.db")
    original = json.loads(
        con.execute(
            "SELECT value FROM changes WHERE table_name = 'people' AND record_id = ? AND field = "
            "'*' LIMIT 1",
            (person,),
        ).fetchone()[0]
    )
    con.close()
    twin = forge.op(
        site, _next_seq(irwell, site), "people", person, "*", {**original, "deleted": True}
    )
    _refused(
        group["rodney"],
        _forged(tmp_path, irwell, [twin], scope="network", recipients=[RODNEY]),
        "Nadia Rahman",
        "Bernadette Quinn's deleted",
        "St Aidan's",
    )


def test_an_edit_of_a_record_not_seen_yet_is_judged_by_its_signed_label(
    group, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """An outsider's edit of a note the host has not received yet, labelled with the review:
    refused now, so it cannot win the note's text when the note itself arrives."""
    irwell = group["irwell"]
    site, _, _ = _site(irwell)
    edit = forge.op(
        site, _next_seq(irwell, site), "notes", str(uuid.uuid4()), "text", "Waiting to win later"
    )
    _refused(
        group["rodney"],
        _forged(tmp_path, irwell, [edit], scope=REVIEW, recipients=[RODNEY]),
        "write in the review",
        "visiting team",
    )

"""Packages that pass every signature check but carry changes this laptop must not apply: a
trusted partner's laptop that is buggy, restored from an old backup, or in the wrong hands.
Each is refused before anything is written, with one sentence, and the database is unchanged."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from app.errors import AppError
from app.services import exchange
from app.services.demo import demo_id
from app.sync import keys as sitekeys
from tests.conftest import db_fingerprint
from tests.sync import forge
from tests.sync.laptops import Laptop

TECH = demo_id("review", "tech")


@pytest.fixture(scope="module")
def pair(tmp_path_factory):  # type: ignore[no-untyped-def]
    import keyring

    from tests.conftest import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    root = tmp_path_factory.mktemp("signed")
    rob = Laptop(root, "Rob Ellis", "137450")
    trevor = Laptop(root, "Trevor Mayhew", "137452")
    trevor.import_(rob.export_for(trevor))  # Trevor trusts Rob from here on
    with rob.db.read() as s:
        site = exchange.site_id(s)
    keys = sitekeys.load_or_create(rob.dir, None, site)
    con = sqlite3.connect(trevor.dir / "peerwalk.db")
    note = con.execute("SELECT id FROM notes WHERE review_id = ? LIMIT 1", (TECH,)).fetchone()[0]
    top = con.execute("SELECT max(seq) FROM changes WHERE site_id = ?", (site,)).fetchone()[0]
    con.close()
    sender = {
        "site_id": site,
        "public_key": keys.public_key,
        "name": "Rob Ellis",
        "school_id": "137450",
        "age_recipient": keys.age_recipient,
    }
    yield {
        "rob": rob,
        "trevor": trevor,
        "keys": keys,
        "site": site,
        "sender": sender,
        "note": note,
        "next": top + 1000,
        "root": root,
    }
    rob.close()
    trevor.close()
    keyring.set_keyring(previous)


def _note_edit(
    w: dict[str, Any], field: str, value: Any, **kw: Any
) -> tuple[list[dict[str, Any]], str]:
    return [forge.op(w["site"], w["next"], "notes", w["note"], field, value, **kw)], TECH


CASES: dict[str, tuple[Any, str]] = {
    "clock-not-a-clock": (
        lambda w: _note_edit(w, "text", "x", hlc="yesterday"),
        "malformed change",
    ),
    "clock-in-year-3000": (
        lambda w: _note_edit(w, "text", "x", hlc=f"{32503680000000:013d}-00000-{w['site']}"),
        "malformed change",
    ),
    "clock-of-another-site": (
        lambda w: _note_edit(w, "text", "x", hlc=f"{forge.FORGED_MS:013d}-00000-{uuid.uuid4()}"),
        "claim to be from another",
    ),
    "text-is-a-number": (lambda w: _note_edit(w, "text", 12.5), "malformed change"),
    "date-is-not-a-date": (
        lambda w: _note_edit(w, "captured_at", "half past ten"),
        "malformed change",
    ),
    "boolean-is-a-word": (lambda w: _note_edit(w, "deleted", "yes"), "malformed change"),
    "required-field-emptied": (lambda w: _note_edit(w, "focus_id", None), "malformed change"),
    "note-moved-to-another-review": (
        lambda w: _note_edit(w, "review_id", demo_id("review", "bro-wyr")),
        "malformed change",
    ),
    "creation-missing-fields": (
        lambda w: (
            [
                forge.op(
                    w["site"],
                    w["next"],
                    "notes",
                    (n := str(uuid.uuid4())),
                    "*",
                    {"id": n, "text": "orphan"},
                )
            ],
            TECH,
        ),
        "malformed change",
    ),
    "nested-value": (
        lambda w: (
            [
                forge.op(
                    w["site"],
                    w["next"],
                    "schools",
                    "999999",
                    "*",
                    {"id": "999999", "name": {"en": ["x"]}},
                )
            ],
            "network",
        ),
        "malformed change",
    ),
    "same-change-twice": (
        lambda w: ((o := _note_edit(w, "text", "x")[0][0]) and [o, dict(o)], TECH),
        "same change twice",
    ),
    "number-reused-by-a-restored-laptop": (
        lambda w: (
            [forge.op(w["site"], 1, "notes", w["note"], "text", "from an old backup")],
            TECH,
        ),
        "restored from an old backup",
    ),
    "review-content-labelled-network": (
        lambda w: (*_note_edit(w, "text", "sent to everyone")[:1], "network"),
        "labels some of a review's changes",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_signed_but_wrong_is_refused_and_changes_nothing(pair, tmp_path: Path, case: str) -> None:  # type: ignore[no-untyped-def]
    make, message = CASES[case]
    ops, scope = make(pair)
    path = tmp_path / f"{case}.peerwalk"
    path.write_bytes(forge.package(pair["keys"], pair["sender"], ["137452"], ops, scope=scope))
    trevor = pair["trevor"]
    before = db_fingerprint(trevor.dir)
    with pytest.raises(AppError) as info:
        trevor.import_(path)
    assert message.lower() in str(info.value).lower()
    assert "\n" not in str(info.value)
    assert db_fingerprint(trevor.dir) == before


def test_a_correct_forged_package_is_accepted(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The control: the same hand-made route with a correct change goes in, so the refusals
    above are about their content."""
    ops, scope = _note_edit(pair, "text", "A well-formed edit")
    path = tmp_path / "ok.peerwalk"
    path.write_bytes(forge.package(pair["keys"], pair["sender"], ["137452"], ops, scope=scope))
    summary = pair["trevor"].import_(path)
    assert summary["new_changes"] == 1 and summary["updated"] == {"notes": 1}
    pair["next"] += 1


def test_a_relayer_cannot_redirect_encryption_to_its_own_key(tmp_path: Path) -> None:
    """Trevor relays a made-up laptop "of" Claire's school carrying his own age key. Rob must
    not encrypt for Claire to it, and a relayer cannot rename a laptop Rob already knows."""
    from app.errors import AppError as Refused

    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")
    rob.import_(trevor.export_for(rob))
    with trevor.db.read() as s:
        tsite = exchange.site_id(s)
    keys = sitekeys.load_or_create(trevor.dir, None, tsite)
    me = {
        "site_id": tsite,
        "public_key": keys.public_key,
        "name": "Trevor Mayhew",
        "school_id": "137452",
        "age_recipient": keys.age_recipient,
    }
    fake = {**me, "site_id": str(uuid.uuid4()), "name": "Claire Goodwin", "school_id": "137451"}
    school = forge.op(
        fake["site_id"],
        1,
        "schools",
        "999990",
        "*",
        {"id": "999990", "name": "A school"},
        hlc=f"{forge.FORGED_MS:013d}-00000-{fake['site_id']}",
    )
    path = tmp_path / "relay.peerwalk"
    path.write_bytes(forge.package(keys, me, ["137450"], [school], sites=[me, fake]))
    rob.import_(path)
    with rob.db.transaction() as s, pytest.raises(Refused, match="No package has come from"):
        exchange.export_package(
            s, rob.dir, tmp_path / "sealed.peerwalk", for_school="137451", encrypt_to=["137451"]
        )
    # Trevor now claims, second-hand, that the fake laptop is his school's: ignored.
    again = forge.op(
        fake["site_id"],
        2,
        "schools",
        "999990",
        "name",
        "Renamed",
        seen=[school["id"]],
        hlc=f"{forge.FORGED_MS + 1:013d}-00000-{fake['site_id']}",
    )
    path2 = tmp_path / "relay2.peerwalk"
    path2.write_bytes(
        forge.package(
            keys,
            me,
            ["137450"],
            [again],
            sites=[me, {**fake, "school_id": "137452", "name": "Someone"}],
        )
    )
    rob.import_(path2)
    from app.models import Site

    with rob.db.read() as s:
        row = s.get(Site, fake["site_id"])
        assert row is not None and row.school_id == "137451" and not row.trusted
    rob.close()
    trevor.close()

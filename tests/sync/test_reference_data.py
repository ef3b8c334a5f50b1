"""A school list is reference data: it does not flood partners, and never blanks what they know.

Fault 8 (issue 8): importing England's school list made every school a change for every
partner. Fault 9: a plain urn,name,phase,local_authority list wrote an empty type, which showed
as a conflict "by ?" and blanked the type on the partner's laptop after the next exchange.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import select

from app.models import Setting
from app.services import exchange
from app.services.school_list import import_schools, read_school_csv
from app.services.schools import add_person, create_network, list_schools
from app.sync.package import read_package
from benchmarks.generate import write_gias_csv
from tests.conftest import cli_env, run_peerwalk
from tests.sync.laptops import Laptop


def package_ops(path: Path) -> list[dict]:
    return read_package(path.read_bytes()).ops


def schools_in(path: Path) -> set[str]:
    return {o["record"] for o in package_ops(path) if o["table"] == "schools"}


def school_ids(lap: Laptop) -> set[str]:
    with lap.db.read() as s:
        return {r.id for r in list_schools(s)}


def import_list(lap: Laptop, csv: Path) -> dict[str, int]:
    rows = read_school_csv(csv)
    with lap.db.transaction() as s:
        r = import_schools(s, rows)
    return {"added": r.added, "updated": r.updated, "unchanged": r.unchanged}


def foreign_keys_intact(lap: Laptop) -> bool:
    con = sqlite3.connect(lap.dir / "peerwalk.db")
    try:
        return con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def test_a_school_list_travels_only_where_something_refers_to_it(tmp_path: Path) -> None:
    a = Laptop(tmp_path, "Claire Goodwin", "137451")
    b = Laptop(tmp_path, "Rob Ellis", "137450")
    b.import_(a.export_for(b))  # the demo network, as partners already share it
    a.import_(b.export_for(a))
    b_schools = school_ids(b)
    urns = write_gias_csv(tmp_path / "edubasealldata.csv", 300)
    assert import_list(a, tmp_path / "edubasealldata.csv")["added"] == 300

    first = a.export_for(b)
    assert schools_in(first) == set(), "a school nothing refers to travelled"
    b.import_(first)
    assert (
        school_ids(b) == b_schools
    )  # the partner's list does not fill with schools it never chose

    # A new colleague at one of the listed schools: that school now travels, with the person.
    person = a.do(add_person, "Nia Evans", "headteacher", urns[17])
    second = a.export_for(b)
    ops = package_ops(second)
    assert schools_in(second) == {urns[17]}
    assert any(o["table"] == "people" and o["record"] == person for o in ops)
    b.import_(second)
    assert school_ids(b) == b_schools | {urns[17]}
    with b.db.read() as s:
        listed = {r.id: r for r in list_schools(s)}
    assert "School 17" in listed[urns[17]].name and listed[urns[17]].type
    assert foreign_keys_intact(b)
    # A network with two more listed schools brings exactly those two (once B has said, in a
    # package of its own, what it holds: then A's next package leaves out what B has).
    a.import_(b.export_for(a))
    a.do(create_network, "Listed pair", [urns[3], urns[4], "137451"])
    assert schools_in(a.export_for(b)) == {urns[3], urns[4]}
    for lap in (a, b):
        lap.close()


def test_a_school_added_by_hand_waits_until_something_refers_to_it(tmp_path: Path) -> None:
    """Schools made through the change log (not a list) follow the same rule: their ops wait
    unsealed until a reference appears, then travel (creation and later edits, in order)."""
    from app.services.schools import add_school, get_school

    a = Laptop(tmp_path, "Claire Goodwin", "137451")
    b = Laptop(tmp_path, "Rob Ellis", "137450")
    a.do(add_school, "400001", "Hand Made Primary", phase="Primary")

    def rename(s) -> None:  # type: ignore[no-untyped-def]
        get_school(s, "400001").name = "Hand Made Primary School"

    a.do(rename)
    assert "400001" not in schools_in(a.export_for(b))
    a.do(add_person, "Tom Hand", "teacher", "400001")
    later = a.export_for(b)
    assert [o["field"] for o in package_ops(later) if o["record"] == "400001"] == ["*", "name"]
    b.import_(later)
    with b.db.read() as s:
        assert get_school(s, "400001").name == "Hand Made Primary School"
    assert foreign_keys_intact(b)
    for lap in (a, b):
        lap.close()


GIAS = (
    "URN,LA (name),EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name)\n"
    "500001,Essex,Oak Primary School,Academy converter,Primary\n"
    "500002,Essex,Elm High School,Community school,Secondary\n"
    "500003,Kent,Ash Academy,Academy sponsor led,Secondary\n"
)
PLAIN = (
    "urn,name,phase,local_authority\n"
    "500001,Oak Primary School,Primary,Essex\n"
    "500002,Elm High School,Secondary,Essex\n"
    "500003,Ash Academy,Secondary,Kent\n"
)
TYPES = {
    "500001": "Academy converter",
    "500002": "Community school",
    "500003": "Academy sponsor led",
}


def test_a_plain_list_on_one_laptop_does_not_blank_the_type_known_on_another(
    tmp_path: Path,
) -> None:
    (tmp_path / "gias.csv").write_bytes(GIAS.encode("cp1252"))
    (tmp_path / "plain.csv").write_text(PLAIN, encoding="utf-8")
    a = Laptop(
        tmp_path,
        "Ann Oak",
        "500001",
        demo=False,
        setup=lambda s: import_schools(s, read_school_csv(tmp_path / "gias.csv")),
    )
    b = Laptop(
        tmp_path,
        "Ben Elm",
        "500002",
        demo=False,
        setup=lambda s: import_schools(s, read_school_csv(tmp_path / "plain.csv")),
    )
    # Both laptops refer to all three schools, so each laptop's view of them travels.
    for lap, head in ((a, "Ann Oak"), (b, "Ben Elm")):
        lap.do(add_person, head, "headteacher", lap.school)
        lap.do(add_person, f"Visitor from {head}", "teacher", "500003")
    for _ in range(2):
        b.import_(a.export_for(b))
        a.import_(b.export_for(a))
    for lap in (a, b):
        with lap.db.read() as s:
            assert exchange.list_conflicts(s) == []
            assert {r.id: r.type for r in list_schools(s)} == TYPES
    before = b.dump()
    assert import_list(b, tmp_path / "plain.csv") == {"added": 0, "updated": 0, "unchanged": 3}
    assert b.dump() == before
    for lap in (a, b):
        lap.close()


def test_a_conflict_from_an_unnamed_laptop_names_its_laptop_not_a_question_mark(
    tmp_path: Path,
) -> None:
    from app.services.schools import get_person

    a = Laptop(tmp_path, "Claire Goodwin", "137451")
    b = Laptop(tmp_path, "Rob Ellis", "137450")
    with b.db.transaction() as s:  # `site set --school 137450` with no --name
        s.execute(Setting.__table__.delete().where(Setting.key == "site_name"))
        assert s.scalar(select(Setting.value).where(Setting.key == "site_name")) is None
    # Two laptops that may both correct a person's email (docs/authority.md): Claire's, which
    # alone added this teacher of Blackwater Academy, and Blackwater's own.
    a.do(add_person, "Dee Rowe", "teacher", "137450")
    b.import_(a.export_for(b))
    a.import_(b.export_for(a))

    def rename(new: str):  # type: ignore[no-untyped-def]
        def edit(s) -> None:  # type: ignore[no-untyped-def]
            get_person(s, "Dee Rowe").email = new

        return edit

    with a.db.transaction(author="Claire Goodwin") as s:
        rename("dee@blackwater.example")(s)
    with b.db.transaction() as s:
        rename("d.rowe@blackwater.example")(s)
    a.import_(b.export_for(a))
    b.import_(a.export_for(b))
    for lap, expected in (
        (a, "a laptop at Blackwater Academy"),
        (b, "this laptop (Blackwater Academy)"),
    ):
        with lap.db.read() as s:
            (conflict,) = exchange.list_conflicts(s)
        authors = {v["value"]: v["author"] for v in conflict["versions"]}
        assert authors == {
            "dee@blackwater.example": "Claire Goodwin",
            "d.rowe@blackwater.example": expected,
        }
    for lap in (a, b):
        lap.close()


def test_the_real_program_exports_only_referred_schools_from_a_list(tmp_path: Path) -> None:
    """`peerwalk schools import` then `peerwalk export`, as a headteacher would run them."""
    env = cli_env(PEERWALK_PASSPHRASE="a long enough passphrase")
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    for d, school, name in ((a_dir, "137451", "Claire Goodwin"), (b_dir, "137450", "Rob Ellis")):
        assert run_peerwalk(d, "demo", env=env).code == 0
        r = run_peerwalk(d, "site", "set", "--school", school, "--name", name, env=env)
        assert r.code == 0, r.err
    urns = write_gias_csv(tmp_path / "edubasealldata.csv", 200)
    r = run_peerwalk(
        a_dir, "--json", "schools", "import", str(tmp_path / "edubasealldata.csv"), env=env
    )
    assert r.code == 0, r.err
    assert r.json() == {"added": 200, "updated": 0, "unchanged": 0}
    r = run_peerwalk(
        a_dir,
        "--json",
        "people",
        "add",
        "--name",
        "Nia Evans",
        "--role",
        "headteacher",
        "--school",
        urns[5],
        env=env,
    )
    assert r.code == 0, r.err
    pkg = tmp_path / "for-blackwater.peerwalk"
    r = run_peerwalk(a_dir, "export", "--for", "137450", "-o", str(pkg), env=env)
    assert r.code == 0, r.err
    assert schools_in(pkg) & set(urns) == {urns[5]}
    before = {s["id"] for s in run_peerwalk(b_dir, "--json", "schools", "list", env=env).json()}
    r = run_peerwalk(b_dir, "import", str(pkg), "--trust-new-sender", env=env)
    assert r.code == 0, r.err
    after = {s["id"] for s in run_peerwalk(b_dir, "--json", "schools", "list", env=env).json()}
    assert after == before | {urns[5]}
    people = run_peerwalk(b_dir, "--json", "people", "list", env=env).json()
    assert any(p["name"] == "Nia Evans" and p["school_id"] == urns[5] for p in people)

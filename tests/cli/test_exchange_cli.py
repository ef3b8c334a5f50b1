"""export / import / verify / conflicts as the real program, between two data folders."""

from __future__ import annotations

from pathlib import Path

from app.services.demo import demo_id
from tests.conftest import assert_one_line_error, cli_env, db_fingerprint, run_peerwalk

TECH = demo_id("review", "tech")
FINDING = demo_id("finding", "tech", "0")


def test_two_laptops_by_file(tmp_path: Path) -> None:
    rob, trevor = tmp_path / "rob", tmp_path / "trevor"
    env = cli_env(PEERWALK_PASSPHRASE="a long enough passphrase")

    def pw(d: Path, *args: str):  # type: ignore[no-untyped-def]
        return run_peerwalk(d, *args, env=env)

    for d, school, name in ((rob, "137450", "Rob Ellis"), (trevor, "137452", "Trevor Mayhew")):
        assert pw(d, "demo").code == 0
        r = pw(d, "site", "set", "--school", school, "--name", name)
        assert r.code == 0, r.err
    pkg = tmp_path / "rob-to-trevor.peerwalk"
    assert_one_line_error(pw(rob, "export", "-o", str(pkg)), "say who the package is for")
    r = pw(rob, "--json", "export", "--for", "137452", "-o", str(pkg))
    assert r.code == 0, r.err
    assert r.json()["recipients"] == ["137452"]
    v = pw(trevor, "--json", "verify", str(pkg))
    assert v.code == 0, v.err
    assert v.json()["sender"]["name"] == "Rob Ellis" and not v.json()["sender_trusted"]
    before = db_fingerprint(trevor)
    assert_one_line_error(pw(trevor, "import", str(pkg)), "--trust-new-sender")
    assert db_fingerprint(trevor) == before
    r = pw(trevor, "import", str(pkg), "--trust-new-sender")
    assert r.code == 0, r.err
    assert "Imported from Rob Ellis" in r.out
    # The same file imported again (double-clicked twice): nothing is wrong, nothing changed.
    before = db_fingerprint(trevor)
    again = pw(trevor, "import", str(pkg))
    assert (again.code, again.out.strip(), again.err) == (
        0,
        "Nothing new: this package was already imported.",
        "",
    )
    again = pw(trevor, "--json", "import", str(pkg))
    assert again.code == 0 and again.json() == {"new_changes": 0, "already_imported": True}
    assert db_fingerprint(trevor) == before

    # Both reword the same WWW statement; the conflict shows on the command line.
    assert pw(rob, "findings", "edit", FINDING, "--text", "Rob's wording").code == 0
    assert pw(trevor, "findings", "edit", FINDING, "--text", "Trevor's wording").code == 0
    back = tmp_path / "trevor-to-rob.peerwalk"
    assert pw(trevor, "export", "--for", "137450", "-o", str(back)).code == 0
    r = pw(rob, "import", str(back), "--trust-new-sender")
    assert r.code == 0, r.err
    assert "conflicts list" in r.out
    conflicts = pw(rob, "--json", "conflicts", "list").json()
    assert len(conflicts) == 1
    versions = {v["value"]: v["version_id"] for v in conflicts[0]["versions"]}
    assert set(versions) == {"Rob's wording", "Trevor's wording"}
    assert_one_line_error(pw(rob, "conflicts", "resolve", conflicts[0]["id"]), "--keep")
    r = pw(
        rob, "conflicts", "resolve", conflicts[0]["id"], "--keep", versions["Trevor's wording"][:8]
    )
    assert r.code == 0, r.err
    assert pw(rob, "--json", "conflicts", "list").json() == []
    again = tmp_path / "rob-to-trevor-2.peerwalk"
    assert pw(rob, "export", "--for", "137452", "-o", str(again)).code == 0
    assert pw(trevor, "import", str(again)).code == 0
    show = pw(trevor, "--json", "reviews", "show", TECH).json()
    assert any(f["text"] == "Trevor's wording" for f in show["findings"])
    # Trevor's laptop had the conflict too (after importing Rob's edit); the resolution cleared it.
    assert pw(trevor, "--json", "conflicts", "list").json() == []

"""people delete, networks delete and schools delete through the real program: each deletes
(a tombstone: gone from the lists), and each bad input is one sentence and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import assert_one_line_error, db_fingerprint


@pytest.fixture
def demo(peerwalk):  # type: ignore[no-untyped-def]
    assert peerwalk("demo").code == 0
    return peerwalk


def test_a_person_a_network_and_a_mistyped_school_are_deleted(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gone = demo("--json", "people", "delete", "Tom Ashworth")
    assert gone.code == 0 and gone.json()["changes"] == {"people": [gone.json()["id"]]}
    assert "Tom Ashworth" not in {p["name"] for p in demo("--json", "people", "list").json()}
    net = demo("networks", "delete", "Essex Secondary Triad")
    assert net.code == 0 and "deleted" in net.out
    names = {n["name"] for n in demo("--json", "networks", "list").json()}
    assert "Essex Secondary Triad" not in names and len(names) == 2
    typo = tmp_path / "typo.csv"
    typo.write_text("urn,name\n999001,Ysgol Camgymeriad\n", encoding="utf-8")
    assert demo("schools", "import", str(typo)).code == 0
    assert demo("schools", "delete", "999001").code == 0
    assert "999001" not in {s["id"] for s in demo("--json", "schools", "list").json()}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("people", "delete", "Nobody Here"), "Nobody called 'Nobody Here' is known"),
        (("networks", "delete", "The Moon Group"), "There is no network 'The Moon Group'"),
        (("schools", "delete", "000000"), "There is no school '000000'"),
        (
            ("schools", "delete", "105521"),
            "Medlock Primary School still has 4 people, 1 review, 1 network here",
        ),
    ],
)
def test_bad_input_is_one_sentence_and_changes_nothing(demo, data_dir: Path, args, says) -> None:  # type: ignore[no-untyped-def]
    before = db_fingerprint(data_dir)
    assert_one_line_error(demo(*args), says)
    assert db_fingerprint(data_dir) == before


def test_another_schools_person_is_refused_on_this_laptop(demo, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert demo("site", "set", "--school", "137450", "--name", "Rob Ellis").code == 0
    before = db_fingerprint(data_dir)
    assert_one_line_error(
        demo("people", "delete", "Tom Ashworth"),
        "Only Medlock Primary School's laptops may delete Tom Ashworth",
    )
    assert db_fingerprint(data_dir) == before

"""School lists as the real program reads them: one text encoding per file, never a mix, and
a list never writes a field it does not carry nor blanks a known value."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import assert_one_line_error, db_fingerprint

HEADER = "urn,name,phase,local_authority\n"
ASCII_ROWS = [f"11500{i},Harlow School {i},Secondary,Essex\n" for i in range(4)]


@pytest.fixture
def known(peerwalk, tmp_path: Path) -> None:
    """A laptop that already has a school list (so 'unchanged' is a real database)."""
    first = tmp_path / "first.csv"
    first.write_text(HEADER + "6612210,Ysgol Gynradd Tŷ Coch,Primary,Gwynedd\n", encoding="utf-8")
    assert peerwalk("schools", "import", str(first)).code == 0


def lines(*parts: bytes) -> bytes:
    return b"".join(parts)


MIXED = [
    pytest.param(  # the file: one UTF-8 line, one Windows-1252 line
        lines(
            HEADER.encode(),
            "6702345,Ysgol Gymraeg Bro Ŵyr,Primary,Swansea\n".encode(),
            *(r.encode() for r in ASCII_ROWS),
            "137002,Café Lane Academy,Secondary,Essex\n".encode("cp1252"),
        ),
        "Line 7 of schools.csv is not in the same text encoding as the rest of the file",
        id="utf8-then-cp1252",
    ),
    pytest.param(  # mostly Windows-1252 (a GIAS export), one line pasted in from UTF-8
        lines(
            HEADER.encode(),
            *(f"13700{i},Café {i},Primary,Essex\n".encode("cp1252") for i in range(3)),
            "6702345,Ysgol Gymraeg Bro Ŵyr,Primary,Swansea\n".encode(),
        ),
        "Line 5 of schools.csv is not in the same text encoding",
        id="one-utf8-line-in-cp1252",
    ),
    pytest.param(  # a UTF-8 byte-order mark, then a Windows-1252 line
        lines(
            b"\xef\xbb\xbf",
            HEADER.encode(),
            ASCII_ROWS[0].encode(),
            "137002,Café Lane Academy,Secondary,Essex\n".encode("cp1252"),
        ),
        "Line 3 of schools.csv is not in the same text encoding",
        id="bom-then-cp1252",
    ),
    pytest.param(  # bytes that are neither UTF-8 nor Windows-1252 (0x81 is unassigned there)
        lines(HEADER.encode(), ASCII_ROWS[0].encode(), b"137002,Caf\x81 Lane,Secondary,Essex\n"),
        "Line 3 of schools.csv is not text in UTF-8 or Windows-1252",
        id="neither",
    ),
]


@pytest.mark.parametrize(("content", "message"), MIXED)
def test_a_list_in_two_encodings_is_refused_naming_the_line(
    peerwalk, known, data_dir: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    csv = tmp_path / "schools.csv"
    csv.write_bytes(content)
    before = db_fingerprint(data_dir)
    assert_one_line_error(peerwalk("schools", "import", str(csv)), message)
    assert db_fingerprint(data_dir) == before


def test_a_list_without_a_column_or_with_an_empty_cell_never_blanks_a_known_value(
    peerwalk, data_dir: Path, tmp_path: Path
) -> None:
    welsh = tmp_path / "welsh.csv"
    welsh.write_text(
        "urn,name,type,phase,local_authority,welsh_medium\n6702345,Ysgol Gymraeg Bro "
        "Ŵyr,Community school,Primary,Swansea,yes\n",
        encoding="utf-8",
    )
    assert peerwalk("schools", "import", str(welsh)).code == 0
    plain = tmp_path / "plain.csv"
    plain.write_text(
        HEADER + "6702345,Ysgol Gymraeg Bro Ŵyr,,\n", encoding="utf-8"
    )  # no type or welsh_medium; empty cells
    before = db_fingerprint(data_dir)
    r = peerwalk("--json", "schools", "import", str(plain))
    assert r.json() == {"added": 0, "updated": 0, "unchanged": 1}
    assert db_fingerprint(data_dir) == before
    (school,) = peerwalk("--json", "schools", "list").json()
    assert school["welsh_medium"] is True
    assert (school["type"], school["phase"], school["local_authority"]) == (
        "Community school",
        "Primary",
        "Swansea",
    )
    # A later list that does carry a new value changes that value only.
    plain.write_text(HEADER + "6702345,Ysgol Gymraeg Bro Ŵyr Abertawe,,\n", encoding="utf-8")
    assert peerwalk("--json", "schools", "import", str(plain)).json() == {
        "added": 0,
        "updated": 1,
        "unchanged": 0,
    }
    (school,) = peerwalk("--json", "schools", "list").json()
    assert (
        school["name"] == "Ysgol Gymraeg Bro Ŵyr Abertawe"
        and school["type"] == "Community school"
        and school["welsh_medium"] is True
    )


def test_a_welsh_medium_cell_that_is_neither_yes_nor_no_is_refused(
    peerwalk, known, data_dir: Path, tmp_path: Path
) -> None:
    csv = tmp_path / "welsh.csv"
    csv.write_text("urn,name,welsh_medium\n6702345,Ysgol Gymraeg Bro Ŵyr,maybe\n", encoding="utf-8")
    before = db_fingerprint(data_dir)
    assert_one_line_error(
        peerwalk("schools", "import", str(csv)), "Line 2 of welsh.csv has 'maybe' for welsh_medium"
    )
    assert db_fingerprint(data_dir) == before

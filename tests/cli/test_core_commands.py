"""Every core command, run as the real program on a real database in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import assert_one_line_error, db_fingerprint, run_peerwalk, today_env

GIAS_HEADER = (
    "URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (name),"
    "EstablishmentStatus (name),PhaseOfEducation (name),Postcode\n"
)


@pytest.fixture
def peerwalk(data_dir: Path):  # type: ignore[no-untyped-def]
    """The real program with its date pinned (tests.conftest.TODAY): the fixed visit dates
    below (2026-12-03) stay "within two years of today" whatever day the suite runs."""

    def run(*args: str, **kw):  # type: ignore[no-untyped-def]
        kw.setdefault("env", today_env())
        return run_peerwalk(data_dir, *args, **kw)

    return run


@pytest.fixture
def network(peerwalk, tmp_path: Path) -> dict[str, str]:
    """Two schools, three people and a triad, made through the command line."""
    csv = tmp_path / "schools.csv"
    csv.write_text(
        "urn,name,phase,local_authority\n"
        "6702345,Ysgol Gymraeg Bro Ŵyr,Primary,Swansea\n"
        "115001,Harlow Fields Academy,Secondary,Essex\n"
        "115002,Chelmer Valley High School,Secondary,Essex\n",
        encoding="utf-8",
    )
    assert peerwalk("schools", "import", str(csv)).code == 0
    ids = {}
    for name, role, school in [
        ("Siân Ŵen Hughes", "headteacher", "6702345"),
        ("Tom Baker", "headteacher", "115001"),
        ("Priya Shah", "headteacher", "115002"),
        ("Dave Cole", "subject-leader", "115002"),
    ]:
        r = peerwalk("--json", "people", "add", "--name", name, "--role", role, "--school", school)
        assert r.code == 0, r.err
        ids[name] = r.json()["id"]
    r = peerwalk(
        "networks",
        "create",
        "Essex Triad",
        "--school",
        "115001",
        "--school",
        "115002",
        "--school",
        "6702345",
        "--kind",
        "triad",
    )
    assert r.code == 0, r.err
    r = peerwalk(
        "--json",
        "reviews",
        "plan",
        "--host",
        "115002",
        "--date",
        "2026-12-03",
        "--focus",
        "Challenge in Technology",
        "--focus",
        "Impact of new initiatives",
        "--reviewer",
        "Tom Baker",
        "--reviewer",
        "Siân Ŵen Hughes",
        "--writer",
        "Siân Ŵen Hughes",
    )
    assert r.code == 0, r.err
    ids["review"] = r.json()["id"]
    return ids


def test_version(peerwalk) -> None:
    r = peerwalk("--version")
    assert r.code == 0 and r.out.startswith("peerwalk 0.")


def test_frameworks_list_ships_the_five(peerwalk) -> None:
    keys = {f["key"] for f in peerwalk("--json", "frameworks", "list").json()}
    assert {"developmental", "enquiry", "cp-style", "ofsted", "estyn"} <= keys
    estyn = next(f for f in peerwalk("--json", "frameworks", "list").json() if f["key"] == "estyn")
    assert [a["code"] for a in estyn["focus_areas"]] == ["IA1", "IA2", "IA3", "IA4", "IA5"]


def test_plan_capture_write_up_and_show(peerwalk, network) -> None:
    review = network["review"]
    listed = peerwalk("--json", "reviews", "list").json()
    assert [r["id"] for r in listed] == [review]
    assert (
        listed[0]["host_school"] == "Chelmer Valley High School"
        and listed[0]["status"] == "planned"
    )
    assert listed[0]["network"] == "Essex Triad"  # found from the schools, not typed

    note = peerwalk(
        "--json",
        "notes",
        "add",
        review[:8],
        "--activity",
        "joint-observation",
        "--focus",
        "challenge in technology",
        "--kind",
        "strength",
        "--text",
        "Y9 pupils explained <b>design</b> choices & trade-offs",
        "--author",
        "Tom Baker",
    ).json()["id"]
    area = peerwalk(
        "notes",
        "add",
        review,
        "--activity",
        "work-scrutiny",
        "--focus",
        "IMPACT OF NEW INITIATIVES",
        "--kind",
        "area",
        "--text",
        "Feedback policy not yet seen in books",
    )
    assert area.code == 0, area.err
    www = peerwalk(
        "--json",
        "findings",
        "add",
        review,
        "--focus",
        "Challenge in Technology",
        "--www",
        "Pupils articulate design thinking",
        "--evidence",
        note,
    ).json()["id"]
    ebi = peerwalk(
        "--json",
        "findings",
        "add",
        review,
        "--focus",
        "Impact of new initiatives",
        "--ebi",
        "Embed the feedback policy",
    ).json()["id"]
    assert (
        peerwalk(
            "findings", "edit", ebi[:8], "--text", "Embed the new feedback policy in Year 8 books"
        ).code
        == 0
    )
    assert (
        peerwalk(
            "actions",
            "add",
            review,
            "--text",
            "Book look in March",
            "--owner",
            "Dave Cole",
            "--due",
            "2027-03-01",
        ).code
        == 0
    )

    detail = peerwalk("--json", "reviews", "show", review).json()
    assert detail["status"] == "written-up"  # the first statement (after the first note)
    assert [a["title"] for a in detail["focus_areas"]] == [
        "Challenge in Technology",
        "Impact of new initiatives",
    ]
    assert {n["kind"] for n in detail["notes"]} == {"strength", "area"}
    assert next(f for f in detail["findings"] if f["id"] == www)["evidence"] == [note]
    assert (
        next(f for f in detail["findings"] if f["id"] == ebi)["text"]
        == "Embed the new feedback policy in Year 8 books"
    )
    assert (
        detail["actions"][0]["owner"] == "Dave Cole" and detail["actions"][0]["due"] == "2027-03-01"
    )
    assert "Siân Ŵen Hughes" in peerwalk("reviews", "show", review).out


def test_search_finds_notes_and_findings_as_typed(peerwalk, network) -> None:
    review = network["review"]
    peerwalk(
        "notes",
        "add",
        review,
        "--activity",
        "learning-walk",
        "--focus",
        "Challenge in Technology",
        "--kind",
        "strength",
        "--text",
        "Ysgol pupils used CAD confidently",
    )
    peerwalk(
        "findings",
        "add",
        review,
        "--focus",
        "Challenge in Technology",
        "--www",
        "Confident CAD work",
        "--good-practice",
    )
    hits = peerwalk("--json", "search", "cad").json()
    assert {h["kind"] for h in hits} == {"good practice", "note (strength)"}
    assert peerwalk("--json", "search", "confid").json()  # prefix: search as you type
    assert peerwalk("--json", "search", 'cad" OR *').code == 0  # FTS syntax is never passed through
    assert peerwalk("--json", "search", "zzzz").json() == []


def test_people_networks_and_schools_lists(peerwalk, network) -> None:
    people = peerwalk("--json", "people", "list").json()
    assert {p["name"] for p in people} >= {"Siân Ŵen Hughes", "Dave Cole"}
    nets = peerwalk("--json", "networks", "list").json()
    assert nets[0]["kind"] == "triad" and len(nets[0]["schools"]) == 3
    schools = peerwalk("schools", "list").out
    assert "Ysgol Gymraeg Bro Ŵyr" in schools


def test_gias_export_in_windows_1252_and_reimport(peerwalk, tmp_path: Path) -> None:
    csv = tmp_path / "edubasealldata.csv"
    body = GIAS_HEADER + (
        "137001,881,Essex,4001,St Mary's Church of England Voluntary Aided School,Voluntary aided "
        "school,Open,Primary,CM1 1AA\n"
        '137002,881,Essex,4002,"Café Lane Academy, Harlow",Academy converter,Open,Secondary,CM2 '
        "2BB\n"
    )
    csv.write_bytes(body.encode("cp1252"))
    r = peerwalk("--json", "schools", "import", str(csv))
    assert r.json() == {"added": 2, "updated": 0, "unchanged": 0}
    schools = {s["id"]: s for s in peerwalk("--json", "schools", "list").json()}
    assert schools["137002"]["name"] == "Café Lane Academy, Harlow"
    assert (
        schools["137001"]["type"] == "Voluntary aided school"
        and schools["137001"]["local_authority"] == "Essex"
    )
    assert peerwalk("--json", "schools", "import", str(csv)).json()["unchanged"] == 2


def test_utf8_with_bom_is_read(peerwalk, tmp_path: Path) -> None:
    csv = tmp_path / "welsh.csv"
    csv.write_bytes(
        "\ufeffurn,name,phase,local_authority\n6601234,Ysgol Tŷ Coch,Primary,Gwynedd\n".encode()
    )
    assert peerwalk("schools", "import", str(csv)).code == 0
    assert peerwalk("--json", "schools", "list").json()[0]["name"] == "Ysgol Tŷ Coch"


def test_demo_loads_once(peerwalk) -> None:
    first = peerwalk("--json", "demo")
    assert first.code == 0, first.err
    before = peerwalk("--json", "reviews", "list").json()
    assert len(before) >= 3
    second = peerwalk("--json", "demo").json()
    assert second["added"] == 0
    assert peerwalk("--json", "reviews", "list").json() == before
    schools = {s["name"] for s in peerwalk("--json", "schools", "list").json()}
    assert "Ysgol Gymraeg Bro Ŵyr" in schools
    assert any("ŷ" in name for name in schools)
    nets = {n["kind"] for n in peerwalk("--json", "networks", "list").json()}
    assert nets == {"triad", "group", "sig"}
    assert any(r["status"] == "planned" for r in before)


def test_demo_review_detail_hides_safeguarding(peerwalk) -> None:
    peerwalk("demo")
    reviews = peerwalk("--json", "reviews", "list").json()
    tech = next(r for r in reviews if r["title"].startswith("Technology review"))
    out = peerwalk("--json", "reviews", "show", tech["id"])
    detail = out.json()
    assert "safeguarding" not in detail
    assert len(detail["notes"]) >= 15 and any(f["kind"] == "ebi" for f in detail["findings"])


# --- bad input: one plain sentence, no traceback, nothing changed -----------------------

BAD = [
    (("reviews", "show", "nonexistent"), "no review"),
    (
        (
            "reviews",
            "plan",
            "--host",
            "115002",
            "--date",
            "3/12/2026",
            "--focus",
            "X",
            "--reviewer",
            "Tom Baker",
        ),
        "YYYY-MM-DD",
    ),
    (
        (
            "reviews",
            "plan",
            "--host",
            "999999",
            "--date",
            "2026-12-03",
            "--focus",
            "X",
            "--reviewer",
            "Tom Baker",
        ),
        "no school",
    ),
    (
        (
            "reviews",
            "plan",
            "--host",
            "115002",
            "--date",
            "2026-12-03",
            "--focus",
            "X",
            "--reviewer",
            "Tom Bakr",
        ),
        "did you mean 'tom baker'",
    ),
    (
        (
            "reviews",
            "plan",
            "--host",
            "115002",
            "--date",
            "2026-12-03",
            "--focus",
            "X",
            "--reviewer",
            "Tom Baker",
            "--framework",
            "nope",
        ),
        "no framework",
    ),
    (("people", "add", "--name", "X", "--role", "wizard", "--school", "115001"), "not a role"),
    (("people", "add", "--name", "X", "--role", "teacher", "--school", "000"), "no school"),
    (("networks", "create", "N", "--school", "115001"), "at least two"),
    (("networks", "create", "N", "--school", "115001", "--school", "nope"), "no school"),
    (
        ("actions", "add", "REVIEW", "--text", "t", "--owner", "Dave Cole", "--due", "tomorrow"),
        "YYYY-MM-DD",
    ),
    (
        ("actions", "add", "REVIEW", "--text", "t", "--owner", "Nobody", "--due", "2027-01-01"),
        "nobody called",
    ),
    (
        (
            "notes",
            "add",
            "REVIEW",
            "--activity",
            "learning-walk",
            "--focus",
            "Maths",
            "--kind",
            "strength",
            "--text",
            "t",
        ),
        "not one of this review's focus areas: 'challenge in technology'",
    ),
    (
        (
            "notes",
            "add",
            "REVIEW",
            "--activity",
            "dance",
            "--focus",
            "Challenge in Technology",
            "--kind",
            "strength",
            "--text",
            "t",
        ),
        "not a kind of activity",
    ),
    (
        (
            "notes",
            "add",
            "REVIEW",
            "--activity",
            "learning-walk",
            "--focus",
            "Challenge in Technology",
            "--kind",
            "great",
            "--text",
            "t",
        ),
        "not a kind of note",
    ),
    (
        (
            "notes",
            "add",
            "REVIEW",
            "--activity",
            "learning-walk",
            "--focus",
            "Challenge in Technology",
            "--kind",
            "strength",
            "--text",
            "  ",
        ),
        "empty",
    ),
    (
        (
            "notes",
            "add",
            "REVIEW",
            "--activity",
            "learning-walk",
            "--focus",
            "Challenge in Technology",
            "--kind",
            "strength",
            "--text",
            "t",
            "--photo",
            "/nonexistent.jpg",
        ),
        "no photo",
    ),
    (
        (
            "findings",
            "add",
            "REVIEW",
            "--focus",
            "Challenge in Technology",
            "--www",
            "t",
            "--evidence",
            "deadbeef",
        ),
        "no note",
    ),
    (("findings", "edit", "deadbeef", "--text", "t"), "no finding"),
    (("schools", "import", "/nonexistent.csv"), "no file"),
    (("reviews", "bogus"), "invalid choice"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a[:3]) for a, _ in BAD])
def test_bad_input_is_one_sentence_and_changes_nothing(
    peerwalk, network, data_dir: Path, args, message
) -> None:
    args = tuple(network["review"] if a == "REVIEW" else a for a in args)
    before = db_fingerprint(data_dir)
    result = peerwalk(*args)
    assert_one_line_error(result, message)
    assert db_fingerprint(data_dir) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,colour\nA,red\n", "does not look like a school list"),
        (b"urn,name,phase,local_authority\n,No URN school,Primary,Essex\n", "line 2"),
        (
            b"urn,name,phase,local_authority\n1,A,Primary,Essex\n1,B,Primary,Essex\n",
            "appears twice",
        ),
        (b"urn,name,phase,local_authority\n", "no schools"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a csv"),
    ],
)
def test_bad_csv_changes_nothing(
    peerwalk, network, data_dir: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_bytes(content)
    before = db_fingerprint(data_dir)
    assert_one_line_error(peerwalk("schools", "import", str(csv)), message)
    assert db_fingerprint(data_dir) == before


def test_a_photo_that_is_not_a_photo(peerwalk, network, data_dir: Path, tmp_path: Path) -> None:
    fake = tmp_path / "work.jpg"
    fake.write_text("not really a jpeg")
    before = db_fingerprint(data_dir)
    r = peerwalk(
        "notes",
        "add",
        network["review"],
        "--activity",
        "work-scrutiny",
        "--focus",
        "Challenge in Technology",
        "--kind",
        "neutral",
        "--text",
        "t",
        "--photo",
        str(fake),
    )
    assert_one_line_error(r, "not a photo")
    assert db_fingerprint(data_dir) == before


def test_photo_is_normalised_and_stored_by_hash(
    peerwalk, network, data_dir: Path, tmp_path: Path
) -> None:
    from PIL import Image

    photo = tmp_path / "work.png"
    img = Image.new("RGB", (4000, 3000), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    img.save(photo, exif=exif)
    nid = peerwalk(
        "--json",
        "notes",
        "add",
        network["review"],
        "--activity",
        "work-scrutiny",
        "--focus",
        "Challenge in Technology",
        "--kind",
        "strength",
        "--text",
        "Portfolio",
        "--photo",
        str(photo),
    ).json()["id"]
    note = next(
        n
        for n in peerwalk("--json", "reviews", "show", network["review"]).json()["notes"]
        if n["id"] == nid
    )
    (sha,) = note["photos"]
    stored = data_dir / "attachments" / f"{sha}.jpg"
    with Image.open(stored) as saved:
        assert saved.format == "JPEG" and max(saved.size) == 2000
        assert not saved.getexif()
    assert b"SecretCameraMaker" not in stored.read_bytes()


def test_not_a_database(peerwalk, data_dir: Path) -> None:
    (data_dir / "peerwalk.db").write_bytes(b"this is not sqlite at all" * 100)
    assert_one_line_error(peerwalk("reviews", "list"), "not a readable peerwalk database")

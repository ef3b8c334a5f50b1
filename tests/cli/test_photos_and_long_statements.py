"""Photos and statements through the real program: a photo keeps no metadata (issue 9), a
damaged photo file never stops a report (issue 8), and a statement of the longest length
allowed prints across pages with a valid signature, while a longer one is refused (issue 9)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.services.demo import demo_id
from tests.conftest import assert_one_line_error, cli_env, db_fingerprint, run_peerwalk

TECH = demo_id("review", "tech")
FOCUS = "Impact of new initiatives"
ENV = cli_env(PEERWALK_PASSPHRASE="a long enough passphrase")
LEFT_OUT = "A photo could not be included here (its file is missing or damaged)"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo network and Rob Ellis's signing identity (he writes the Technology report)."""
    data = tmp_path_factory.mktemp("cli-photos") / "data"
    assert run_peerwalk(data, "demo", env=ENV).code == 0
    r = run_peerwalk(
        data,
        "identity",
        "create",
        "--name",
        "Rob Ellis",
        "--email",
        "rob@x.example",
        "--school",
        "137450",
        env=ENV,
    )
    assert r.code == 0, r.err
    return data


@pytest.fixture
def data(base: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(base, copy)
    return copy


def _run(data: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_peerwalk(data, *args, env=ENV)


def _camera_photo(path: Path) -> Path:
    """What a phone writes: EXIF with the camera and GPS position, a comment, a colour profile."""
    from PIL import Image, ImageCms

    exif = Image.Exif()
    exif[0x010F] = "SecretCamMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 39.0)})
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    img = Image.radial_gradient("L").resize((1200, 900)).convert("RGB")
    img.save(
        path,
        "JPEG",
        exif=exif.tobytes(),
        comment=b"Taken at 14 Acacia Avenue by Mrs Jones",
        icc_profile=profile,
    )
    return path


def _add_photo_note(data: Path, photo: Path) -> str:
    r = _run(
        data,
        "--json",
        "notes",
        "add",
        TECH,
        "--activity",
        "work-scrutiny",
        "--focus",
        FOCUS,
        "--kind",
        "strength",
        "--text",
        "Year 9 hinge designs in books",
        "--photo",
        str(photo),
    )
    assert r.code == 0, r.err
    note = next(
        n
        for n in _run(data, "--json", "reviews", "show", TECH).json()["notes"]
        if n["id"] == r.json()["id"]
    )
    (sha,) = note["photos"]
    return sha


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in PdfReader(pdf).pages))


def _pdfsig_valid(pdf: Path) -> bool:
    out = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, check=False).stdout
    return "Signature Validation: Signature is Valid." in out and "Digest Mismatch" not in out


def test_notes_add_photo_keeps_no_comment_exif_gps_or_colour_profile(
    data: Path, tmp_path: Path
) -> None:
    from PIL import Image

    photo = _camera_photo(tmp_path / "IMG_2041.jpg")
    assert b"Acacia Avenue" in photo.read_bytes() and b"SecretCamMaker" in photo.read_bytes()
    sha = _add_photo_note(data, photo)
    stored = (data / "attachments" / f"{sha}.jpg").read_bytes()
    for secret in (
        b"Acacia Avenue",
        b"SecretCamMaker",
        b"Exif\x00",
        b"ICC_PROFILE",
        b"\xff\xfe",
        b"\xff\xe1",
        b"\xff\xe2",
    ):
        assert secret not in stored, secret
    with Image.open(io.BytesIO(stored)) as img:
        assert img.format == "JPEG"
        assert [marker for marker, _ in img.applist] == ["APP0"] and img.applist[0][1].startswith(
            b"JFIF\x00"
        )
        assert not ({"comment", "exif", "icc_profile", "xmp"} & set(img.info)), img.info.keys()
        assert not img.getexif()


def _report_photo(data: Path, sha: str) -> None:
    """Choose the note's photo for the report (no command does this yet; the window will)."""
    from app.db import Database
    from app.models import NoteAttachment

    db = Database.open(data)
    with db.transaction(author="Rob Ellis") as s:
        (link,) = [na for na in s.query(NoteAttachment).all() if na.sha256 == sha]
        link.in_report = True
    db.close()


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00\x13 this sector was damaged " * 400)


def _huge_png(path: Path) -> None:
    from PIL import Image

    Image.new("1", (40000, 40000)).save(path, "PNG")


def _cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:2000])


def test_a_damaged_photo_file_is_left_out_of_the_report_which_still_signs(
    data: Path, tmp_path: Path
) -> None:
    from PIL import Image

    photo = tmp_path / "work.png"
    Image.radial_gradient("L").resize((1000, 700)).convert("RGB").save(photo)
    sha = _add_photo_note(data, photo)
    _report_photo(data, sha)
    stored = data / "attachments" / f"{sha}.jpg"
    intact = tmp_path / "with-photo.pdf"
    r = _run(data, "report", TECH, "-o", str(intact))
    assert r.code == 0, r.err
    assert LEFT_OUT not in _text(intact) and "Year 9 hinge designs in books" in _text(intact)
    honest = stored.read_bytes()
    for name, spoil in (
        ("garbage", _garbage),
        ("40000px-png", _huge_png),
        ("cut-short", _cut_short),
        ("missing", Path.unlink),
    ):
        spoil(stored)
        out = tmp_path / f"{name}.pdf"
        r = _run(data, "report", TECH, "-o", str(out))
        assert r.code == 0, f"{name}: {r.err}"
        assert f"{LEFT_OUT}: “Year 9 hinge designs in books”." in _text(out), name
        assert _pdfsig_valid(out), name
        stored.write_bytes(honest)


def _statement(length: int) -> str:
    sentence = (
        "Even better if every Year 8 lesson made the next step towards each student's "
        "target explicit. "
    )
    return (sentence * (length // len(sentence) + 1))[: length - 8] + " THE END"


def test_a_10000_character_ebi_prints_across_pages_and_its_signature_validates(
    data: Path, tmp_path: Path
) -> None:
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from app.identity import certificate_pem

    ebi = _statement(10_000)
    r = _run(data, "--json", "findings", "add", TECH, "--focus", FOCUS, "--ebi", ebi)
    assert r.code == 0, r.err
    out = tmp_path / "tech.pdf"
    r = _run(data, "--json", "report", TECH, "-o", str(out))
    assert r.code == 0, r.err
    body = re.sub(
        r"(Colne Valley High School Peer review report )?Page \d+ of \d+ Peerwalk peer review "
        r"report ?",
        "",
        _text(out),
    )
    assert re.sub(r"\s+", "", ebi) in re.sub(r"\s+", "", body)  # every word, across the page break
    with out.open("rb") as fh:
        (signature,) = PdfFileReader(fh).embedded_signatures
        rob = x509.Certificate.load(pem.unarmor(certificate_pem(data))[2])
        status = validate_pdf_signature(
            signature, ValidationContext(trust_roots=[rob], allow_fetching=False)
        )
        assert (
            status.intact
            and status.valid
            and status.trusted
            and status.coverage.name == "ENTIRE_FILE"
        )
    assert _pdfsig_valid(out)


def test_a_statement_over_10000_characters_is_refused_and_changes_nothing(data: Path) -> None:
    finding = _run(
        data,
        "--json",
        "findings",
        "add",
        TECH,
        "--focus",
        FOCUS,
        "--ebi",
        "Embed the feedback policy",
    ).json()["id"]
    before = db_fingerprint(data)
    too_long = _statement(10_001)
    assert_one_line_error(
        _run(data, "findings", "add", TECH, "--focus", FOCUS, "--ebi", too_long),
        "10,001 characters",
        "more than the 10,000",
    )
    assert_one_line_error(
        _run(data, "findings", "add", TECH, "--focus", FOCUS, "--www", too_long),
        "more than the 10,000",
    )
    assert_one_line_error(
        _run(data, "findings", "edit", finding, "--text", too_long), "more than the 10,000"
    )
    assert db_fingerprint(data) == before

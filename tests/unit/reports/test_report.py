"""The demo Technology review as a signed PDF: its text, its dates, its signatures, boxes
bound to people, and every way a tampered or wrong file is refused."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.db import Database
from app.errors import AppError
from app.identity import (
    certificate_pem,
    create_identity,
    create_network_ca,
    import_issued_certificate,
    issue_certificate,
    trust_root,
)
from app.services.capture import add_note
from app.services.demo import demo_id, load_demo
from app.services.signing import produce_report, sign_report, verify_report
from app.services.writeup import add_finding

TECH = demo_id("review", "tech")
BRO_WYR = demo_id("review", "bro-wyr")
WHEN = lambda: datetime(2026, 11, 24, 16, 0, tzinfo=UTC)  # noqa: E731


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def signed(tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """Writer (Rob Ellis) produces and signs; the host head (Claire Goodwin) countersigns.
    Both certificates are issued by the triad's network root, trusted on both laptops."""
    import keyring

    from tests.conftest import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    base = tmp_path_factory.mktemp("report")
    writer, host, welsh, ca = base / "writer", base / "host", base / "welsh", base / "ca"
    db = Database.open(writer)
    with db.transaction() as s:
        load_demo(s)
        note = add_note(
            s,
            TECH,
            focus="Impact of new initiatives",
            kind="neutral",
            text="Teacher wrote <b>next steps</b> & targets",
            activity="work-scrutiny",
            now=datetime(2026, 11, 12, 14, 0),
        )
        add_finding(
            s,
            TECH,
            focus="Impact of new initiatives",
            kind="www",
            text="Next steps are written & <i>seen</i>",
            evidence=[note.id],
        )
    create_network_ca(ca, "Essex Secondary Triad")
    for folder, name, school in (
        (writer, "Rob Ellis", "Blackwater Academy (137450)"),
        (host, "Claire Goodwin", "Colne Valley High School (137451)"),
        (welsh, "Gwenllian Ŵyn Roberts", "Ysgol Gynradd Tŷ Coch (6612210)"),
    ):
        create_identity(folder, name, f"{name.split()[0].lower()}@x.example", school)
        import_issued_certificate(folder, issue_certificate(ca, certificate_pem(folder), None))
        trust_root(folder, (ca / "network-ca" / "ca.pem").read_bytes())
    with db.read() as s:
        produce_report(s, writer, TECH, base / "tech.pdf", None, clock=WHEN)
        produce_report(s, welsh, BRO_WYR, base / "bro-wyr.pdf", None, clock=WHEN)
        sign_report(
            host, base / "tech.pdf", base / "tech-countersigned.pdf", None, clock=WHEN, db=s
        )
    yield {"writer": writer, "host": host, "welsh": welsh, "dir": base, "db": db}
    db.close()
    keyring.set_keyring(previous)


def test_report_text(signed) -> None:  # type: ignore[no-untyped-def]
    text = _text((signed["dir"] / "tech.pdf").read_bytes())
    flat = re.sub(r"\s+", " ", text)
    assert "Colne Valley High School" in flat
    assert "including the level of challenge, in Technology subjects" in flat
    assert "Impact of new initiatives" in flat
    assert "Year 8 and 9 projects are thought-provoking and challenging" in flat  # a WWW
    assert "Develop further the ways to stretch and challenge students" in flat  # an EBI
    assert "Triad moderation afternoon for Year 9 Technology portfolios" in flat  # a next step
    assert "Teacher wrote <b>next steps</b> & targets" in flat  # escaped, printed as typed
    assert "Next steps are written & <i>seen</i>" in flat
    assert "Fire door" not in flat and "propped open" not in flat  # safeguarding never
    assert "Page 1 of" in flat and "Confidential to Colne Valley High School" in flat


def test_welsh_school_name_prints_exactly(signed) -> None:  # type: ignore[no-untyped-def]
    pdf = (signed["dir"] / "bro-wyr.pdf").read_bytes()  # written by Gwenllian Ŵyn Roberts
    assert "Ysgol Gymraeg Bro Ŵyr" in _text(pdf)
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert "Ysgol Gymraeg Bro Ŵyr" in meta.title and meta.author == "Gwenllian Ŵyn Roberts"


def test_both_signatures_intact_valid_trusted_and_in_their_boxes(signed) -> None:  # type: ignore[no-untyped-def]
    with signed["db"].read() as s:
        result = verify_report(signed["host"], signed["dir"] / "tech-countersigned.pdf", s)
    assert result.ok, result.problem
    assert [(s.field, s.signer, s.box_for) for s in result.signatures] == [
        ("writer", "Rob Ellis", "Rob Ellis"),
        ("host-headteacher", "Claire Goodwin", "Claire Goodwin"),
    ]
    assert all(
        s.intact and s.valid and s.trusted and s.in_own_box and not s.self_signed
        for s in result.signatures
    )
    assert (
        result.signatures[0].changed_after == "later signatures"
        and result.signatures[1].whole_document
    )
    assert (
        result.unsigned_fields == ("co-reviewer-1",) and result.review_id == TECH
    )  # Trevor Mayhew's box waits


def test_creation_date_is_the_injected_clock(signed) -> None:  # type: ignore[no-untyped-def]
    """Not ReportLab's invariant 1 January 2000: the moment the report was produced."""
    meta = PdfReader(io.BytesIO((signed["dir"] / "tech.pdf").read_bytes())).metadata
    assert meta["/CreationDate"] == "D:20261124160000+00'00'"
    assert "Colne Valley High School" in meta.title


def test_the_same_input_and_moment_give_the_same_pdf() -> None:
    from app.reports.data import build_report_data
    from app.reports.layout import render_report
    from app.services.read_models import HostSchool, ReviewDetail

    detail = ReviewDetail(
        id="r",
        title="t",
        host_school=HostSchool(id="s", name="S", welsh_medium=False),
        notes=(),
        activities=(),
        focus_areas=(),
        findings=(),
        team=(),
        actions=(),
        writer="W",
        distribution="host-only",
        network=None,
        context="",
        start_date="2026-11-12",
        end_date="2026-11-12",
        framework="developmental",
        status="planned",
    )
    data = build_report_data(detail)
    first, _ = render_report(data, WHEN())
    assert render_report(data, WHEN())[0] == first
    assert b"D:20261124160000" in first and b"D:20000101" not in first
    assert render_report(data, datetime(2027, 1, 2, 3, 4, tzinfo=UTC))[0] != first


def test_boxes_are_bound_to_people(signed) -> None:  # type: ignore[no-untyped-def]
    """The host head cannot sign the writer's box, nor produce the writer's report; a
    co-reviewer's box is for that co-reviewer."""
    with signed["db"].read() as s:
        with pytest.raises(AppError) as err:
            produce_report(
                s, signed["host"], TECH, signed["dir"] / "not-hers.pdf", None, clock=WHEN
            )
        assert (
            err.value.user_message
            == "This box is for Rob Ellis, the writer; your signing identity is Claire Goodwin."
        )
        with pytest.raises(AppError) as err:
            sign_report(
                signed["host"],
                signed["dir"] / "tech.pdf",
                signed["dir"] / "x.pdf",
                None,
                field="co-reviewer-1",
                db=s,
            )
        assert (
            err.value.user_message
            == "This box is for Trevor Mayhew, the co-reviewer; your signing identity is Claire Goodwin."
        )
        with pytest.raises(AppError) as err:
            sign_report(
                signed["writer"], signed["dir"] / "tech.pdf", signed["dir"] / "x.pdf", None, db=s
            )  # no box left is his
        assert (
            err.value.user_message
            == "This box is for Trevor Mayhew, the co-reviewer; your signing identity is Rob Ellis."
        )
    assert not (signed["dir"] / "not-hers.pdf").exists() and not (signed["dir"] / "x.pdf").exists()


def test_pdfsig_says_both_are_valid(signed) -> None:  # type: ignore[no-untyped-def]
    assert shutil.which("pdfsig"), "pdfsig (poppler-utils) is installed by ./dev"
    out = subprocess.run(
        ["pdfsig", str(signed["dir"] / "tech-countersigned.pdf")], capture_output=True, text=True
    ).stdout
    blocks = [b for b in out.split("Signature #")[1:] if "is not signed" not in b]
    assert len(blocks) == 2
    assert all("Signature Validation: Signature is Valid." in b for b in blocks), out
    assert "Digest Mismatch" not in out


def test_no_signature_field_left_to_sign_twice(signed) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AppError, match="already signed"):
        sign_report(
            signed["host"],
            signed["dir"] / "tech-countersigned.pdf",
            signed["dir"] / "x.pdf",
            None,
            field="host-headteacher",
        )


# --- peerwalk verify on bad files: one sentence, non-zero --------------------------------


def _appended_content_change(pdf: bytes) -> bytes:
    """An incremental update after the last signature that draws over page 1."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    page_ref = w.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    stream = generic.StreamObject(stream_data=b"BT /F1 40 Tf 100 400 Td (APPROVED) Tj ET")
    ref = w.add_object(stream)
    contents = page["/Contents"]
    arr = generic.ArrayObject(
        list(contents) if isinstance(contents, generic.ArrayObject) else [page.raw_get("/Contents")]
    )
    arr.append(ref)
    page["/Contents"] = arr
    w.update_container(page)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def _flip_in_signed_range(pdf: bytes) -> bytes:
    data = bytearray(pdf)
    i = data.index(b"Colne Valley") if b"Colne Valley" in data else len(data) // 3
    data[i + 2] ^= 0x01
    return bytes(data)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (_flip_in_signed_range, "changed since it was signed"),
        (_appended_content_change, "changed after"),
        (lambda pdf: pdf[: len(pdf) // 2], "incomplete"),
        (lambda pdf: b"PK\x03\x04 this is a zip, not a pdf" * 10, "not a PDF"),
    ],
    ids=["flipped-byte", "appended-update", "truncated", "not-a-pdf"],
)
def test_verify_refuses(signed, tmp_path: Path, peerwalk, mutate, message) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import assert_one_line_error

    bad = tmp_path / "bad.pdf"
    bad.write_bytes(mutate((signed["dir"] / "tech-countersigned.pdf").read_bytes()))
    assert_one_line_error(peerwalk("verify", str(bad)), message)


def test_verify_refuses_an_unsigned_pdf(tmp_path: Path, peerwalk) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfgen import canvas

    from tests.conftest import assert_one_line_error

    path = tmp_path / "plain.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(100, 700, "Not signed")
    c.save()
    assert_one_line_error(peerwalk("verify", str(path)), "no signatures")


def test_a_fresh_laptop_sees_intact_but_not_trusted(signed, peerwalk) -> None:  # type: ignore[no-untyped-def]
    r = peerwalk("--json", "verify", str(signed["dir"] / "tech-countersigned.pdf"))
    assert r.code == 3, r.err
    sigs = r.json()["signatures"]
    assert [s["signer"] for s in sigs] == ["Rob Ellis", "Claire Goodwin"]
    assert not any(s["trusted"] for s in sigs) and all(
        s["intact"] and s["in_own_box"] for s in sigs
    )  # no network root here

"""What a report survives: photo files that are missing, damaged or absurd (left out, with a
line saying so), and statements, next steps and activities long enough to cross pages."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

from app.reports.data import EvidenceRef, FocusSection, ReportData, Signer, Statement
from app.reports.layout import render_report
from app.services.writeup import MAX_STATEMENT_CHARS

LEFT_OUT = "A photo could not be included here (its file is missing or damaged)"
BOTTOM_MARGIN = 20 * 72 / 25.4  # layout.py: bottomMargin=20 mm; the footer sits below it

CREATED = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)  # the moment the report is made (injected)


def _report(
    *,
    photos: list[tuple[str, str]] | None = None,
    statement: str = "Pupils explain their design choices.",
    actions: list[list[str]] | None = None,
    activities: list[list[str]] | None = None,
) -> ReportData:
    st = Statement(
        "ebi",
        statement,
        [
            EvidenceRef(
                "E1",
                "Learning walk, Year 9 Design and technology",
                "Pupils compared two hinge designs",
            )
        ],
    )
    return ReportData(
        review_id="r",
        title="Technology review",
        school_name="Colne Valley High School",
        dates="12 November 2026",
        network="Essex Secondary Triad",
        framework="Developmental",
        distribution="Confidential to Colne Valley High School.",
        team=["Rob Ellis (lead reviewer)"],
        writer="Rob Ellis",
        focus_titles=["Challenge in Technology"],
        context="",
        activities=activities or [],
        sections=[FocusSection("Challenge in Technology", "", "", [], [st])],
        actions=actions or [],
        good_practice=[],
        photos=photos or [],
        signers=[Signer("writer", "Writer", "Rob Ellis")],
    )


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _body(pdf: bytes, *repeated: str) -> str:
    """The text without white space, page headers and footers, or the ``repeated`` strings
    (a table's header row on each page, a row's other cells), so text that runs on from one
    page to the next reads as one."""
    text = re.sub(
        r"(ColneValleyHighSchoolPeerreviewreport)?Page\d+of\d+Peerwalkpeerreviewreport",
        "",
        _flat(_text(pdf)),
    )
    for noise in repeated:
        text = text.replace(_flat(noise), "")
    return text


def _images(pdf: bytes) -> list[list[str]]:
    """The filters of every image drawn, page by page."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in (page["/Resources"].get("/XObject") or {}).values():
            obj = ref.get_object()
            if obj["/Subtype"] == "/Image":
                found.append([str(f) for f in obj["/Filter"]])
    return found


def _lowest_body_text(pdf: bytes) -> float:
    """The lowest baseline of any text but the footer, over all pages, in points from the
    bottom: text drawn past the frame would sit below the bottom margin."""
    lowest = 1e9
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text, cm, tm, _font, _size) -> None:  # type: ignore[no-untyped-def]
            nonlocal lowest
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and not text.startswith(("Page ", "Peerwalk peer review report")):
                lowest = min(lowest, y)

        page.extract_text(visitor_text=visit)
    return lowest


def _honest_photo(path: Path) -> Path:
    from PIL import Image

    from app.services.attachments import normalise_photo

    raw = io.BytesIO()
    Image.radial_gradient("L").resize((800, 600)).convert("RGB").save(raw, "JPEG")
    path.write_bytes(normalise_photo(raw.getvalue(), "work.jpg")[0])
    return path


def test_a_photo_that_cannot_be_read_is_left_out_with_a_line_and_the_rest_prints(
    tmp_path: Path,
) -> None:
    from PIL import Image

    good = _honest_photo(tmp_path / "good.jpg")
    garbage = tmp_path / "garbage.jpg"
    garbage.write_bytes(b"\x00\x01 not a photo at all " * 300)
    html = tmp_path / "page.jpg"
    html.write_bytes(b"<!doctype html><html><body>hello</body></html>")
    huge = tmp_path / "huge.jpg"
    Image.new("1", (40000, 40000)).save(huge, "PNG")  # a 1.6-gigapixel PNG under a photo's name
    claims = bytearray(good.read_bytes())
    sof = claims.index(b"\xff\xc0")
    claims[sof + 5 : sof + 9] = (40000).to_bytes(2, "big") * 2
    bomb = tmp_path / "bomb.jpg"
    bomb.write_bytes(bytes(claims))
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(good.read_bytes()[: len(claims) // 2])
    old = tmp_path / "old.jpg"  # stored by a Peerwalk that kept comments: ours, and it prints
    Image.radial_gradient("L").convert("RGB").save(old, "JPEG", comment=b"from an older Peerwalk")
    photos = [
        (str(good), "Year 9 hinge designs"),
        (str(old), "Kept since last year"),
        (str(tmp_path / "missing.jpg"), "A missing photo"),
        (str(garbage), "Garbage bytes"),
        (str(html), "A web page"),
        (str(huge), "A huge PNG"),
        (str(bomb), "A JPEG claiming 40000 px"),
        (str(cut), "Half a JPEG"),
    ]
    pdf, _ = render_report(_report(photos=photos), CREATED)
    text = re.sub(r"\s+", " ", _text(pdf))
    assert text.count(LEFT_OUT) == 6
    for _, caption in photos[2:]:
        assert f"{LEFT_OUT}: “{caption}”" in text
    assert "Year 9 hinge designs" in text and "Kept since last year" in text and "Sign-off" in text
    assert [("/DCTDecode" in filters) for filters in _images(pdf)] == [
        True,
        True,
    ]  # the two photos, embedded as the JPEGs they are


def test_a_statement_of_the_longest_length_allowed_prints_across_pages(tmp_path: Path) -> None:
    sentence = (
        "Even better if every Year 8 lesson made the next step towards the target explicit "
        "for each student. "
    )
    statement = (sentence * (MAX_STATEMENT_CHARS // len(sentence) + 1))[
        : MAX_STATEMENT_CHARS - 8
    ] + " THE END"
    assert len(statement) == MAX_STATEMENT_CHARS
    pdf, boxes = render_report(_report(statement=statement), CREATED)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 4  # cover, the statement over two pages or more, sign-off
    assert _flat(statement) in _body(pdf)  # every word, in order
    assert _body(pdf).index(_flat(statement)) < _body(pdf).index(
        _flat("Pupils compared two hinge designs")
    )  # then its evidence
    assert _lowest_body_text(pdf) >= BOTTOM_MARGIN - 1  # nothing runs into the footer
    assert boxes and boxes[0].page == len(pages) - 1


def test_a_long_next_step_and_a_long_activity_print_across_pages() -> None:
    words = (
        "Moderate Year 9 portfolios with the triad each half term and share the results. " * 130
    )[:10000]
    activity = ["09:00–10:00", "Learning walk", "Technology block", "Y9 DT", words]
    pdf, _ = render_report(
        _report(actions=[[words, "Sam Patel", "1 Feb 2027"]], activities=[activity]), CREATED
    )
    activities = _body(
        pdf,
        "Time Activity Place Year / subject Who",
        "Next step Owner By",
        "Sam Patel 1 Feb 2027",
        *activity[:4],
    )
    assert (
        activities.count(_flat(words)) == 2
    )  # the activity's people and the next step, each whole
    assert _lowest_body_text(pdf) >= BOTTOM_MARGIN - 1


def _lowest_text_per_page(pdf: bytes) -> list[float]:
    """Each page's lowest baseline of body text (not the header or footer), in points from
    the bottom; the page's height when it has none."""
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        top = float(page.mediabox.height) - 22 * 72 / 25.4  # layout.py: topMargin=22 mm
        lowest = float(page.mediabox.height)

        def visit(text, cm, tm, _font, _size, top=top) -> None:  # type: ignore[no-untyped-def]
            nonlocal lowest
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and BOTTOM_MARGIN - 1 <= y <= top:
                lowest = min(lowest, y)

        page.extract_text(visitor_text=visit)
        out.append(lowest)
    return out


def test_no_page_but_the_last_is_left_mostly_empty() -> None:
    """Sign-off follows the last section on its page when it fits (it used to start a page of
    its own, leaving the last two pages half empty), and no page between the cover and the
    last ends before its middle, over reports of 1 to 14 statements."""
    half = 297 * 72 / 25.4 / 2
    for n in range(1, 15):
        data = _report()
        data.sections[0].areas[:] = [
            Statement("ebi", f"Statement {i}: " + "Pupils explain their choices. " * 12, [])
            for i in range(n)
        ]
        pdf, boxes = render_report(data, CREATED)
        lows = _lowest_text_per_page(pdf)
        assert all(y < half for y in lows[1:-1]), (n, lows)
        if n == 1:  # cover, then the statement with the sign-off below it
            assert len(lows) == 2 and boxes[0].page == 1

"""Render a report (ReportData) to PDF bytes with ReportLab, and say where the signatures go.

User text is escaped before it reaches Paragraph markup, so a note with ``<b>`` or ``&`` prints
as typed. DejaVu Sans (shipped in resources/fonts) prints Welsh ŵ and ŷ. ``invariant=1``
makes the output byte-identical for the same input (golden tests, reproducible signatures).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.reports.data import ReportData, Statement
from app.reports.fonts import BOLD, FONT, register_fonts

INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#1d5c63")
MUTED = colors.HexColor("#5f6b76")
WWW_TINT = colors.HexColor("#e8f3ef")
EBI_TINT = colors.HexColor("#fdf3e4")
SIG_W, SIG_H = 80 * mm, 32 * mm
FRAME_W = A4[0] - 40 * mm  # the page between its 20 mm margins
AGENDA_ALWAYS = 2  # time and activity are printed even when empty
AGENDA = (("Time", 28), ("Activity", 42), ("Place", 28), ("Year / subject", 30), ("Who", 0))


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body", fontName=FONT, fontSize=10, leading=14, textColor=INK, alignment=TA_LEFT
    )
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11.5, textColor=MUTED),
        "quote": ParagraphStyle(
            "quote", parent=base, fontSize=8.5, leading=11.5, textColor=MUTED, leftIndent=10
        ),
        "cover_kicker": ParagraphStyle(
            "kicker", parent=base, fontSize=11, textColor=ACCENT, spaceAfter=6
        ),
        "cover_title": ParagraphStyle(
            "ctitle", parent=base, fontName=BOLD, fontSize=24, leading=30, spaceAfter=8
        ),
        "cover_sub": ParagraphStyle("csub", parent=base, fontSize=13, leading=18, spaceAfter=18),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            keepWithNext=1,
            fontName=BOLD,
            fontSize=15,
            leading=20,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=8,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            keepWithNext=1,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "label": ParagraphStyle(
            "label",
            parent=base,
            fontName=BOLD,
            fontSize=9,
            leading=12,
            textColor=MUTED,
            keepWithNext=1,
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
    }


def p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text: escaped, line breaks kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


@dataclass
class SignatureBox:
    field_name: str
    page: int  # 0-based
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF points


class _SignatureSpace(Flowable):  # type: ignore[misc]  # reportlab ships no types
    """An empty, labelled box where a signature field will be placed; records where it landed."""

    def __init__(self, field_name: str, role: str, name: str, sink: list[SignatureBox]) -> None:
        super().__init__()
        self.field_name, self.role, self.name, self.sink = field_name, role, name, sink
        self.width, self.height = SIG_W, SIG_H + 12 * mm

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(colors.HexColor("#b8c2cc"))
        c.setDash(2, 2)
        c.rect(0, 12 * mm, SIG_W, SIG_H)
        c.setDash()
        c.setFillColor(INK)
        c.setFont(BOLD, 9.5)
        c.drawString(0, 7 * mm, self.role)
        c.setFont(FONT, 9.5)
        c.drawString(0, 2.5 * mm, self.name or "")
        x, y = c.absolutePosition(0, 12 * mm)
        self.sink.append(
            SignatureBox(self.field_name, c.getPageNumber() - 1, (x, y, x + SIG_W, y + SIG_H))
        )


class _Created:
    """ReportLab's TimeStamp for a given moment (UTC): ``invariant=1`` keeps the output
    byte-identical for the same input, but would date every report 1 January 2000."""

    def __init__(self, when: datetime) -> None:
        utc = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
        self.t = utc.timestamp()
        self.lt = utc.timetuple()
        self.YMDhms = tuple(self.lt)[:6]
        self.dhh = self.dmm = 0
        self.tzname = "UTC"


def _numbered_canvas(  # type: ignore[no-untyped-def]
    school: str,
    title: str,
    created: datetime,
    mark: str = "",
    footer: str = "Peerwalk peer review report",
):
    class NumberedCanvas(rl_canvas.Canvas):  # type: ignore[misc]  # reportlab ships no types
        """Two passes in one: remember each page, then draw 'Page X of Y' on all of them."""

        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = _Created(created)  # CreationDate and ModDate
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            page = self._pageNumber
            w, h = A4
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
            if page > 1:
                self.drawString(20 * mm, h - 12 * mm, school)
                self.drawRightString(w - 20 * mm, h - 12 * mm, title)
                self.setStrokeColor(colors.HexColor("#d5dbe1"))
                self.line(20 * mm, h - 14 * mm, w - 20 * mm, h - 14 * mm)
            self.drawRightString(w - 20 * mm, 10 * mm, f"Page {page} of {total}")
            self.drawString(20 * mm, 10 * mm, footer)
            if mark:  # a draft: said at the top of every page, and across it
                self.setFont(FONT, 10)
                self.setFillColor(colors.HexColor("#b00020"))
                self.drawCentredString(w / 2, h - 8 * mm, mark)
                self.saveState()
                self.setFont(FONT, 40)
                self.setFillColor(colors.HexColor("#b00020"), alpha=0.12)
                self.translate(w / 2, h / 2)
                self.rotate(45)
                self.drawCentredString(0, 0, mark)
                self.restoreState()

    return NumberedCanvas


def _statement(st: Statement, s: dict[str, ParagraphStyle]) -> Table:
    """A tinted block: the label beside the statement, then its evidence. One row per part,
    and rows that may split across pages (``splitInRow``), so a statement of any accepted
    length (app.services.writeup.MAX_STATEMENT_CHARS) flows on to the next page."""
    label = "What went well" if st.kind == "www" else "Even better if"
    parts = [p(st.text, s["body"])]
    if st.good_practice:
        parts.append(Paragraph("<b>Good practice to share with the network</b>", s["small"]))
    for ev in st.evidence:
        parts.append(
            Paragraph(
                f"<b>{escape(ev.label)}</b> {escape(ev.source)}: “{escape(ev.quote)}”", s["quote"]
            )
        )
    if not st.evidence:
        parts.append(Paragraph("No evidence linked to this statement.", s["quote"]))
    rows = [[Paragraph(label, s["label"]) if i == 0 else "", part] for i, part in enumerate(parts)]
    t = Table(rows, colWidths=[32 * mm, None], splitInRow=1)
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), WWW_TINT if st.kind == "www" else EBI_TINT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    return t


def _photo(path: str) -> Image | None:
    """The photo at ``path`` as a flowable, or None when it cannot be printed: missing,
    unreadable, too large, or not a JPEG that decodes. The checked bytes are the ones printed
    (read once), so a photo can never stop the report."""
    from app.photos import MAX_PHOTO_BYTES, NotOurPhoto, check_photo

    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PHOTO_BYTES + 1)
        check_photo(
            data, metadata_allowed=True
        )  # photos stored before comments were stripped still print
    except (OSError, NotOurPhoto):
        return None
    return Image(io.BytesIO(data))


def _table(
    header: list[str],
    rows: list[list[str]],
    widths: list[float | None],
    s: dict[str, ParagraphStyle],
) -> Table:
    data = [[Paragraph(escape(h), s["label"]) for h in header]]
    data += [[p(c, s["cell"]) for c in row] for row in rows]
    t = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)  # a long next step flows on
    t.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#d5dbe1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def agenda_table(
    rows: list[list[str]],
    s: dict[str, ParagraphStyle],
    columns: tuple[tuple[str, int], ...] = AGENDA,
) -> Table:
    """The day's agenda (by default time, activity, place, year / subject, who; the pack's
    splits who into visitor and host colleague), leaving out a column that is empty on every
    row; the last column takes the rest of the width."""
    keep = [i for i in range(len(columns)) if i < AGENDA_ALWAYS or any(r[i] for r in rows)]
    widths: list[float | None] = [columns[i][1] * mm for i in keep[:-1]] + [None]
    return _table([columns[i][0] for i in keep], [[r[i] for i in keep] for r in rows], widths, s)


def cover(
    kind: str,
    s: dict[str, ParagraphStyle],
    *,
    school: str,
    dates: str,
    network: str,
    focus: list[str],
    team: list[str],
) -> list[Flowable]:
    """The top of a cover page, the same on the report and the pre-visit pack: what the
    document is, the school, the day and network, the focus and the visiting team."""
    return [
        Spacer(1, 30 * mm),
        Paragraph(kind, s["cover_kicker"]),
        p(school, s["cover_title"]),
        p(dates + (f" · {network}" if network else ""), s["cover_sub"]),
        Paragraph("Focus chosen by the school", s["h2"]),
        *[p(f"• {t}", s["body"]) for t in focus],
        Paragraph("Visiting team", s["h2"]),
        *[p(t, s["body"]) for t in team],
    ]


def render_report(
    data: ReportData, created: datetime, mark: str = ""
) -> tuple[bytes, list[SignatureBox]]:
    """PDF bytes and where each signature field goes (on the last page). ``created`` is the
    document's CreationDate (the caller's clock); the same data and moment give the same bytes.
    ``mark`` (a draft's "Draft for factual accuracy") is printed on every page."""
    register_fonts()
    s = _styles()
    boxes: list[SignatureBox] = []
    story: list[Flowable] = [
        *cover(
            "Peer review report",
            s,
            school=data.school_name,
            dates=data.dates,
            network=data.network,
            focus=data.focus_titles,
            team=data.team,
        ),
        p(f"Report written by {data.writer}." if data.writer else "", s["body"]),
        Paragraph("Who may read this report", s["h2"]),
        p(data.distribution, s["body"]),
        Spacer(1, 8 * mm),
        p(
            "This is a developmental peer review, not an inspection: colleagues from partner "
            "schools "
            "looked at the focus the school chose and report what went well and what would be even "
            "better, each resting on evidence seen on the day."
            + (f" Framework: {data.framework}." if data.framework else ""),
            s["small"],
        ),
        PageBreak(),
    ]
    if data.summary:
        story += [Paragraph("Summary", s["h1"]), p(data.summary, s["body"]), Spacer(1, 4 * mm)]
    if data.context:
        story += [Paragraph("Context", s["h1"]), p(data.context, s["body"]), Spacer(1, 4 * mm)]
    if data.activities:
        story += [Paragraph("The day", s["h1"]), agenda_table(data.activities, s)]
    if data.since is not None:
        from app.reports.followup import since_flowables

        story += [CondPageBreak(60 * mm), *since_flowables(data.since, s)]
    for section in data.sections:
        story += [CondPageBreak(60 * mm), Paragraph(escape(section.title), s["h1"])]
        if data.show_estimates and section.estimate:
            story.append(p(f"Estimate agreed with the school: {section.estimate}", s["small"]))
        for st in section.strengths + section.areas:
            story += [_statement(st, s), Spacer(1, 3 * mm)]
        if not section.strengths and not section.areas:
            story.append(p("No statements were written for this focus area.", s["small"]))
    if data.actions:
        story += [
            CondPageBreak(50 * mm),
            Paragraph("Agreed next steps", s["h1"]),
            _table(["Next step", "Owner", "By"], data.actions, [None, 45 * mm, 25 * mm], s),
        ]
    if data.good_practice:
        story += [
            CondPageBreak(40 * mm),
            Paragraph("Good practice identified", s["h1"]),
            *[p(f"• {g}", s["body"]) for g in data.good_practice],
        ]
    for path, caption in data.photos:
        img = _photo(path)
        if img is None:
            story.append(
                p(
                    "A photo could not be included here (its file is missing or damaged): "
                    f"“{caption}”.",
                    s["small"],
                )
            )
            continue
        scale = min(160 * mm / img.imageWidth, 100 * mm / img.imageHeight, 1.0)
        img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
        story += [KeepTogether([img, p(caption, s["small"]), Spacer(1, 4 * mm)])]
    signoff: list[Flowable] = [Paragraph("Sign-off", s["h1"])]
    signoff.append(
        p(
            "The writer signs when the report is produced; co-reviewers may add their signatures, "
            "and the "
            "receiving headteacher acknowledges it. Each is a digital signature: any PDF reader "
            "can show "
            "that the report has not changed since it was signed.",
            s["body"],
        )
    )
    signoff.append(Spacer(1, 8 * mm))
    cells = [_SignatureSpace(sg.field_name, sg.role, sg.name, boxes) for sg in data.signers]
    grid = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
    signoff.append(
        Table(
            grid,
            colWidths=[(FRAME_W - 12) / 2] * 2,  # inside the frame (6 pt padding each side)
            hAlign="LEFT",
            style=[
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8 * mm),
            ],
        )
    )
    # On the page of the last section when it fits there (a page of its own left the last
    # two pages each half empty); a new page only when it does not.
    story.append(KeepTogether(signoff))

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title=f"Peer review report: {data.school_name}, {data.dates}",
        author=data.writer or "Peerwalk",
        subject=", ".join(data.focus_titles),
        creator="Peerwalk",
        invariant=1,
    )
    doc.build(
        story, canvasmaker=_numbered_canvas(data.school_name, "Peer review report", created, mark)
    )
    return buf.getvalue(), boxes

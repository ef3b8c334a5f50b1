"""Render a network's board summary (app/services/board.py) to PDF, with one signature box
for the person who prepared it; same look as the report (app/reports/layout.py)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, SimpleDocTemplate, Spacer

from app.reports.fonts import register_fonts
from app.reports.layout import (
    SignatureBox,
    _numbered_canvas,
    _SignatureSpace,
    _styles,
    _table,
    p,
)

if TYPE_CHECKING:
    from app.services.board import BoardSummary

FIELD = "coordinator"


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_summary(
    data: BoardSummary, preparer: str, created: datetime
) -> tuple[bytes, list[SignatureBox]]:
    """PDF bytes and where the preparer's signature field goes."""
    from app.dates import display_date
    from app.services.practice import STAGES

    register_fonts()
    s = _styles()
    boxes: list[SignatureBox] = []
    story: list[Flowable] = [
        Paragraph("Summary for the partnership board", s["cover_kicker"]),
        p(data.network, s["cover_title"]),
        p(f"As at {display_date(data.made_on)} · {len(data.schools)} schools", s["cover_sub"]),
        p(
            "Figures only: nothing written during a review appears here. Stages and next steps "
            "are as each school published them; good practice is what host schools released.",
            s["small"],
        ),
        Paragraph("Reviews", s["h1"]),
        p(
            f"{_n(data.reviews_held, 'review')} held and {data.reviews_planned} planned"
            + (f"; {data.rota_visits} visits on this year's rota." if data.rota_visits else "."),
            s["body"],
        ),
        _table(
            ["School", "Reviews hosted"],
            [[name, str(n)] for name, n in data.hosted],
            [120 * mm, 50 * mm],
            s,
        ),
        CondPageBreak(40 * mm),
        Paragraph("Focus themes", s["h1"]),
    ]
    if data.themes:
        story.append(
            _table(
                ["Theme (framework area)", "Focus areas"],
                [[t, str(n)] for t, n in data.themes],
                [130 * mm, 40 * mm],
                s,
            )
        )
    if data.own_words:
        story.append(
            p(f"{data.own_words} focus areas were chosen in a school's own words.", s["small"])
        )
    if not data.themes and not data.own_words:
        story.append(p("No focus areas are recorded yet.", s["small"]))
    story += [CondPageBreak(40 * mm), Paragraph("Good practice released", s["h1"])]
    if data.released:
        story.append(
            _table(
                ["School", "Focus", "What to see", "Contact"],
                [list(r) for r in data.released],
                [38 * mm, 42 * mm, 58 * mm, 32 * mm],
                s,
            )
        )
    else:
        story.append(p("No school has released good practice yet.", s["small"]))
    grid = data.grid
    story += [CondPageBreak(40 * mm), Paragraph("Where schools say they are", s["h1"])]
    if grid.areas:
        story.append(
            p(
                "Stages: "
                + ", ".join(f"{n} {w}" for n, w in STAGES.items())
                + ". Next steps: done of all agreed, when the school last published.",
                s["small"],
            )
        )
        rows = [
            [
                name,
                *(
                    grid.cells[(sid, a)].words if (sid, a) in grid.cells else "–"
                    for a in grid.areas
                ),
                "{}/{}".format(*grid.steps[sid]) if sid in grid.steps else "–",
            ]
            for sid, name in grid.schools
        ]
        share = 125 * mm / (len(grid.areas) + 1)
        widths = [45 * mm, *([share] * (len(grid.areas) + 1))]
        story.append(_table(["School", *grid.areas, "Next steps"], rows, widths, s))
    else:
        story.append(p("No school has published its stages yet.", s["small"]))
    story += [
        Spacer(1, 10 * mm),
        CondPageBreak(60 * mm),
        _SignatureSpace(FIELD, "Prepared by", preparer, boxes),
    ]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title=f"Partnership board summary: {data.network}",
        author=preparer,
        creator="Peerwalk",
        invariant=1,
    )
    doc.build(story, canvasmaker=_numbered_canvas(data.network, "Board summary", created))
    return buf.getvalue(), boxes

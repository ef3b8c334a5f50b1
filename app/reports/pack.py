"""Render the pre-visit pack (PackData) to PDF bytes, in the report's look (app/reports/layout.py:
its styles, fonts, header and page numbers). Not signed: it is a working document for the day.

Its last page is a one-page briefing for host staff on what a joint observation is and is not,
in the words of the schools that do this (the network seeds and PRODUCT.md).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.reports.followup import Since

# The pack's agenda: who pairs with whom, visitor and host colleague apart (columns empty on
# every row are left out, as in the report).
PACK_AGENDA = (
    ("Time", 28),
    ("Activity", 40),
    ("Place", 24),
    ("Year / subject", 26),
    ("Visitor", 26),
    ("Host colleague", 0),
)

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

# The briefing for host staff: what a joint observation is, and what it is not.
BRIEFING_INTRO = (
    "Visiting headteachers from our partner schools will spend part of the day in lessons. "
    "Where you see a colleague from another school in your lesson, this is what it means."
)
JOINT_OBSERVATION_IS = (
    "Done with you, not to you. A visiting headteacher observes alongside one of our own "
    "leaders; both write notes, and they talk about what they saw together afterwards.",
    "About the focus our school chose. The school decided what the visit looks at and asked "
    "the visitors to look at it; the lesson is evidence for that question, not a test of you.",
    "Developmental peer review: honest professional dialogue between colleagues who are doing "
    "the day job, so that both schools reflect on their own practice and learn from each other.",
    "Evidence for 'What went well' and 'Even better if' about the school, each resting on "
    "what was seen on the day, including practice worth sharing with the other schools.",
    "Confidential to our school. The report comes to our leadership team; the school decides "
    "whether to share it further. Only practice flagged as good practice goes to the network.",
)
JOINT_OBSERVATION_IS_NOT = (
    "An inspection, or a mock Ofsted. There are no grades, and no judgement on any lesson.",
    "A judgement on you as a teacher. Nothing from the visit is used for appraisal or "
    "capability, and individual teachers are not named in the report.",
    "A show lesson. Teach what you would have taught; the visitors want to see the ordinary "
    "day, and what they see helps their own schools too.",
    "Something done to the department. The school chose the focus and who takes part, and "
    "you are welcome to ask the visitor what they noticed.",
)
BRIEFING_CLOSE = (
    "We are responsible to each other, not for each other. Trust comes first: what is said "
    "in the room stays in the room."
)


@dataclass
class PackFocus:
    title: str
    prompts: list[str]
    self_evaluation: str
    look_at: str


@dataclass
class PackData:
    school_name: str
    title: str
    dates: str
    network: str
    framework: str
    team: list[str]
    host_staff: list[str]
    writer: str
    context: str
    focus: list[PackFocus]
    agenda: list[list[str]]  # time, activity, place, year / subject, visitor, host colleague
    ground_rules: list[str]
    since: Since | None = None


def _focus(f: PackFocus, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from app.reports.layout import p

    out: list[Flowable] = [p(f.title, s["h2"])]
    out.append(Paragraph("The school's own view", s["label"]))
    out.append(p(f.self_evaluation or "Not written yet.", s["body"]))
    if f.look_at:
        out += [Paragraph("Please look at", s["label"]), p(f.look_at, s["body"])]
    if f.prompts:
        out.append(Paragraph("Prompts", s["label"]))
        out += [p(f"• {q}", s["small"]) for q in f.prompts]
    return [*out, Spacer(1, 2 * mm)]


def _briefing(s: dict[str, ParagraphStyle]) -> list[Flowable]:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

    from app.reports.layout import p

    body: list[Flowable] = [
        Paragraph("For host staff: joint observation", s["h1"]),
        p(BRIEFING_INTRO, s["body"]),
        Spacer(1, 3 * mm),
        Paragraph("What a joint observation is", s["h2"]),
        *[p(f"• {t}", s["body"]) for t in JOINT_OBSERVATION_IS],
        Paragraph("What it is not", s["h2"]),
        *[p(f"• {t}", s["body"]) for t in JOINT_OBSERVATION_IS_NOT],
        Spacer(1, 4 * mm),
        p(BRIEFING_CLOSE, s["small"]),
    ]
    return [PageBreak(), KeepTogether(body)]


def render_pack(data: PackData, created: datetime) -> tuple[bytes, int]:
    """PDF bytes and the number of pages. ``created`` is the document's CreationDate."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, SimpleDocTemplate, Spacer

    from app.reports.followup import since_flowables
    from app.reports.fonts import register_fonts
    from app.reports.layout import _numbered_canvas, _styles, agenda_table, cover, p

    register_fonts()
    s = _styles()
    story: list[Flowable] = [
        *cover(
            "Pre-visit pack",
            s,
            school=data.school_name,
            dates=data.dates,
            network=data.network,
            focus=[f.title for f in data.focus],
            team=data.team,
        ),
        p(f"The report will be written by {data.writer}." if data.writer else "", s["body"]),
    ]
    if data.host_staff:
        story += [
            Paragraph("Host staff taking part", s["h2"]),
            p(", ".join(data.host_staff), s["body"]),
        ]
    story += [
        Spacer(1, 8 * mm),
        p(
            "For the visiting team and the school's staff taking part, to read before the day. "
            "It holds what the school has chosen to share about itself; keep it within the "
            "review." + (f" Framework: {data.framework}." if data.framework else ""),
            s["small"],
        ),
        PageBreak(),
    ]
    if data.context:
        story += [Paragraph("The school's context", s["h1"]), p(data.context, s["body"])]
    story.append(Paragraph("The focus, in the school's own words", s["h1"]))
    for f in data.focus:
        story += _focus(f, s)
    if data.agenda:
        story += [
            CondPageBreak(50 * mm),
            Paragraph("The day: who pairs with whom", s["h1"]),
            agenda_table(data.agenda, s, PACK_AGENDA),
        ]
    if data.ground_rules:
        story += [
            CondPageBreak(40 * mm),
            Paragraph(f"Ground rules of the {data.network or 'network'}", s["h1"]),
            *[p(f"• {r}", s["body"]) for r in data.ground_rules],
        ]
    if data.since is not None:
        story += [CondPageBreak(60 * mm), *since_flowables(data.since, s, with_view=False)]
    story += _briefing(s)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title=f"Pre-visit pack: {data.school_name}, {data.dates}",
        author="Peerwalk",
        subject=", ".join(f.title for f in data.focus),
        creator="Peerwalk",
        invariant=1,
    )
    doc.build(
        story,
        canvasmaker=_numbered_canvas(
            data.school_name, "Pre-visit pack", created, footer="Peerwalk pre-visit pack"
        ),
    )
    return buf.getvalue(), doc.page

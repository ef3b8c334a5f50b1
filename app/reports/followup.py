""" "Since our last visit": what became of each EBI of the visit before, as plain data and as
ReportLab flowables (shared by the report, app/reports/layout.py, and the pre-visit pack,
app/reports/pack.py). User text is escaped (app.reports.layout.p)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

STATUS_WORDS = {"open": "Not started", "in-progress": "In progress", "done": "Done"}


@dataclass
class StepDone:
    text: str
    owner: str
    due: str
    status: str  # "Done", "In progress", "Not started"
    impact: str


@dataclass
class EarlierEbi:
    focus: str
    text: str
    steps: list[StepDone]
    view_now: list[tuple[str, str]]  # (kind, text) of this visit's statements about it


@dataclass
class Since:
    title: str
    when: str  # "12 November 2026"
    ebis: list[EarlierEbi]
    other_steps: list[StepDone] = field(default_factory=list)


def _long(iso: str | None) -> str:
    if not iso:
        return ""
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


def _step(a: dict[str, Any]) -> StepDone:
    return StepDone(
        a["text"],
        a["owner"],
        _long(a["due"]),
        STATUS_WORDS.get(a["status"], a["status"]),
        a["impact"] or "",
    )


def since_from_detail(last: dict[str, Any] | None) -> Since | None:
    """Shape ``since_last_visit`` (app.services.followup_source) for printing."""
    if not last:
        return None
    return Since(
        last["title"],
        _long(last["start_date"]),
        [
            EarlierEbi(
                e["focus"],
                e["text"],
                [_step(a) for a in e["actions"]],
                [(v["kind"], v["text"]) for v in e["view_now"]],
            )
            for e in last["ebis"]
        ],
        [_step(a) for a in last["other_actions"]],
    )


def since_flowables(
    since: Since, s: dict[str, ParagraphStyle], *, with_view: bool = True
) -> list[Flowable]:
    """A heading, a sentence, then one tinted block per earlier EBI: the EBI, what was done
    (each next step, its status and impact), and (in the report) the team's view now."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    from app.reports.layout import p

    intro = (
        f"At our visit on {since.when} ({since.title}) we agreed these areas to develop. "
        "For each: what the school has done since, and "
        + ("our view now." if with_view else "what the team will look for on this visit.")
    )
    out: list[Flowable] = [
        KeepTogether([Paragraph("Since our last visit", s["h1"]), p(intro, s["body"])]),
        Spacer(1, 3 * mm),
    ]
    for ebi in since.ebis:
        out += [KeepTogether([_ebi_block(ebi, s, with_view), Spacer(1, 3 * mm)])]
    if since.other_steps:
        out.append(Paragraph("Other next steps agreed then", s["h2"]))
        for st in since.other_steps:
            out.append(p(_step_text(st), s["body"]))
    return out


def _step_text(st: StepDone) -> str:
    who = f", {st.owner}" if st.owner else ""
    by = f", due {st.due}" if st.due else ""
    impact = f" Impact: {st.impact}" if st.impact else ""
    return f"• {st.text} ({st.status}{who}{by}).{impact}"


def _ebi_block(ebi: EarlierEbi, s: dict[str, ParagraphStyle], with_view: bool) -> Flowable:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    from app.reports.layout import EBI_TINT, p

    rows: list[list[Any]] = [
        [Paragraph("Even better if", s["label"]), p(ebi.text, s["body"])],
        ["", p(f"Focus then: {ebi.focus}", s["small"])],
    ]
    done = [p(_step_text(st), s["body"]) for st in ebi.steps] or [
        p("No next step was agreed for this.", s["small"])
    ]
    rows += [
        [Paragraph("What was done" if i == 0 else "", s["label"]), d] for i, d in enumerate(done)
    ]
    if with_view:
        views = [
            p(("What went well: " if k == "www" else "Even better if: ") + t, s["body"])
            for k, t in ebi.view_now
        ] or [p("Not looked at on this visit.", s["small"])]
        rows += [
            [Paragraph("Our view now" if i == 0 else "", s["label"]), v]
            for i, v in enumerate(views)
        ]
    t = Table(rows, colWidths=[32 * mm, None], splitInRow=1)
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), EBI_TINT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    return t

"""What a report says, as plain data: built from a review's detail, rendered by layout.py.

Only what may go to the report's readers is here: never safeguarding records, and evidence as
short references and quotes (not every note of the day).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.reports.followup import Since, since_from_detail

if TYPE_CHECKING:
    from app.services.read_models import ReviewDetail

from app.dates import display_date, display_range

DISTRIBUTION_TEXT = {
    "host-only": "Confidential to {school}. It goes to the school's leadership; the school "
    "decides whether to share it further.",
    "review-team": "Shared with {school} and the visiting review team only.",
    "network": "{school} has agreed to share this report with the {network} network.",
}
ACTIVITY_NAMES = {
    "learning-walk": "Learning walk",
    "joint-observation": "Joint lesson observation",
    "interview": "Interview",
    "pupil-discussion": "Pupil discussion",
    "work-scrutiny": "Scrutiny of pupils' work",
    "meeting": "Meeting",
}
QUOTE_CHARS = 160


@dataclass
class EvidenceRef:
    label: str  # "E3"
    source: str  # "Joint lesson observation, Year 9 Design and technology"
    quote: str


@dataclass
class Statement:
    kind: str  # "www" | "ebi"
    text: str
    evidence: list[EvidenceRef]
    good_practice: bool = False


@dataclass
class FocusSection:
    title: str
    code: str
    estimate: str
    strengths: list[Statement]
    areas: list[Statement]


@dataclass
class Signer:
    field_name: str  # the PDF signature field
    role: str  # "Writer", "Co-reviewer", "Receiving headteacher"
    name: str


@dataclass
class ReportData:
    review_id: str
    title: str
    school_name: str
    dates: str
    network: str
    framework: str
    distribution: str
    team: list[str]
    writer: str
    focus_titles: list[str]
    context: str
    activities: list[list[str]]  # rows: time, activity, place, detail, who
    sections: list[FocusSection]
    actions: list[list[str]]  # rows: next step, owner, due
    good_practice: list[str]
    photos: list[tuple[str, str]] = field(default_factory=list)  # (path, caption)
    signers: list[Signer] = field(default_factory=list)
    show_estimates: bool = False
    summary: str = ""
    since: Since | None = None  # "Since our last visit", for a follow-up visit


def build_report_data(
    detail: ReviewDetail,
    *,
    framework_name: str = "",
    estimates: bool = False,
    host_headteacher: str = "",
    photo_paths: dict[str, str] | None = None,
    signers: list[Signer] | None = None,
) -> ReportData:
    """Shape a review (``app.services.reviews.review_detail``) into what the report prints.
    ``signers`` are the signature boxes (app.services.report_source.signoff_for_review); when
    not given they are made from the detail (writer, other reviewers, host headteacher)."""
    school = detail.host_school.name if detail.host_school else ""
    notes = {n.id: n for n in detail.notes}
    activities = {a.id: a for a in detail.activities}
    labels: dict[str, str] = {}

    def ref(note_id: str) -> EvidenceRef | None:
        note = notes.get(note_id)
        if note is None:
            return None
        label = labels.setdefault(note_id, f"E{len(labels) + 1}")
        act = activities.get(note.activity_id or "")
        source = ACTIVITY_NAMES.get(act.kind, "Evidence") if act else "Evidence"
        if act and (act.year_group or act.subject):
            source += ", " + " ".join(x for x in (act.year_group, act.subject) if x)
        text = note.text.strip()
        quote = (
            text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"
        )
        return EvidenceRef(label, source, quote)

    sections = []
    for area in detail.focus_areas:
        statements = [
            Statement(f.kind, f.text, [r for r in map(ref, f.evidence) if r], f.good_practice)
            for f in detail.findings
            if f.focus_id == area.id and not f.follows_finding_id
        ]
        sections.append(
            FocusSection(
                area.title,
                area.code,
                area.estimate,
                [s for s in statements if s.kind == "www"],
                [s for s in statements if s.kind == "ebi"],
            )
        )
    team = [
        f"{t.name} ({'lead reviewer' if t.role == 'lead' else 'reviewer'})"
        for t in detail.team
        if t.role in ("lead", "reviewer")
    ]
    host_staff = [t.name or "" for t in detail.team if t.role == "host-staff"]
    rows = []
    authors: dict[str, list[str]] = {}
    for n in detail.notes:
        names = authors.setdefault(n.activity_id or "", [])
        if n.author and n.author not in names:
            names.append(n.author)
    for a in detail.activities:
        # Who took part: the pairing planned on the agenda, else whoever wrote its notes.
        who = " with ".join(x for x in (a.reviewer, a.host_colleague) if x) or ", ".join(
            authors.get(a.id, [])
        )
        time = f"{a.starts}–{a.ends}" if a.starts and a.ends else a.starts
        detail_text = " ".join(x for x in (a.year_group, a.subject) if x)
        rows.append(
            [
                time,
                a.title or ACTIVITY_NAMES.get(a.kind, a.kind),
                a.place,
                detail_text,
                who,
            ]
        )
    actions = [
        [a.text, a.owner or "", display_date(a.due)]
        for a in detail.actions
        if a.status != "dropped"
    ]
    good = [f.text for f in detail.findings if f.good_practice]
    distribution = DISTRIBUTION_TEXT.get(
        detail.distribution, DISTRIBUTION_TEXT["host-only"]
    ).format(school=school, network=detail.network or "partner")
    reviewers = [t for t in detail.team if t.role in ("lead", "reviewer")]
    if signers is None:
        signers = [Signer("writer", "Writer", detail.writer or "")]
        signers += [
            Signer(f"co-reviewer-{i}", "Co-reviewer", t.name or "")
            for i, t in enumerate((t for t in reviewers if t.name != detail.writer), start=1)
        ]
        signers.append(Signer("host-headteacher", "Receiving headteacher", host_headteacher))
    photos = []
    for n in detail.notes:
        for sha in n.report_photos:
            if photo_paths and sha in photo_paths:
                photos.append((photo_paths[sha], n.text[:120]))
    return ReportData(
        review_id=detail.id,
        title=detail.title,
        school_name=school,
        dates=display_range(detail.start_date, detail.end_date),
        network=detail.network or "",
        framework=framework_name,
        distribution=distribution,
        team=team + ([f"Host staff taking part: {', '.join(host_staff)}"] if host_staff else []),
        writer=detail.writer or "",
        focus_titles=[a.title for a in detail.focus_areas],
        context=detail.context,
        activities=rows,
        sections=sections,
        actions=actions,
        good_practice=good,
        photos=photos,
        signers=signers,
        show_estimates=estimates,
        summary=detail.summary,
        since=since_from_detail(detail.since_last_visit),
    )

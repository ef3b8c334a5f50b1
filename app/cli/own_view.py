"""peerwalk reviews context REVIEW --text T | reviews sef REVIEW --focus F --text T [--look-at T]
| reviews summary REVIEW --text T | reviews view-now REVIEW --earlier EBI --text T [--kind K]

The host school's own view before the day, the writer's summary after it, and the team's view
now of an earlier visit's EBIs. Nested under ``reviews`` (registered by app/cli/reviews.py).
"""

from __future__ import annotations

from typing import Any

from app.cli import Output
from app.cli.edits import changed, one_id


def register_review_commands(s) -> None:  # type: ignore[no-untyped-def]
    ctx = s.add_parser("context", help="the host school's context (host school only)")
    ctx.add_argument("review")
    ctx.add_argument("--text", required=True)
    ctx.set_defaults(handler=handle_context)
    sef = s.add_parser("sef", help="the host school's own view of a focus area (host school only)")
    sef.add_argument("review")
    sef.add_argument("--focus", required=True, help="one of the review's focus areas")
    sef.add_argument("--text", required=True, help="the school's self-evaluation of it")
    sef.add_argument("--look-at", help="what the school wants the team to look at")
    sef.set_defaults(handler=handle_sef)
    summary = s.add_parser("summary", help="the writer's overall summary for the report")
    summary.add_argument("review")
    summary.add_argument("--text", required=True)
    summary.set_defaults(handler=handle_summary)
    view = s.add_parser(
        "view-now", help="the team's view now of an EBI from the visit this one follows up"
    )
    view.add_argument("review")
    view.add_argument("--earlier", required=True, help="the earlier visit's EBI (its id)")
    view.add_argument("--text", required=True)
    view.add_argument("--kind", default="www", help="www (met) or ebi (still to do)")
    view.set_defaults(handler=handle_view_now)


def handle_context(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.followup import set_context

    with ctx.transaction() as session:
        changes = set_context(session, args.review, args.text)
    rid = one_id(changes, "reviews")
    return changed(rid, changes, f"Context of review {rid[:8]} saved.")


def handle_sef(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.followup import set_self_evaluation

    with ctx.transaction() as session:
        changes = set_self_evaluation(
            session, args.review, args.focus, text=args.text, look_at=args.look_at
        )
    rid = one_id(changes, "reviews")
    return changed(rid, changes, f"Self-evaluation saved in review {rid[:8]}.")


def handle_summary(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.followup import set_summary

    with ctx.transaction() as session:
        changes = set_summary(session, args.review, args.text)
    rid = one_id(changes, "reviews")
    return changed(rid, changes, f"Summary of review {rid[:8]} saved.")


def handle_view_now(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.followup import record_view_now

    with ctx.transaction() as session:
        finding = record_view_now(
            session, args.review, args.earlier, text=args.text, kind=args.kind
        )
        fid = finding.id
    return Output({"id": fid}, fid)


def render_before_and_after(d: dict[str, Any]) -> list[str]:
    """The lines ``reviews show`` adds: the school's own view, and last visit's EBIs."""
    lines: list[str] = []
    if d.get("summary"):
        lines += ["", f"Summary: {d['summary']}"]
    own = [a for a in d["focus_areas"] if a.get("self_evaluation") or a.get("look_at")]
    if d.get("context") or own:
        lines += ["", "The school's own view:"]
        if d.get("context"):
            lines.append(f"  Context: {d['context']}")
        for a in own:
            lines.append(f"  {a['title']}: {a['self_evaluation'] or '-'}")
            if a.get("look_at"):
                lines.append(f"    Please look at: {a['look_at']}")
    last = d.get("since_last_visit")
    if last:
        lines += ["", f"Since our last visit ({last['title']}, {last['start_date']}):"]
        for e in last["ebis"]:
            lines.append(f"  EBI: {e['text']}  [{e['id'][:8]}]")
            for a in e["actions"]:
                lines.append(_action_line(a))
            for v in e["view_now"]:
                lines.append(f"    Our view now ({v['kind'].upper()}): {v['text']}")
        if last["other_actions"]:
            lines.append("  Other next steps:")
            lines += [_action_line(a) for a in last["other_actions"]]
    return lines


def _action_line(a: dict[str, Any]) -> str:
    impact = f" Impact: {a['impact']}" if a["impact"] else ""
    return f"    - {a['text']} ({a['status']}, due {a['due']}){impact}  [{a['id'][:8]}]"

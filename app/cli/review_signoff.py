"""peerwalk reviews check REVIEW | reviews countersigned REVIEW FILE.pdf
| reviews distribution REVIEW --to host-only|review-team|network

Sign-off sub-commands of ``reviews`` (registered by app/cli/reviews.py), thin over
app/services/signoff_check.py and app/services/signoff.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.cli import Output


def register(s: Any) -> None:
    check = s.add_parser(
        "check", help="the checklist before signing: what blocks the report, what to look at"
    )
    check.add_argument("review")
    check.set_defaults(handler=handle_check)
    counter = s.add_parser(
        "countersigned",
        help="record the host headteacher's countersignature from a received report",
    )
    counter.add_argument("review")
    counter.add_argument("file", type=Path, help="the countersigned report (PDF)")
    counter.set_defaults(handler=handle_countersigned)
    dist = s.add_parser(
        "distribution", help="who may read the report (the host school decides, at any time)"
    )
    dist.add_argument("review")
    dist.add_argument("--to", required=True, help="host-only, review-team or network")
    dist.set_defaults(handler=handle_distribution)


def _lines(title: str, items: Any) -> list[str]:
    return [title, *[f"  - {i.message}" for i in items]] if items else []


def handle_check(args: Any, ctx: Any) -> Output:
    """Exit 0 when nothing blocks the report (warnings are listed); otherwise the list on
    standard output and one sentence on standard error, exit 1."""
    from app.errors import NotReadyToSign
    from app.services.signoff_check import blocking_sentence, check_review

    with ctx.read() as session:
        check = check_review(session, args.review)
    data = check.as_json()
    lines = [f"{check.title} [{check.review_id[:8]}], {check.status.replace('-', ' ')}"]
    lines += _lines("Blocks the report:", check.blocking)
    lines += _lines("To look at (does not block):", check.warnings)
    if check.ready:
        lines.append(
            "Nothing blocks the report."
            if check.warnings
            else "Nothing blocks the report, and nothing needs a second look."
        )
        return Output(data, "\n".join(lines))
    print(json.dumps(data, ensure_ascii=False) if ctx.json else "\n".join(lines), flush=True)
    raise NotReadyToSign(
        blocking_sentence(check),
        review_id=check.review_id,
        blocking=tuple(i.message for i in check.blocking),
    )


def handle_countersigned(args: Any, ctx: Any) -> Output:
    """A signer's certificate not trusted here is refused, naming the command that trusts one
    (by hand, after comparing its fingerprint with its owner): never trusted by itself."""
    from app.errors import UntrustedCertificate
    from app.services.signoff import record_countersigned

    try:
        with ctx.transaction() as session:
            done = record_countersigned(session, ctx.data_dir, args.review, args.file)
    except UntrustedCertificate as exc:
        raise UntrustedCertificate(
            f"This copy was signed by {exc.signer}'s certificate, which this laptop has not "
            f"been told to trust yet (fingerprint {exc.fingerprint}): compare that fingerprint "
            f"with the one {exc.signer} reads out from 'peerwalk identity show', then trust "
            "their certificate with 'peerwalk identity trust-cert FILE.pem --yes' (they write "
            "it with 'peerwalk identity export-cert') and run this again; nothing was recorded.",
            signer=exc.signer,
            fingerprint=exc.fingerprint,
            pem=exc.pem,
        ) from None
    data = {"id": done.review_id, "recorded": list(done.recorded), "status": done.status}
    if "countersigned" in done.recorded:
        text = f"Countersignature recorded: review {done.review_id[:8]} is now {done.status}."
    else:
        text = (
            f"The countersignature was already recorded; review {done.review_id[:8]} is "
            f"{done.status}."
        )
    return Output(data, text)


def handle_distribution(args: Any, ctx: Any) -> Output:
    from app.services.signoff import set_distribution

    with ctx.transaction() as session:
        review = set_distribution(session, args.review, args.to)
        data = {"id": review.id, "distribution": review.distribution}
    return Output(data, f"Review {data['id'][:8]}: the report goes to {data['distribution']}.")

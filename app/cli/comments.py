"""peerwalk comments add FINDING --text T [--author NAME] | comments list REVIEW
| comments answer COMMENT: the host school's comments on a draft's statements."""

from __future__ import annotations

from typing import Any

from app.cli import Output
from app.cli.format import table


def register(sub: Any) -> None:
    p = sub.add_parser("comments", help="the host's comments on a draft's statements")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = s.add_parser("add", help="comment on a statement (the host school)")
    add.add_argument("finding", help="the statement's id (or its first characters)")
    add.add_argument("--text", required=True)
    add.add_argument("--author", help="who comments (default: not named)")
    add.set_defaults(handler=handle_add)
    lst = s.add_parser("list", help="a review's comments beside their statements")
    lst.add_argument("review")
    lst.set_defaults(handler=handle_list)
    answer = s.add_parser("answer", help="mark a comment answered (the visiting team)")
    answer.add_argument("comment", help="the comment's id (or its first characters)")
    answer.set_defaults(handler=handle_answer)


def handle_add(args: Any, ctx: Any) -> Output:
    from app.services.comments import add_comment

    with ctx.transaction() as session:
        comment = add_comment(session, args.finding, args.text, args.author)
        cid = comment.id
    return Output({"id": cid}, cid)


def handle_list(args: Any, ctx: Any) -> Output:
    from app.services.comments import list_comments

    with ctx.read() as session:
        comments = list_comments(session, args.review)
    rows = [
        {
            **c.as_json(),
            "statement": f"{c.finding_kind.upper()}: {c.finding_text}",
            "state": "answered" if c.answered else "open",
        }
        for c in comments
    ]
    cols = [("id", "Id"), ("statement", "Statement"), ("text", "Comment"), ("state", "State")]
    return Output(rows, table(rows, cols, "No comments on this review's statements."))


def handle_answer(args: Any, ctx: Any) -> Output:
    from app.services.comments import answer_comment

    with ctx.transaction() as session:
        comment = answer_comment(session, args.comment)
        cid = comment.id
    return Output(
        {"id": cid, "changes": {"comments": [cid]}}, f"Comment {cid[:8]} marked answered."
    )

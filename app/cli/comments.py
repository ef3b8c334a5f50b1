"""peerwalk comments add FINDING --text T [--author NAME] | comments list REVIEW
| comments answer COMMENT | comments reopen COMMENT | comments edit COMMENT --text T
| comments delete COMMENT | comments restore COMMENT: the host school's comments on a draft's
statements (made, reworded, withdrawn by the host; answered and re-opened by the team)."""

from __future__ import annotations

from collections.abc import Callable
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
    reopen = s.add_parser("reopen", help="take back 'answered' (the visiting team)")
    reopen.add_argument("comment", help="the comment's id (or its first characters)")
    reopen.set_defaults(handler=handle_reopen)
    edit = s.add_parser("edit", help="reword a comment (the host school)")
    edit.add_argument("comment", help="the comment's id (or its first characters)")
    edit.add_argument("--text", required=True)
    edit.set_defaults(handler=handle_edit)
    delete = s.add_parser("delete", help="withdraw a comment (the host school)")
    delete.add_argument("comment", help="the comment's id (or its first characters)")
    delete.set_defaults(handler=handle_delete)
    restore = s.add_parser("restore", help="bring back a withdrawn comment (the host school)")
    restore.add_argument("comment", help="the comment's id (or its first characters)")
    restore.set_defaults(handler=handle_restore)


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

    return _changed(ctx, answer_comment, args.comment, "marked answered")


def handle_reopen(args: Any, ctx: Any) -> Output:
    from app.services.comments import reopen_comment

    return _changed(ctx, reopen_comment, args.comment, "re-opened")


def handle_edit(args: Any, ctx: Any) -> Output:
    from app.services.comments import edit_comment

    return _changed(ctx, lambda s, ref: edit_comment(s, ref, args.text), args.comment, "reworded")


def handle_delete(args: Any, ctx: Any) -> Output:
    from app.services.comments import delete_comment

    return _changed(ctx, delete_comment, args.comment, "withdrawn")


def handle_restore(args: Any, ctx: Any) -> Output:
    from app.services.comments import restore_comment

    return _changed(ctx, restore_comment, args.comment, "brought back")


def _changed(ctx: Any, change: Callable[[Any, str], Any], ref: str, done: str) -> Output:
    """One change to one comment, in one transaction; the same JSON for each."""
    with ctx.transaction() as session:
        cid = change(session, ref).id
    return Output({"id": cid, "changes": {"comments": [cid]}}, f"Comment {cid[:8]} {done}.")

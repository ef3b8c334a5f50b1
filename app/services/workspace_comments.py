"""The Workspace's calls that correct the factual-accuracy round (issue 11): the host school
rewords, withdraws or brings back its comment; the writer re-opens one marked answered. Each is
one unit of work that returns what changed, and each is the inverse Edit > Undo runs for
another (withdraw <-> bring back, answer <-> re-open, a rewording <-> the old words), so every
mistake in the round can be taken back from the window. A mixin, as app.services.
workspace_network's NetworkCalls, so the window reaches these services through the Workspace.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.services.changes import Changes


class CommentCalls:
    """Mixed into Workspace, which provides ``_write``."""

    _write: Callable[..., Any]

    def edit_comment(self, comment_id: str, text: str) -> Changes:
        """Raises NotFound, InvalidInput (empty, too long), NotThisSchool."""
        from app.services.comments import edit_comment

        changes: Changes = self._write(lambda s: edit_comment(s, comment_id, text)).changes
        return changes

    def delete_comment(self, comment_id: str) -> Changes:
        """Withdraw a comment (a tombstone that travels). Raises NotFound, NotThisSchool."""
        from app.services.comments import delete_comment

        changes: Changes = self._write(lambda s: delete_comment(s, comment_id)).changes
        return changes

    def restore_comment(self, comment_id: str) -> Changes:
        """Raises NotFound, NotThisSchool."""
        from app.services.comments import restore_comment

        changes: Changes = self._write(lambda s: restore_comment(s, comment_id)).changes
        return changes

    def reopen_comment(self, comment_id: str) -> Changes:
        """Raises NotFound, NotThisSchool."""
        from app.services.comments import reopen_comment

        changes: Changes = self._write(lambda s: reopen_comment(s, comment_id)).changes
        return changes


__all__ = ["CommentCalls"]

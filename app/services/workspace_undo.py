"""The Workspace's calls that take back a creation (Edit › Undo): the ones no other page
already needed. A mixin so the window reaches them like every other service: through the
Workspace, one unit of work each."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.services.changes import Changes


class UndoCalls:
    """Mixed into Workspace, which provides ``_write``."""

    _write: Callable[..., Any]

    def delete_planned_review(self, review_id: str) -> Changes:
        """Take back a visit planned by mistake, while nothing is written in it. Raises
        NotFound, NotThisSchool, InUse."""
        from app.services.unplan import delete_planned_review

        changes: Changes = self._write(lambda s: delete_planned_review(s, review_id)).changes
        return changes

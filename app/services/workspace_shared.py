"""The Workspace's call for the last step of a review in the window: the countersigned report
has been given to those it goes to, so the review is "shared" (until now only `reviews status
REVIEW shared` on the command line recorded it; the window's status stopped at countersigned).
A mixin, so the window reaches the service the same way as every other: through the
Workspace, one unit of work."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.changes import Changes


class SharedCalls:
    """Mixed into Workspace, which provides ``_write``."""

    _write: Callable[..., Any]

    def mark_shared(self, review_id: str) -> Changes:
        """Record that the countersigned report was given out. Raises StatusNotReached (with
        its sentence) before the host headteacher's countersignature is recorded, NotFound."""
        from app.services.reviews import set_status

        def run(session: Session) -> None:
            set_status(session, review_id, "shared")

        from app.services.changes import Changes

        # The status is written without a change-log entry (app/services/status.py): the
        # changes name the review, so its pages show the new status at once.
        changes: Changes = self._write(run).changes | Changes.of(reviews=review_id)
        return changes

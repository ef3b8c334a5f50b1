"""Small steps the GUI tests share: reviews open off the GUI thread, so wait for them."""

from __future__ import annotations

from typing import Any


def open_review(window: Any, qtbot: Any, review_id: str) -> Any:
    """Open a review on Review day (as Home and Search do) and wait until it is on screen."""
    capture = window.capture
    with qtbot.waitSignal(capture.loaded, timeout=10_000, check_params_cb=lambda rid: rid == review_id):
        window.open_review(review_id)
    return capture


def open_write_up(window: Any, qtbot: Any, review_id: str) -> Any:
    """Go to Write-up on a review and wait until its evidence and statements are shown."""
    page = window.writeup
    with qtbot.waitSignal(page.loaded, timeout=10_000, check_params_cb=lambda rid: rid == review_id):
        window.nav.setCurrentRow(3)
        page.reload_reviews(review_id)
    return page

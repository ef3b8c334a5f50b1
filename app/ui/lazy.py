"""A stand-in for the Workspace while the database layer loads just after the first paint.

Any call made before it is ready simply waits for the load (a fraction of a second), so pages
never see a half-made workspace.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any


class LazyWorkspace:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._ws: Any = None
        self._lock = threading.Lock()

    def load(self) -> Any:
        with self._lock:
            if self._ws is None:
                from app.services.workspace import Workspace

                self._ws = Workspace(self.data_dir)
            return self._ws

    def load_in_background(self) -> None:
        from app.ui.ops import run_in_background

        run_in_background(self.load, lambda _ws: None, lambda _exc: None)  # errors resurface on use

    @property
    def ready(self) -> bool:
        return self._ws is not None

    def close(self) -> None:
        from app.ui.ops import wait_for_all

        wait_for_all()
        if self._ws is not None:
            self._ws.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.load(), name)

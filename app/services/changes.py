"""What a use case changed, so each view decides what to redraw (Anki's ``OpChanges``, ours).

A service that edits or deletes returns a :class:`Changes`: for each kind of record, the ids
it created, edited or deleted (a deleted id is listed too; a view re-reads and finds it gone).
It says *what* changed, not how: a view that shows any of those ids re-reads them.

The kinds, and what counts as each:

- ``reviews``: a review's plan changed: its dates, focus areas, visiting team, writer, host
  staff or status. The review's id, not the ids of its focus areas or team rows.
- ``notes``: evidence notes (a photo added to or removed from a note counts as its note).
- ``findings``: WWW/EBI statements (linking or unlinking evidence counts as the finding).
- ``actions``: agreed next steps.
- ``schools``, ``people``: those records.
- ``networks``: a network's name, ground rules or member schools.

Values are immutable and combine with ``|`` (or :meth:`union`), so one user action made of
several service calls reports one ``Changes``. ``bool(changes)`` is False when nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

Ids = frozenset[str]
_NONE: Ids = frozenset()


@dataclass(frozen=True)
class Changes:
    reviews: Ids = _NONE
    notes: Ids = _NONE
    findings: Ids = _NONE
    actions: Ids = _NONE
    schools: Ids = _NONE
    people: Ids = _NONE
    networks: Ids = _NONE

    @classmethod
    def of(cls, **ids: Any) -> Changes:
        """``Changes.of(notes="id")`` or ``Changes.of(notes=["a", "b"])``: a str is one id."""
        return cls(**{k: frozenset([v] if isinstance(v, str) else v) for k, v in ids.items()})

    def union(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) | getattr(other, f.name) for f in fields(self)})

    __or__ = union

    def kinds(self) -> frozenset[str]:
        """The names of the kinds with at least one id ("notes", "reviews", ...)."""
        return frozenset(f.name for f in fields(self) if getattr(self, f.name))

    def __bool__(self) -> bool:
        return bool(self.kinds())


NOTHING = Changes()

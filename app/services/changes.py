"""What a use case changed, so each view decides what to redraw (Anki's ``OpChanges``, ours).

A service that creates, edits or deletes returns a :class:`Changes`: for each kind of record,
the ids it created, edited or deleted (a deleted id is listed too; a view re-reads and finds it
gone). It says *what* changed, not how: a view that shows any of those ids re-reads them. The
window also reads one from the change log a transaction wrote
(app/services/changelog_changes.py), broadcasts it, and each page redraws only what it shows.
Plain data, no Qt.

The kinds, and what counts as each:

- ``reviews``: a review's plan changed: its dates, focus areas, visiting team, writer, host
  staff or status. A record inside a review (a note, a finding, a next step, an activity) is
  listed under its own kind, and its review under ``reviews``.
- ``notes``: evidence notes (a photo added to or removed from a note counts as its note).
- ``findings``: WWW/EBI statements (linking or unlinking evidence counts as the finding).
- ``actions``: agreed next steps. ``activities``: the agenda of the day.
- ``schools``, ``people``: those records. ``networks``: a network's name, rules or schools.
- ``settings``: this laptop's own settings (its school, its name).

Values are immutable and combine with ``|`` (or :meth:`union`), so one user action made of
several service calls reports one ``Changes``. ``bool(changes)`` is False when nothing changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

Ids = frozenset[str]
_NONE: Ids = frozenset()
KINDS = (
    "reviews",
    "notes",
    "findings",
    "actions",
    "people",
    "schools",
    "networks",
    "activities",
    "settings",
)


@dataclass(frozen=True)
class Changes:
    reviews: Ids = _NONE
    notes: Ids = _NONE
    findings: Ids = _NONE
    actions: Ids = _NONE
    people: Ids = _NONE
    schools: Ids = _NONE
    networks: Ids = _NONE
    activities: Ids = _NONE
    settings: Ids = _NONE

    @classmethod
    def of(cls, **kinds: str | Iterable[str | None] | None) -> Changes:
        """``Changes.of(notes="id")`` or ``Changes.of(notes=[a, b], reviews=[r])``: a str is one
        id; ``None`` ids are left out. Raises TypeError for a kind that does not exist."""
        out = {}
        for kind, ids in kinds.items():
            items = [ids] if isinstance(ids, str) or ids is None else list(ids)
            out[kind] = frozenset(i for i in items if i)
        return cls(**out)

    def union(self, *others: Changes) -> Changes:
        return Changes(
            **{
                f.name: frozenset().union(
                    getattr(self, f.name), *(getattr(o, f.name) for o in others)
                )
                for f in fields(self)
            }
        )

    def __or__(self, other: Changes) -> Changes:
        return self.union(other)

    def kinds(self) -> frozenset[str]:
        """The names of the kinds with at least one id ("notes", "reviews", ...)."""
        return frozenset(f.name for f in fields(self) if getattr(self, f.name))

    def touches(self, *kinds: str) -> bool:
        """True when any record of any of ``kinds`` changed."""
        return any(getattr(self, kind) for kind in kinds)

    def __bool__(self) -> bool:
        return bool(self.kinds())


NOTHING = Changes()

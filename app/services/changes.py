"""What a change did, as a value: which records of which kind changed.

A use case that changes data says so with a ``Changes``; the window broadcasts it and each page
redraws only what it shows (Anki's ``OpChanges``, in our words). Plain data, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

KINDS = ("reviews", "notes", "findings", "actions", "people", "schools", "networks", "activities", "settings")


@dataclass(frozen=True)
class Changes:
    """One frozenset of ids per kind of record. A record inside a review (a note, a finding, a
    next step, an activity) is listed under its own kind, and its review under ``reviews``."""

    reviews: frozenset[str] = frozenset()
    notes: frozenset[str] = frozenset()
    findings: frozenset[str] = frozenset()
    actions: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    schools: frozenset[str] = frozenset()
    networks: frozenset[str] = frozenset()
    activities: frozenset[str] = frozenset()
    settings: frozenset[str] = frozenset()

    @classmethod
    def of(cls, **kinds: Iterable[str | None]) -> Changes:
        """``Changes.of(notes=[note_id], reviews=[review_id])``; ``None`` ids are left out.
        Raises TypeError for a kind that does not exist."""
        return cls(**{kind: frozenset(i for i in ids if i) for kind, ids in kinds.items()})

    def union(self, *others: Changes) -> Changes:
        return Changes(**{f.name: frozenset().union(getattr(self, f.name), *(getattr(o, f.name) for o in others)) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def touches(self, *kinds: str) -> bool:
        """True when any record of any of ``kinds`` changed."""
        return any(getattr(self, kind) for kind in kinds)


NOTHING = Changes()

"""The words the window shows for the practice's fixed vocabulary, marked for translation.

Strings in module-level tables are not seen by ``pyside6-lupdate`` unless marked with
QT_TRANSLATE_NOOP (TECH-NOTES); ``label(...)`` translates them when they are shown, so a Welsh
translation loaded at start-up applies everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "labels"

NOTE_KINDS = {
    "strength": QT_TRANSLATE_NOOP("labels", "Strength"),
    "area": QT_TRANSLATE_NOOP("labels", "Area to consider"),
    "neutral": QT_TRANSLATE_NOOP("labels", "Neutral"),
}
# The key that marks a note of each kind (Alt+letter), chosen to survive translation.
NOTE_KIND_KEYS = {"strength": "S", "area": "A", "neutral": "N"}

ACTIVITIES = {
    "learning-walk": QT_TRANSLATE_NOOP("labels", "Learning walk"),
    "joint-observation": QT_TRANSLATE_NOOP("labels", "Joint lesson observation"),
    "interview": QT_TRANSLATE_NOOP("labels", "Interview"),
    "pupil-discussion": QT_TRANSLATE_NOOP("labels", "Pupil discussion"),
    "work-scrutiny": QT_TRANSLATE_NOOP("labels", "Scrutiny of pupils' work"),
    "meeting": QT_TRANSLATE_NOOP("labels", "Meeting"),
}

# Whose box a signature fills, by the report's signature field (co-reviewer-1, -2 ... share one).
SIGNATURE_BOXES = {
    "writer": QT_TRANSLATE_NOOP("labels", "the writer"),
    "co-reviewer": QT_TRANSLATE_NOOP("labels", "a co-reviewer"),
    "host-headteacher": QT_TRANSLATE_NOOP("labels", "the receiving headteacher"),
}


def signature_box(field: str) -> str:
    """``field`` in words ("host-headteacher" -> "the receiving headteacher")."""
    key = "co-reviewer" if field.startswith("co-reviewer") else field
    return label(SIGNATURE_BOXES, key) if key in SIGNATURE_BOXES else field


# What the capture panel of each kind of activity asks for (shown above the note box).
ACTIVITY_HINTS = {
    "learning-walk": QT_TRANSLATE_NOOP(
        "labels",
        "Room by room: set the room (Alt+R), then note what you see there. A photo of work on "
        "display: Alt+P (never of faces).",
    ),
    "joint-observation": QT_TRANSLATE_NOOP(
        "labels",
        "Both partners record: choose whose note it is (By, Alt+B). The visitors' notes and the "
        "host colleague's show side by side, to compare afterwards.",
    ),
    "interview": QT_TRANSLATE_NOOP(
        "labels", "Note what was said, and by whom; quote their words where they matter."
    ),
    "pupil-discussion": QT_TRANSLATE_NOOP(
        "labels", "Pupils' voice: note their own words in quotes, never their names."
    ),
    "work-scrutiny": QT_TRANSLATE_NOOP(
        "labels",
        "Books and portfolios: note what the work shows; add a photo of work with Alt+P or drop "
        "one on the window (never of faces).",
    ),
    "meeting": QT_TRANSLATE_NOOP(
        "labels", "Note what was agreed and what the school said about its own evaluation."
    ),
}

DISTRIBUTIONS = {
    "host-only": QT_TRANSLATE_NOOP(
        "labels", "Confidential to the host school (it decides what to share)"
    ),
    "review-team": QT_TRANSLATE_NOOP("labels", "The host school and the visiting team"),
    "network": QT_TRANSLATE_NOOP("labels", "The whole network (the host school has agreed)"),
}

STATUSES = {
    "planned": QT_TRANSLATE_NOOP("labels", "planned"),
    "in-progress": QT_TRANSLATE_NOOP("labels", "in progress"),
    "written-up": QT_TRANSLATE_NOOP("labels", "written up"),
    "accuracy-check": QT_TRANSLATE_NOOP("labels", "accuracy check"),
    "signed": QT_TRANSLATE_NOOP("labels", "signed"),
    "countersigned": QT_TRANSLATE_NOOP("labels", "countersigned"),
    "shared": QT_TRANSLATE_NOOP("labels", "shared"),
}

FINDING_KINDS = {
    "www": QT_TRANSLATE_NOOP("labels", "What went well"),
    "ebi": QT_TRANSLATE_NOOP("labels", "Even better if"),
}

ROLES = {
    "headteacher": QT_TRANSLATE_NOOP("labels", "Headteacher"),
    "deputy-headteacher": QT_TRANSLATE_NOOP("labels", "Deputy headteacher"),
    "assistant-headteacher": QT_TRANSLATE_NOOP("labels", "Assistant headteacher"),
    "subject-leader": QT_TRANSLATE_NOOP("labels", "Subject leader"),
    "senco": QT_TRANSLATE_NOOP("labels", "SENCo"),
    "teacher": QT_TRANSLATE_NOOP("labels", "Teacher"),
    "teaching-assistant": QT_TRANSLATE_NOOP("labels", "Teaching assistant"),
    "governor": QT_TRANSLATE_NOOP("labels", "Governor"),
    "facilitator": QT_TRANSLATE_NOOP("labels", "Network facilitator"),
}

NETWORK_KINDS = {
    "triad": QT_TRANSLATE_NOOP("labels", "triad"),
    "group": QT_TRANSLATE_NOOP("labels", "group"),
    "sig": QT_TRANSLATE_NOOP("labels", "school improvement group"),
}


def label(table: dict[str, str], key: str | None) -> str:
    """The translated word for ``key`` in ``table`` (the key itself if unknown)."""
    if key is None:
        return ""
    text = table.get(key)
    return QCoreApplication.translate(CONTEXT, text) if text else key


def tr(text: str) -> str:
    """Translate a sentence in this module's context (for helpers that are not QObjects)."""
    return QCoreApplication.translate(CONTEXT, text)

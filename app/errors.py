"""Errors whose text is safe, and useful, to show a headteacher.

Anything that is the user's or the environment's fault (a bad date, a missing
file, a database from a newer Peerwalk) is an :class:`AppError`; its message is
one plain sentence. Any other exception is a bug and is reported as one.
"""

from __future__ import annotations


class AppError(Exception):
    """A failure the user can act on. ``str(error)`` is the sentence to show."""

    exit_code = 1

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class NotFound(AppError):
    """Something named by id or name does not exist."""


class InvalidInput(AppError):
    """Typed input or a file's content is not acceptable."""


class DatabaseTooNew(AppError):
    """The database was written by a newer Peerwalk than this one."""


class IntegrityFailure(AppError):
    """A signature, hash or package failed verification."""


class UntrustedSender(IntegrityFailure):
    """A package from a laptop this one has not trusted, or whose pinned facts (school,
    encryption key) it now states differently. Carries what a front end needs to ask the
    user: who, which school, the key's fingerprint, and why."""

    def __init__(self, user_message: str, *, name: str, school_id: str, fingerprint: str, reason: str) -> None:
        super().__init__(user_message)
        self.name, self.school_id, self.fingerprint, self.reason = name, school_id, fingerprint, reason


class NotEntitled(IntegrityFailure):
    """A package carries a change its author's school may not make (docs/authority.md)."""


# --- Kinds that carry data, so each front end can word them (the command line names its
# flags, the window its fields). A service message never names a command-line flag.


class BadDate(InvalidInput):
    """Typed text that is not a date written YYYY-MM-DD (``reason == "format"``), or that
    names a day that does not exist (``reason == "no-such-day"``, e.g. 2027-02-30)."""

    def __init__(self, user_message: str, *, text: str, what: str, reason: str) -> None:
        super().__init__(user_message)
        self.text, self.what, self.reason = text, what, reason


class ImplausibleDate(InvalidInput):
    """A real date outside the range that makes sense: ``value`` must be from ``earliest``
    to ``latest`` (``latest`` None: no upper bound)."""

    def __init__(self, user_message: str, *, what: str, value: object, earliest: object, latest: object = None) -> None:
        super().__init__(user_message)
        self.what, self.value, self.earliest, self.latest = what, value, earliest, latest


class EmptyStatement(InvalidInput):
    """A WWW/EBI statement that is empty or only its placeholder ("What went well:").
    ``finding_id`` is set when an existing statement was being edited: a front end can offer
    to delete it instead."""

    def __init__(self, user_message: str, *, finding_id: str | None = None) -> None:
        super().__init__(user_message)
        self.finding_id = finding_id


class HostStaffOnTeam(InvalidInput):
    """A person from the school being reviewed named as a visitor (lead, reviewer, writer),
    or a visitor named as host staff."""

    def __init__(self, user_message: str, *, person_id: str, school_id: str | None) -> None:
        super().__init__(user_message)
        self.person_id, self.school_id = person_id, school_id


class InUse(InvalidInput):
    """A record others rest on cannot be removed: ``counts`` says what rests on it
    (e.g. ``{"notes": 3, "findings": 1}``)."""

    def __init__(self, user_message: str, *, record_id: str, counts: dict[str, int]) -> None:
        super().__init__(user_message)
        self.record_id, self.counts = record_id, counts


class SiteNotSet(AppError):
    """This laptop has not been told which school it belongs to (needed for packages)."""


class NoIdentity(NotFound):
    """There is no signing identity on this laptop yet."""


class IdentityExists(AppError):
    """This laptop already has a signing identity."""


class NoNetworkRoot(NotFound):
    """This laptop does not run a network root (CA)."""


class IsNetworkRoot(InvalidInput):
    """A network root certificate given where a person's certificate was expected."""


class PackageAudience(InvalidInput):
    """Who a package is for was not said (``reason == "none"``) or said twice
    (``reason == "both"``)."""

    def __init__(self, user_message: str, *, reason: str) -> None:
        super().__init__(user_message)
        self.reason = reason


class NoEncryptionKey(AppError):
    """A package cannot be encrypted to ``school`` (no package has come from it yet)."""

    def __init__(self, user_message: str, *, school: str) -> None:
        super().__init__(user_message)
        self.school = school


class IncompletePackage(IntegrityFailure):
    """A package refers to records this laptop does not have (the sender should send all)."""


class NoSuchConflict(NotFound):
    """No open conflict has the id (or id start) ``conflict_id``."""

    def __init__(self, user_message: str, *, conflict_id: str) -> None:
        super().__init__(user_message)
        self.conflict_id = conflict_id


class ResolutionNeeded(InvalidInput):
    """Resolving a conflict needs exactly one of: a version to keep, or new text."""


class NotThisSchool(InvalidInput):
    """An edit this laptop's school may not make (partners would refuse it on import, see
    docs/authority.md); ``school_id`` is this laptop's school."""

    def __init__(self, user_message: str, *, school_id: str) -> None:
        super().__init__(user_message)
        self.school_id = school_id

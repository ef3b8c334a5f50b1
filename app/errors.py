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

    def __init__(
        self, user_message: str, *, name: str, school_id: str, fingerprint: str, reason: str
    ) -> None:
        super().__init__(user_message)
        self.name, self.school_id, self.fingerprint, self.reason = (
            name,
            school_id,
            fingerprint,
            reason,
        )


class NotEntitled(IntegrityFailure):
    """A package carries a change its author's school may not make (docs/authority.md)."""


class AlreadyImported(IntegrityFailure):
    """The package was imported before: nothing is wrong, and there is nothing new in it.

    An IntegrityFailure so code that refuses a replayed package still refuses it; the command
    line's ``import`` reports it as success ("nothing new").
    """

    def __init__(self, package_id: str = "") -> None:
        super().__init__("This package was already imported; nothing changed.")
        self.package_id = package_id


class StorageProblem(AppError):
    """The disk or the folder, not the input and not a bug: full, read-only, missing, or not
    ours. ``where`` is the folder concerned. Every sentence says that nothing was lost, which
    holds because each command is one transaction and files are written whole or not at all."""

    def __init__(self, user_message: str, where: str) -> None:
        super().__init__(user_message)
        self.where = where


class DiskFull(StorageProblem):
    def __init__(self, where: object) -> None:
        super().__init__(
            f"The disk that holds {where} is full, so Peerwalk could not save there; nothing was "
            "lost. "
            "Free some space and try again.",
            str(where),
        )


class ReadOnlyFolder(StorageProblem):
    def __init__(self, where: object) -> None:
        super().__init__(
            f"The folder {where} is read-only, so Peerwalk cannot save anything there; nothing "
            "was lost.",
            str(where),
        )


class FolderMissing(StorageProblem):
    def __init__(self, where: object) -> None:
        super().__init__(
            f"The folder {where} does not exist (is the drive it is on plugged in?); nothing was "
            "lost.",
            str(where),
        )


class PermissionDenied(StorageProblem):
    def __init__(self, where: object) -> None:
        super().__init__(
            f"This user is not allowed to use {where} (a permission problem); nothing was lost. "
            "Ask whoever looks after this computer.",
            str(where),
        )


def storage_problem(exc: BaseException, folder: object) -> StorageProblem | None:
    """The StorageProblem behind ``exc``, or None when it is something else (a bug, bad input).

    Understands OSError by errno (ENOSPC, EDQUOT, EROFS, EACCES, EPERM; the folder is taken
    from the error's file name when it has one) and SQLite's own words, from ``sqlite3`` or
    wrapped by SQLAlchemy ("database or disk is full", "attempt to write a readonly database",
    "unable to open database file", "disk I/O error"), which SQLite reports without an errno;
    for those the state of ``folder`` (the data folder) decides which it is.
    """
    if isinstance(exc, OSError) and exc.errno is not None:
        return _os_error_problem(exc, folder)
    message = str(getattr(exc, "orig", None) or exc).lower()
    if "database or disk is full" in message:
        return DiskFull(folder)
    if "readonly database" in message:
        return ReadOnlyFolder(folder)
    if "unable to open database file" in message or "disk i/o error" in message:
        return folder_problem(folder)
    return None


def _os_error_problem(exc: OSError, folder: object) -> StorageProblem | None:
    """storage_problem for an OSError with an errno."""
    import errno
    import os

    where = os.path.dirname(os.fsdecode(exc.filename)) if exc.filename else str(folder)
    where = where or str(folder)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(where)
    if exc.errno == errno.EROFS:
        return ReadOnlyFolder(where)
    if exc.errno in (errno.EACCES, errno.EPERM):
        if not os.access(where, os.R_OK | os.X_OK):
            return PermissionDenied(where)
        if not os.access(where, os.W_OK):
            return ReadOnlyFolder(where)
        return PermissionDenied(os.fsdecode(exc.filename) if exc.filename else where)
    return None


def folder_problem(folder: object) -> StorageProblem | None:
    """What is wrong with the data folder, looked at directly: missing, not ours, read-only or
    full (less than 1 MB free). None when it looks healthy."""
    import os
    import shutil

    path = os.fspath(folder)  # type: ignore[call-overload]
    if not os.path.isdir(path):
        return FolderMissing(folder)
    if not os.access(path, os.R_OK | os.X_OK):
        return PermissionDenied(folder)
    if not os.access(path, os.W_OK):
        return ReadOnlyFolder(folder)
    try:
        if shutil.disk_usage(path).free < 1024 * 1024:
            return DiskFull(folder)
    except OSError:
        return None
    return None


class UntrustedSignatures(AppError):
    """A signed report is intact, but a signature is not trusted here, is not in its signer's
    own box, or shows a stamp naming someone else (``peerwalk verify`` exits 3)."""

    exit_code = 3


class UntrustedCertificate(UntrustedSignatures):
    """A received report is intact and each signature is in its signer's own box, but
    ``signer``'s certificate (SHA-256 ``fingerprint``, ``pem``) is not one this laptop has been
    told to trust. Each front end offers its own way to trust it, only after the person has
    compared the fingerprint with the one its owner reads out: never trusted by itself."""

    def __init__(self, user_message: str, *, signer: str, fingerprint: str, pem: bytes) -> None:
        super().__init__(user_message)
        self.signer = signer
        self.fingerprint = fingerprint
        self.pem = pem


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

    def __init__(
        self,
        user_message: str,
        *,
        what: str,
        value: object,
        earliest: object,
        latest: object = None,
    ) -> None:
        super().__init__(user_message)
        self.what, self.value, self.earliest, self.latest = what, value, earliest, latest


class EmptyStatement(InvalidInput):
    """A WWW/EBI statement that is empty or only its placeholder ("What went well:").
    ``finding_id`` is set when an existing statement was being edited: a front end can offer
    to delete it instead."""

    def __init__(self, user_message: str, *, finding_id: str | None = None) -> None:
        super().__init__(user_message)
        self.finding_id = finding_id


class StatusNotReached(InvalidInput):
    """A review's status set to one its facts do not support: ``status`` was asked for,
    ``current`` is what the facts say, ``missing`` names the fact that has not happened (empty
    when the status asked for is behind what has happened)."""

    def __init__(self, user_message: str, *, status: str, current: str, missing: str) -> None:
        super().__init__(user_message)
        self.status, self.current, self.missing = status, current, missing


class NotReadyToSign(InvalidInput):
    """Something blocks the report (app/services/signoff_check.py): ``blocking`` are the
    items' sentences, ``review_id`` the review."""

    def __init__(self, user_message: str, *, review_id: str, blocking: tuple[str, ...]) -> None:
        super().__init__(user_message)
        self.review_id, self.blocking = review_id, blocking


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


class Cancelled(AppError):
    """The person cancelled slow work; its transaction was rolled back, so nothing changed."""

    def __init__(self, user_message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(user_message)


class WrongPassphrase(AppError):
    """The passphrase did not open the key (the window asks again)."""


class PassphraseNeeded(AppError):
    """A passphrase-protected key was opened without a way to ask for the passphrase."""


class RotaExists(InvalidInput):
    """The network already has a rota; planning again replaces the visits not yet planned."""

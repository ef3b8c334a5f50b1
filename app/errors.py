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


class Cancelled(AppError):
    """The person cancelled slow work; its transaction was rolled back, so nothing changed."""

    def __init__(self, user_message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(user_message)


class WrongPassphrase(AppError):
    """The passphrase did not open the key (the window asks again)."""


class PassphraseNeeded(AppError):
    """A passphrase-protected key was opened without a way to ask for the passphrase."""

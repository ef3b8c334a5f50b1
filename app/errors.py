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


class UntrustedSignatures(AppError):
    """A signed report is intact, but a signature is not trusted here, is not in its signer's
    own box, or shows a stamp naming someone else (``peerwalk verify`` exits 3)."""

    exit_code = 3

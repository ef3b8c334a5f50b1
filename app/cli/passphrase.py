"""Where the command line gets a passphrase: PEERWALK_PASSPHRASE, else a prompt in a terminal."""

from __future__ import annotations

import os
import sys

from app.errors import AppError


def from_terminal(kind: str) -> str:
    env = os.environ.get("PEERWALK_PASSPHRASE")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise AppError("A passphrase is needed: set PEERWALK_PASSPHRASE or run this in a terminal.")
    import getpass

    if kind == "new":
        first = getpass.getpass("Choose a passphrase for your signing key: ")
        if getpass.getpass("Type it again: ") != first:
            raise AppError("The two passphrases were not the same; nothing was created.")
        return first
    return getpass.getpass("Passphrase for your signing key: ")

"""How the command line words the services' typed errors.

Services raise errors that carry data and say what is wrong in words any front end can show
(app/errors.py); they never name a command-line flag. Here, and only here, an error gains the
command that fixes it, as a person at a terminal would type it. Anything not listed is shown
as the service said it.
"""

from __future__ import annotations

from collections.abc import Callable

from app import errors as e

_Wording = Callable[[e.AppError], str]


def _site(_: e.AppError) -> str:
    return "Say which school this laptop belongs to first: peerwalk site set --school URN --name 'Your name'."


def _audience(exc: e.AppError) -> str:
    if getattr(exc, "reason", "") == "both":
        return "Choose either --for a school or --network, not both."
    return "Say who the package is for: --for SCHOOL, --network NAME or --review REVIEW."


def _no_key(exc: e.AppError) -> str:
    school = getattr(exc, "school", "that school")
    return f"No package has come from {school} yet, so there is no key to encrypt to; use --passphrase instead."


def _conflict(exc: e.AppError) -> str:
    return f"There is no open conflict '{getattr(exc, 'conflict_id', '')}'; 'peerwalk conflicts list' shows them."


def _empty_statement(exc: e.AppError) -> str:
    finding = getattr(exc, "finding_id", None)
    if finding:
        return f"A statement cannot be left empty; to remove it, run 'peerwalk findings delete {finding[:8]}'."
    return exc.user_message


def _appended(hint: str) -> _Wording:
    """The service's sentence with ``hint`` in place of its full stop."""

    def word(exc: e.AppError) -> str:
        return exc.user_message.rstrip(".") + hint

    return word


WORDINGS: dict[type[e.AppError], _Wording] = {
    e.SiteNotSet: _site,
    e.PackageAudience: _audience,
    e.NoEncryptionKey: _no_key,
    e.IncompletePackage: _appended("; ask the sender to export it again with --full."),
    e.NoSuchConflict: _conflict,
    e.ResolutionNeeded: lambda _: (
        "Say which version to keep (--keep VERSION_ID) or give new text (--text)."
    ),
    e.NoIdentity: _appended("; create one with 'peerwalk identity create'."),
    e.IdentityExists: _appended("; 'peerwalk identity show' shows it."),
    e.NoNetworkRoot: _appended("; create one with 'peerwalk network-ca create'."),
    e.IsNetworkRoot: lambda _: (
        "That is a network root certificate; trust it with 'peerwalk network-ca trust' instead."
    ),
    e.EmptyStatement: _empty_statement,
    e.NotReadyToSign: lambda exc: (
        exc.user_message.rstrip(".")
        + f"; 'peerwalk reviews check {getattr(exc, 'review_id', '')[:8]}' lists them."
    ),
    e.RotaExists: _appended("; plan it again with --replace to change the visits not yet planned."),
}


def sentence(exc: e.AppError) -> str:
    """The one line the command line prints for ``exc`` (without the 'peerwalk: ' prefix)."""
    for kind in type(exc).__mro__:
        word = WORDINGS.get(kind)  # type: ignore[call-overload]
        if word is not None:
            return word(exc)
    return exc.user_message

"""Services speak to any front end: no message below the command line names a command-line
flag or a `peerwalk` command. The command line words the typed errors itself
(app/cli/wording.py), so at a terminal the sentence still says what to type."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app import errors as e
from app.cli.wording import sentence

APP = Path(__file__).resolve().parents[2] / "app"
CORE = [
    p
    for p in sorted(APP.rglob("*.py"))
    if p.relative_to(APP).parts[0] not in ("cli", "ui", "__main__.py")
]
COMMAND_WORDS = re.compile(r"(?<![\w-])--[a-z]|(?<![\w.])peerwalk [a-z]")


def _messages(path: Path) -> list[tuple[int, str]]:
    """Every string literal (f-string parts too) that is not a docstring or comment."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_the_scan_sees_the_core() -> None:
    names = {p.name for p in CORE}
    assert {"exchange.py", "reviews.py", "keystore.py", "network_ca.py", "authority.py"} <= names
    assert any("is not a date" in m for _, m in _messages(APP / "dates.py"))
    assert "dates.py" in names  # the bottom layer's date sentences are scanned too


def test_no_core_message_names_a_flag_or_a_command() -> None:
    offenders = [
        f"{p.relative_to(APP)}:{line}: {text}"
        for p in CORE
        for line, text in _messages(p)
        if COMMAND_WORDS.search(text)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (
            e.SiteNotSet("Say which school this laptop belongs to first."),
            "peerwalk site set --school URN",
        ),
        (e.PackageAudience("…", reason="none"), "--for SCHOOL, --network NAME or --review REVIEW"),
        (e.PackageAudience("…", reason="both"), "either --for a school or --network"),
        (
            e.NoEncryptionKey("…", school="Stour Vale Academy"),
            "No package has come from Stour Vale Academy yet, so there is no key to encrypt to; "
            "use --passphrase",
        ),
        (
            e.IncompletePackage("The package refers to records this laptop does not have."),
            "does not have; ask the sender to export it again with --full.",
        ),
        (
            e.NoSuchConflict("…", conflict_id="abc"),
            "no open conflict 'abc'; 'peerwalk conflicts list'",
        ),
        (e.ResolutionNeeded("…"), "--keep VERSION_ID"),
        (
            e.NoIdentity("There is no signing identity on this laptop yet."),
            "yet; create one with 'peerwalk identity create'.",
        ),
        (
            e.IdentityExists("This laptop already has a signing identity."),
            "'peerwalk identity show'",
        ),
        (
            e.NoNetworkRoot("This laptop does not run a network root yet."),
            "'peerwalk network-ca create'",
        ),
        (e.IsNetworkRoot("…"), "'peerwalk network-ca trust'"),
        (
            e.EmptyStatement("…", finding_id="0123456789abcdef"),
            "'peerwalk findings delete 01234567'",
        ),
        (
            e.EmptyStatement("A statement needs words of its own."),
            "A statement needs words of its own.",
        ),
        (
            e.InvalidInput("Anything else is said as the service said it."),
            "Anything else is said as the service said it.",
        ),
    ],
)
def test_the_command_line_words_the_typed_errors(error: e.AppError, words: str) -> None:
    assert words in sentence(error)

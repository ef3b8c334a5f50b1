"""The passphrase rule through the real program (no keychain: the passphrase comes from the
environment): one of the most common passwords is refused in one sentence, and nothing is made."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import assert_one_line_error, cli_env, run_peerwalk


@pytest.mark.parametrize("phrase", ["password", "Password1", "qwerty123"])
def test_common_passwords_are_refused_for_a_signing_key(tmp_path: Path, phrase: str) -> None:
    data = tmp_path / "d"
    r = run_peerwalk(
        data,
        "identity",
        "create",
        "--name",
        "Rob Ellis",
        "--email",
        "rob@x.example",
        env=cli_env(PEERWALK_PASSPHRASE=phrase),
    )
    assert_one_line_error(r, "one of the most common passwords")
    assert (
        not (data / "identity" / "key.enc").exists()
        and not (data / "identity" / "cert.pem").exists()
    )

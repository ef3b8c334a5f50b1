"""The key file and the keychain: which keyring backends count as a real keychain, the file's
version, and damaged or hostile files each refused in one sentence."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from app.errors import AppError
from app.identity.keystore import WrongPassphrase, real_keychain, seal, unseal
from tests.conftest import MemoryKeyring


class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's plaintext file backend (not installed here)."""

    priority = 0.5  # type: ignore[assignment]


class LockedVault(MemoryKeyring):
    """A Secret Service that is locked: chosen by keyring, fails only when used."""

    priority = 5  # type: ignore[assignment]

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


class AltModuleKeyring(MemoryKeyring):
    priority = 5  # type: ignore[assignment]


AltModuleKeyring.__module__ = "keyrings.alt.file"


def test_memory_backend_counts_as_a_keychain(memory_keyring) -> None:  # type: ignore[no-untyped-def]
    assert real_keychain() is memory_keyring
    assert memory_keyring.secrets == {}  # the probe cleaned up after itself


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), PlaintextKeyring(), LockedVault(), AltModuleKeyring()], ids=["fail", "null", "plaintext", "locked", "keyrings.alt"])
def test_not_a_real_keychain(backend: KeyringBackend) -> None:
    keyring.set_keyring(backend)
    assert real_keychain() is None


def test_a_chainer_counts_only_if_everything_behind_it_is_real(monkeypatch: pytest.MonkeyPatch) -> None:
    good, plain = MemoryKeyring(), PlaintextKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [good], raising=False)
    keyring.set_keyring(chainer.ChainerBackend())
    assert real_keychain() is not None
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [good, plain], raising=False)
    assert real_keychain() is None
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [], raising=False)
    assert real_keychain() is None


@pytest.fixture
def sealed(tmp_path: Path) -> Path:
    keyring.set_keyring(fail.Keyring())
    path = tmp_path / "k.enc"
    assert seal(b"secret bytes", "test:1", path, lambda _k: "a good passphrase") == "passphrase"
    assert unseal(path, lambda _k: "a good passphrase") == b"secret bytes"
    assert oct(path.stat().st_mode & 0o777) == "0o600" and b"secret bytes" not in path.read_bytes()
    return path


def _edit(path: Path, **changes: object) -> None:
    doc = json.loads(path.read_text())
    for key, value in changes.items():
        if isinstance(value, dict):
            doc[key].update(value)
        else:
            doc[key] = value
    path.write_text(json.dumps(doc))


def test_newer_key_file_is_refused(sealed: Path) -> None:
    _edit(sealed, version=2)
    with pytest.raises(AppError, match="newer version of Peerwalk"):
        unseal(sealed, lambda _k: "a good passphrase")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"version": "one"}, "damaged"),
        ({"format": "something-else"}, "not a Peerwalk key file"),
        ({"kdf": {"n": 2**30}}, "damaged"),  # would take gigabytes of memory
        ({"nonce": "###"}, "damaged"),
        ({"label": "test:2"}, "passphrase is not right"),  # the label is authenticated
    ],
)
def test_damaged_or_hostile_key_files(sealed: Path, changes: dict[str, object], message: str) -> None:
    _edit(sealed, **changes)
    with pytest.raises(AppError, match=message):
        unseal(sealed, lambda _k: "a good passphrase")


def test_wrong_passphrase_and_garbage(sealed: Path) -> None:
    with pytest.raises(WrongPassphrase):
        unseal(sealed, lambda _k: "a bad passphrase")
    sealed.write_bytes(b"\x00\xff not json")
    with pytest.raises(AppError, match="damaged"):
        unseal(sealed, lambda _k: "a good passphrase")

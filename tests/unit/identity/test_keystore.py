"""The key file and the keychain: which keyring backends count as a real keychain, the file's
version, and damaged or hostile files each refused in one sentence."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from app.errors import AppError, InvalidInput
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


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring(), PlaintextKeyring(), LockedVault(), AltModuleKeyring()],
    ids=["fail", "null", "plaintext", "locked", "keyrings.alt"],
)
def test_not_a_real_keychain(backend: KeyringBackend) -> None:
    keyring.set_keyring(backend)
    assert real_keychain() is None


def test_a_chainer_counts_only_if_everything_behind_it_is_real(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good, plain = MemoryKeyring(), PlaintextKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [good], raising=False)
    keyring.set_keyring(chainer.ChainerBackend())
    assert real_keychain() is not None
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [good, plain], raising=False)
    assert real_keychain() is None
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [], raising=False)
    assert real_keychain() is None


class CountingKeyring(MemoryKeyring):
    """A keychain that counts what is asked of it (each call is a round trip to the OS vault's
    service, and each write may ask the person to unlock it)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append("get")
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append("delete")
        super().delete_password(service, username)


def test_opening_a_key_reads_the_keychain_once_and_never_writes_to_it(tmp_path: Path) -> None:
    """Every signature opens the key: one read, not a probe's write, read and delete first."""
    vault = CountingKeyring()
    keyring.set_keyring(vault)
    path = tmp_path / "k.enc"
    assert seal(b"secret bytes", "test:1", path, None) == "keychain"
    vault.calls.clear()
    assert unseal(path, None) == b"secret bytes"
    assert vault.calls == ["get"]
    for refused in (PlaintextKeyring(), fail.Keyring()):  # never read from a plaintext "vault"
        if isinstance(refused, MemoryKeyring):
            refused.secrets = dict(vault.secrets)
        keyring.set_keyring(refused)
        with pytest.raises(AppError, match="not in this computer's keychain"):
            unseal(path, None)


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
def test_damaged_or_hostile_key_files(
    sealed: Path, changes: dict[str, object], message: str
) -> None:
    _edit(sealed, **changes)
    with pytest.raises(AppError, match=message):
        unseal(sealed, lambda _k: "a good passphrase")


def test_wrong_passphrase_and_garbage(sealed: Path) -> None:
    with pytest.raises(WrongPassphrase):
        unseal(sealed, lambda _k: "a bad passphrase")
    sealed.write_bytes(b"\x00\xff not json")
    with pytest.raises(AppError, match="damaged"):
        unseal(sealed, lambda _k: "a good passphrase")


# --- scrypt strength and the passphrase rule ------------------------------------------------

OLD_KEY_FILE = Path(__file__).resolve().parents[2] / "data" / "keys" / "scrypt-n15.enc"
OLD_PHRASE = "an old but good passphrase"
OLD_SECRET = b"a key sealed by Peerwalk before scrypt was raised to N=2^17"


def test_new_key_files_use_scrypt_at_owasp_strength(sealed: Path) -> None:
    kdf = json.loads(sealed.read_text())["kdf"]
    assert (kdf["n"], kdf["r"], kdf["p"]) == (2**17, 8, 1)


def test_a_key_file_sealed_with_the_old_parameters_opens_and_is_sealed_again(
    tmp_path: Path,
) -> None:
    """tests/data/keys/scrypt-n15.enc was written by the previous Peerwalk (N=2^15)."""
    keyring.set_keyring(fail.Keyring())
    path = tmp_path / "k.enc"
    path.write_bytes(OLD_KEY_FILE.read_bytes())
    assert json.loads(path.read_text())["kdf"]["n"] == 2**15
    with pytest.raises(WrongPassphrase):  # a wrong passphrase changes nothing
        unseal(path, lambda _k: "not the passphrase")
    assert path.read_bytes() == OLD_KEY_FILE.read_bytes()

    asked: list[str] = []
    assert unseal(path, lambda kind: asked.append(kind) or OLD_PHRASE) == OLD_SECRET
    assert asked == ["existing"]  # re-sealed under the same passphrase, not asked for a new one
    doc = json.loads(path.read_text())
    assert (doc["kdf"]["n"], doc["kdf"]["r"], doc["kdf"]["p"]) == (2**17, 8, 1)
    assert doc["kdf"]["salt"] != json.loads(OLD_KEY_FILE.read_text())["kdf"]["salt"]
    assert oct(path.stat().st_mode & 0o777) == "0o600" and not list(tmp_path.glob("*.part"))
    assert unseal(path, lambda _k: OLD_PHRASE) == OLD_SECRET
    with pytest.raises(WrongPassphrase):
        unseal(path, lambda _k: "not the passphrase")


def test_an_old_key_file_in_a_folder_that_cannot_be_written_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.identity import keystore

    keyring.set_keyring(fail.Keyring())
    path = tmp_path / "k.enc"
    path.write_bytes(OLD_KEY_FILE.read_bytes())

    def read_only(*_a: object, **_k: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(keystore, "_write_sealed", read_only)
    assert unseal(path, lambda _k: OLD_PHRASE) == OLD_SECRET
    assert path.read_bytes() == OLD_KEY_FILE.read_bytes()


@pytest.mark.parametrize(
    "phrase",
    [
        "password",
        "Password1",
        "qwerty123",
        "PASSWORD",
        "iloveyou",
        "letmein1",
        "football1",
        "trustno1",
    ],
)
def test_the_most_common_passwords_are_refused(tmp_path: Path, phrase: str) -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(InvalidInput, match=r"^That passphrase is one of the most common passwords"):
        seal(b"secret", "test:1", tmp_path / "k.enc", lambda _k: phrase)
    assert not (tmp_path / "k.enc").exists()


def test_the_shipped_list_of_common_passwords() -> None:
    from app.identity.keystore import COMMON_PASSWORDS, _common_passwords

    words = _common_passwords()
    assert COMMON_PASSWORDS.is_file() and len(words) >= 3000
    assert all(len(w) >= 8 and w == w.lower() for w in words)
    assert {"password", "password1", "qwerty123", "12345678"} <= words
    assert "a long enough passphrase" not in words and "correct horse battery staple" not in words

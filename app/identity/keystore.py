"""Keeping a private key on this laptop without ever writing it in clear.

The key lives in a small versioned file, encrypted with ChaCha20-Poly1305. The encryption key
is either a random data key held in the OS keychain (through ``keyring``, only when a real
keychain answers a probe), or derived from a passphrase the person chooses (scrypt). A wrong
passphrase fails the AEAD tag, which we report as one plain sentence. The keychain holds only
the 32-byte data key (Windows Credential Manager caps secrets at 2,560 bytes).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

# WrongPassphrase and PassphraseNeeded live with the other errors (the window tells them apart
# without importing this layer); re-exported here, where they are raised.
from app.errors import AppError, InvalidInput, NoIdentity, PassphraseNeeded, WrongPassphrase

__all__ = [
    "PassphraseNeeded",
    "PassphraseProvider",
    "WrongPassphrase",
    "forget",
    "real_keychain",
    "seal",
    "unseal",
]

KEY_FILE_FORMAT = "peerwalk-key"
KEY_FILE_VERSION = 1
KEYRING_SERVICE = "Peerwalk"
# OWASP's current minimum for scrypt (N=2^17, r=8, p=1): 128 MiB and a fraction of a second per
# derivation, paid once per unlock. Files sealed with weaker parameters (Peerwalk used N=2^15
# before) still open, and are sealed again with these on the first successful unlock.
SCRYPT = {"n": 2**17, "r": 8, "p": 1}
# What a key file may ask for: a damaged or hostile one must not exhaust memory or time.
SCRYPT_MIN_N, SCRYPT_MAX_N = 2**14, 2**20
SCRYPT_MAX_R = 16
SCRYPT_MAX_P = 4
MIN_PASSPHRASE = 8
COMMON_PASSWORDS = Path(__file__).resolve().parents[2] / "resources" / "passwords" / "common.txt"


# Asked with "new" when a passphrase is being chosen, "existing" when unlocking.
PassphraseProvider = Callable[[str], str]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


_INSECURE_WORDS = ("plaintext", "insecure", "null", "fail", "uncrypted", "unencrypted")


def _acceptable(backend: Any) -> bool:
    """True for a backend class that keeps secrets in a real OS vault.

    Refused: keyring's ``fail`` and ``null`` backends, anything from ``keyrings.alt`` (its
    default is a *plaintext* file), any class whose name says plaintext/insecure, and anything
    keyring itself ranks below 1 (its "not recommended" band).
    """
    from keyring.backends import fail

    cls = type(backend)
    label = f"{cls.__module__}.{cls.__name__}".lower()
    if isinstance(backend, fail.Keyring) or cls.__module__.startswith("keyrings.alt"):
        return False
    if any(word in label for word in _INSECURE_WORDS):
        return False
    try:
        return float(backend.priority) >= 1
    except Exception:  # a backend whose priority cannot even be computed is not usable
        return False


def real_keychain() -> Any | None:
    """The active keyring backend if it is a real OS keychain that works now, else None.

    A chainer is accepted only if it chains something and *every* backend behind it is
    acceptable: it writes to the first backend that does not fail, so a locked Secret Service
    would silently fall through to a plaintext file. A locked vault only fails when used,
    hence the probe write/read/delete. Never raises.
    """
    try:
        backend = _vault()
        if backend is None:
            return None
        probe = "peerwalk-probe"
        backend.set_password(KEYRING_SERVICE, probe, "ok")
        ok = backend.get_password(KEYRING_SERVICE, probe) == "ok"
        backend.delete_password(KEYRING_SERVICE, probe)
    except Exception:  # any backend error means: not usable now
        return None
    return backend if ok else None


def _vault() -> Any | None:
    """The active keyring backend if it is of a kind that keeps secrets in a real OS vault
    (the rules of real_keychain, without its probe), else None. May raise what keyring
    raises."""
    import keyring
    from keyring.backends import chainer

    backend = keyring.get_keyring()
    if isinstance(backend, chainer.ChainerBackend):
        chained = list(backend.backends)
        if not chained or not all(_acceptable(b) for b in chained):
            return None
    elif not _acceptable(backend):
        return None
    return backend


def check_new_passphrase(phrase: str) -> None:
    """The rule for a new passphrase: at least 8 characters, and not one of the most common
    passwords (resources/passwords/common.txt, compared ignoring case): those are the first
    an attacker with a stolen key file tries. Raises InvalidInput with one sentence."""
    if len(phrase) < MIN_PASSPHRASE:
        raise InvalidInput(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.")
    if phrase.strip().lower() in _common_passwords():
        raise InvalidInput(
            "That passphrase is one of the most common passwords, the first anyone would try; "
            "choose another (a few unrelated words work well)."
        )


def _common_passwords() -> frozenset[str]:
    try:
        lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    except OSError:  # a broken installation must not lock anyone out: the length rule remains
        return frozenset()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def _weaker_than_now(kdf: dict[str, Any]) -> bool:
    return bool(
        kdf.get("n", 0) < SCRYPT["n"]
        or kdf.get("r", 0) < SCRYPT["r"]
        or kdf.get("p", 0) < SCRYPT["p"]
    )


def _scrypt(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"]).derive(
        passphrase.encode("utf-8")
    )


def seal(secret: bytes, label: str, path: Path, passphrase: PassphraseProvider | None) -> str:
    """Encrypt ``secret`` into ``path``. Returns "keychain" or "passphrase" (how it is held).

    Raises PassphraseNeeded when there is no keychain and no passphrase provider, InvalidInput
    for a passphrase the rule refuses (check_new_passphrase), AppError when the keychain refuses
    the data key. The file is written whole (temporary file, then rename) and readable by its
    owner only.
    """
    backend = real_keychain()
    if backend is not None:
        data_key = os.urandom(32)
        try:
            backend.set_password(KEYRING_SERVICE, label, _b64(data_key))
        except Exception:  # the vault answered the probe but refused this secret
            raise AppError(
                "This computer's keychain refused to store the key; unlock it and try again."
            ) from None
        _write_sealed(secret, label, path, data_key, {"protection": "keychain"})
        return "keychain"
    if passphrase is None:
        raise PassphraseNeeded(
            "There is no keychain on this computer; choose a passphrase to protect your key."
        )
    phrase = passphrase("new")
    check_new_passphrase(phrase)
    _seal_with_passphrase(secret, label, path, phrase)
    return "passphrase"


def _seal_with_passphrase(secret: bytes, label: str, path: Path, phrase: str) -> None:
    salt = os.urandom(16)
    data_key = _scrypt(phrase, salt, SCRYPT)
    _write_sealed(
        secret,
        label,
        path,
        data_key,
        {"protection": "passphrase", "kdf": {"name": "scrypt", "salt": _b64(salt), **SCRYPT}},
    )


def _write_sealed(
    secret: bytes, label: str, path: Path, data_key: bytes, protection: dict[str, Any]
) -> None:
    """Encrypt and write the key file whole (temporary file, then rename), owner-only."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    nonce = os.urandom(12)
    doc: dict[str, Any] = {
        "format": KEY_FILE_FORMAT,
        "version": KEY_FILE_VERSION,
        "label": label,
        **protection,
    }
    doc["nonce"] = _b64(nonce)
    doc["ciphertext"] = _b64(ChaCha20Poly1305(data_key).encrypt(nonce, secret, label.encode()))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.unlink(missing_ok=True)
        with os.fdopen(
            os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8"
        ) as f:
            f.write(json.dumps(doc, indent=1))
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def forget(path: Path) -> None:
    """Remove a sealed file and, if its data key is in the keychain, that entry too.

    Never raises."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("protection") == "keychain":
            backend = real_keychain()
            if backend is not None:
                backend.delete_password(KEYRING_SERVICE, str(doc.get("label", "")))
    except Exception:  # nothing to forget, or a vault that will not answer: leave it
        pass
    path.unlink(missing_ok=True)


def unseal(path: Path, passphrase: PassphraseProvider | None) -> bytes:
    """Decrypt a key file. Raises AppError with one sentence for every way it can fail
    (missing, damaged, newer format, keychain entry gone), PassphraseNeeded when no provider was
    given for a passphrase file, WrongPassphrase when the AEAD tag fails; no message ever
    contains key material. A passphrase file sealed with weaker scrypt parameters than SCRYPT
    is sealed again with SCRYPT once it has opened."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    doc = _read_key_file(path)
    label = str(doc.get("label", ""))
    keychain = doc.get("protection") == "keychain"
    try:
        if keychain:
            data_key = _data_key_from_keychain(label)
        else:
            if passphrase is None:
                raise PassphraseNeeded("This key is protected by a passphrase, and none was given.")
            kdf = doc["kdf"]
            if kdf.get("name") != "scrypt" or not _sane_scrypt(kdf):
                raise AppError(f"The key file {path} is damaged.")
            phrase = passphrase("existing")
            data_key = _scrypt(phrase, _unb64(kdf["salt"]), kdf)
        secret = ChaCha20Poly1305(data_key).decrypt(
            _unb64(doc["nonce"]), _unb64(doc["ciphertext"]), label.encode()
        )
        if not keychain and _weaker_than_now(kdf):
            _reseal(secret, label, path, phrase)
        return secret
    except InvalidTag:
        if keychain:
            raise AppError(
                f"The key file {path} does not match the key in this computer's keychain."
            ) from None
        raise WrongPassphrase("The passphrase is not right for this identity.") from None
    except (KeyError, ValueError, TypeError, AttributeError):
        raise AppError(f"The key file {path} is damaged.") from None


def _read_key_file(path: Path) -> dict[str, Any]:
    """The key file's JSON, of a format and version this Peerwalk reads; raises NoIdentity when
    there is none and AppError when it is damaged or newer."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NoIdentity("There is no signing identity on this laptop yet.") from None
    except (OSError, ValueError):
        raise AppError(f"The key file {path} is damaged.") from None
    if not isinstance(doc, dict) or doc.get("format") != KEY_FILE_FORMAT:
        raise AppError(f"{path} is not a Peerwalk key file.")
    version = doc.get("version")
    if not isinstance(version, int) or version < 1:
        raise AppError(f"The key file {path} is damaged.")
    if version > KEY_FILE_VERSION:
        raise AppError(
            "This key file was made by a newer version of Peerwalk; please update Peerwalk."
        )
    return doc


def _reseal(secret: bytes, label: str, path: Path, phrase: str) -> None:
    """Seal a key opened with older, weaker scrypt parameters again with today's, under the
    same passphrase. Best effort: a folder that cannot be written (read-only) leaves the old
    file, which still opens, and is tried again at the next unlock."""
    with contextlib.suppress(OSError):
        _seal_with_passphrase(secret, label, path, phrase)


def _data_key_from_keychain(label: str) -> bytes:
    """The data key, read from a real vault (never a plaintext one). Reading is its own probe:
    real_keychain's write-read-delete would add two keychain writes to every signature (each a
    round trip to the vault's service) and tells nothing a failed read does not."""
    try:
        backend = _vault()
        stored = backend.get_password(KEYRING_SERVICE, label) if backend else None
    except Exception:  # a locked vault, or one that will not answer: not usable now
        stored = None
    if stored is None:
        raise AppError(
            "The key for this identity is not in this computer's keychain; it may have been made "
            "on another computer."
        )
    return _unb64(stored)


def _sane_scrypt(kdf: dict[str, Any]) -> bool:
    """Refuse parameters a damaged or hostile file could use to exhaust memory or time."""
    n, r, p = kdf.get("n"), kdf.get("r"), kdf.get("p")
    if not all(isinstance(v, int) for v in (n, r, p)):
        return False
    assert isinstance(n, int) and isinstance(r, int) and isinstance(p, int)
    return (
        SCRYPT_MIN_N <= n <= SCRYPT_MAX_N
        and n & (n - 1) == 0
        and 1 <= r <= SCRYPT_MAX_R
        and 1 <= p <= SCRYPT_MAX_P
    )

"""Keeping a private key on this laptop without ever writing it in clear.

The key lives in a small versioned file, encrypted with ChaCha20-Poly1305. The encryption key
is either a random data key held in the OS keychain (through ``keyring``, only when a real
keychain answers a probe), or derived from a passphrase the person chooses (scrypt). A wrong
passphrase fails the AEAD tag, which we report as one plain sentence. The keychain holds only
the 32-byte data key (Windows Credential Manager caps secrets at 2,560 bytes).
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.errors import AppError, InvalidInput

KEY_FILE_FORMAT = "peerwalk-key"
KEY_FILE_VERSION = 1
KEYRING_SERVICE = "Peerwalk"
SCRYPT = {"n": 2**15, "r": 8, "p": 1}

# Asked with "new" when a passphrase is being chosen, "existing" when unlocking.
PassphraseProvider = Callable[[str], str]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def real_keychain() -> Any | None:
    """The active keyring backend if it is a real OS keychain that works now, else None.

    Rejected: keyring's ``fail`` backend (headless Linux), any ``keyrings.alt`` backend (it
    would silently store secrets in a plaintext file), and a chainer with nothing behind it.
    A locked Secret Service only fails when used, hence the probe.
    """
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    module = type(backend).__module__
    if isinstance(backend, fail.Keyring) or module.startswith("keyrings.alt"):
        return None
    if type(backend).__name__ == "ChainerBackend" and not getattr(backend, "backends", None):
        return None
    try:
        probe = "peerwalk-probe"
        backend.set_password(KEYRING_SERVICE, probe, "ok")
        ok = backend.get_password(KEYRING_SERVICE, probe) == "ok"
        backend.delete_password(KEYRING_SERVICE, probe)
    except Exception:  # any backend error means: not usable now
        return None
    return backend if ok else None


def _scrypt(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"]).derive(passphrase.encode("utf-8"))


def seal(secret: bytes, label: str, path: Path, passphrase: PassphraseProvider | None) -> str:
    """Encrypt ``secret`` into ``path``. Returns "keychain" or "passphrase" (how it is held).

    Raises AppError when there is no keychain and no passphrase was given.
    """
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    nonce = os.urandom(12)
    doc: dict[str, Any] = {"format": KEY_FILE_FORMAT, "version": KEY_FILE_VERSION, "label": label}
    backend = real_keychain()
    if backend is not None:
        data_key = os.urandom(32)
        backend.set_password(KEYRING_SERVICE, label, _b64(data_key))
        doc["protection"] = "keychain"
    else:
        if passphrase is None:
            raise AppError("There is no keychain on this computer; choose a passphrase to protect your key.")
        phrase = passphrase("new")
        if len(phrase) < 8:
            raise InvalidInput("Choose a passphrase of at least 8 characters.")
        salt = os.urandom(16)
        data_key = _scrypt(phrase, salt, SCRYPT)
        doc["protection"] = "passphrase"
        doc["kdf"] = {"name": "scrypt", "salt": _b64(salt), **SCRYPT}
    doc["nonce"] = _b64(nonce)
    doc["ciphertext"] = _b64(ChaCha20Poly1305(data_key).encrypt(nonce, secret, label.encode()))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    os.chmod(tmp, 0o600)
    tmp.replace(path)
    return str(doc["protection"])


def unseal(path: Path, passphrase: PassphraseProvider | None) -> bytes:
    """Decrypt a key file. Raises AppError with one sentence for every way it can fail."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AppError("There is no signing identity on this laptop yet; create one with 'peerwalk identity create'.") from None
    except (OSError, ValueError):
        raise AppError(f"The key file {path} is damaged.") from None
    if not isinstance(doc, dict) or doc.get("format") != KEY_FILE_FORMAT:
        raise AppError(f"{path} is not a Peerwalk key file.")
    if int(doc.get("version", 0)) > KEY_FILE_VERSION:
        raise AppError("This key file was made by a newer version of Peerwalk; please update Peerwalk.")
    label = str(doc.get("label", ""))
    try:
        if doc.get("protection") == "keychain":
            backend = real_keychain()
            stored = backend.get_password(KEYRING_SERVICE, label) if backend else None
            if stored is None:
                raise AppError("The key for this identity is not in this computer's keychain; it may have been made on another computer.")
            data_key = _unb64(stored)
        else:
            if passphrase is None:
                raise AppError("This identity is protected by a passphrase; set PEERWALK_PASSPHRASE or run in a terminal.")
            kdf = doc["kdf"]
            data_key = _scrypt(passphrase("existing"), _unb64(kdf["salt"]), kdf)
        return ChaCha20Poly1305(data_key).decrypt(_unb64(doc["nonce"]), _unb64(doc["ciphertext"]), label.encode())
    except InvalidTag:
        raise AppError("The passphrase is not right for this identity.") from None
    except (KeyError, ValueError, TypeError):
        raise AppError(f"The key file {path} is damaged.") from None

"""This installation's package keys: Ed25519 to sign packages and batches, X25519 (age) to
receive encrypted packages. Sealed like signing identities (keychain data key, or passphrase);
the public halves travel in every package's manifest."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.identity.keystore import PassphraseProvider, seal, unseal


@dataclass
class SiteKeys:
    signing: Any  # Ed25519PrivateKey
    public_key: str  # base64 raw Ed25519 public key
    age_identity: str  # "AGE-SECRET-KEY-1..."
    age_recipient: str  # "age1..."


def _paths(data_dir: Path) -> tuple[Path, Path]:
    return data_dir / "sync" / "site-key.json", data_dir / "sync" / "site-public.json"


def public_key_b64(key: Any) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def site_public(data_dir: Path) -> dict[str, str] | None:
    """The public halves, readable without unlocking anything (None before the first export)."""
    _, public = _paths(data_dir)
    try:
        halves: dict[str, str] = json.loads(public.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return halves


def load_or_create(data_dir: Path, passphrase: PassphraseProvider | None, site_id: str) -> SiteKeys:
    """Unlock this site's keys, creating them on first use. Raises AppError like keystore."""
    import pyrage
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    secret_path, public_path = _paths(data_dir)
    if not secret_path.exists():
        key = Ed25519PrivateKey.generate()
        age = pyrage.x25519.Identity.generate()
        raw = key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        secret = json.dumps({"ed25519": base64.b64encode(raw).decode(), "age": str(age)}).encode()
        seal(secret, f"site:{site_id}", secret_path, passphrase)
        public_path.write_text(
            json.dumps(
                {
                    "site_id": site_id,
                    "public_key": public_key_b64(key),
                    "age_recipient": str(age.to_public()),
                }
            ),
            encoding="utf-8",
        )
    doc = json.loads(unseal(secret_path, passphrase))
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(doc["ed25519"]))
    age = pyrage.x25519.Identity.from_str(doc["age"])
    return SiteKeys(key, public_key_b64(key), doc["age"], str(age.to_public()))


def verify(public_key_b64_text: str, signature_b64: str, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(
            base64.b64decode(public_key_b64_text, validate=True)
        ).verify(base64.b64decode(signature_b64, validate=True), data)
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False


def sign(keys: SiteKeys, data: bytes) -> str:
    return base64.b64encode(keys.signing.sign(data)).decode()

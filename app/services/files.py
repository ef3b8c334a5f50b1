"""Reading a small file a person named, with one plain sentence for every way it can fail."""

from __future__ import annotations

from pathlib import Path

from app.errors import InvalidInput


def read_small_file(path: Path, what: str, limit: int = 1024 * 1024) -> bytes:
    try:
        if path.stat().st_size > limit:
            raise InvalidInput(f"{path.name} is too large to be a {what}.")
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a {what}.") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from None

"""Reading a file a person named, with one plain sentence for every way it can fail."""

from __future__ import annotations

from pathlib import Path

from app.errors import InvalidInput


def read_small_file(path: Path, what: str, limit: int = 1024 * 1024, *, missing: str = "file") -> bytes:
    """The file's bytes. Raises InvalidInput: missing ("There is no {missing} at ..."), a
    folder, unreadable, or larger than ``limit`` (then it cannot be a {what})."""
    try:
        if path.stat().st_size > limit:
            raise InvalidInput(f"{path.name} is larger than {limit // 1024 // 1024 or 1} MB, too large to be a {what}.")
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"There is no {missing} at {path}.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a {what}.") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from None

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


def write_atomically(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write ``path`` whole or not at all: into a temporary file beside it, then ``os.replace``.
    The temporary file is removed whatever happens, so a full disk leaves no half file.

    ``private`` (files in the data folder): the file is readable by its owner only and a
    folder made for it is 0700, whatever the umask, and the bytes reach the disk before the
    rename (a photo a committed note points to must survive a power cut). Raises OSError
    (errors.storage_problem words the ones that are the disk's or the folder's fault).
    """
    import os

    path.parent.mkdir(mode=0o700 if private else 0o777, parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.unlink(missing_ok=True)  # a leftover from a crash keeps its old mode under O_TRUNC
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600 if private else 0o666)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if private:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        exc.filename = exc.filename or str(tmp)  # a failed write() names no file: say which disk
        raise
    finally:
        tmp.unlink(missing_ok=True)

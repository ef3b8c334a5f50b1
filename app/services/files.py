"""Reading a file a person named, with one plain sentence for every way it can fail."""

from __future__ import annotations

from pathlib import Path

from app.errors import InvalidInput


def read_small_file(
    path: Path, what: str, limit: int = 1024 * 1024, *, missing: str = "file"
) -> bytes:
    """The file's bytes. Raises InvalidInput: missing ("There is no {missing} at ..."), a
    folder, unreadable, or larger than ``limit`` (then it cannot be a {what})."""
    try:
        if path.stat().st_size > limit:
            raise InvalidInput(
                f"{path.name} is larger than {limit // 1024 // 1024 or 1} MB, too large to be a "
                f"{what}."
            )
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
        fd = os.open(
            tmp,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
            0o600 if private else 0o666,
        )
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


def decode_text(raw: bytes, name: str) -> str:
    """A text file's bytes as text: UTF-8 (with or without a byte-order mark) or Windows-1252
    (what Excel and the GIAS export write on Windows), never a mix of the two.

    A file edited in two programs can hold lines in both; decoding all of it either way
    would quietly turn "Ŵ" into "Å´" (or "é" into a replacement mark), so such a file is
    refused, naming the first line that differs from the rest. Raises InvalidInput.
    """
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # The usual case: a Windows-1252 file (a GIAS export) with no letter written the UTF-8
    # way (a UTF-8 reading that drops the bytes it cannot read leaves plain ASCII).
    if body is raw and body.decode("utf-8", "ignore").isascii():
        try:
            return body.decode("cp1252")
        except UnicodeDecodeError:
            pass  # the line-by-line look below names the line
    utf8: list[int] = []  # line numbers (from 1) of lines only UTF-8 explains
    cp1252: list[int] = []  # ... and of lines only Windows-1252 explains
    for number, line in enumerate(body.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8.append(number)
            continue
        except UnicodeDecodeError:
            pass
        try:
            line.decode("cp1252")
        except UnicodeDecodeError:
            raise InvalidInput(
                f"Line {number} of {name} is not text in UTF-8 or Windows-1252; "
                "open the file in a spreadsheet and save it again as CSV UTF-8."
            ) from None
        cp1252.append(number)
    if utf8 or raw.startswith(b"\xef\xbb\xbf"):
        # Both kinds of line: the fewer are the odd ones out (a UTF-8 mark settles a tie).
        odd = cp1252 if len(utf8) >= len(cp1252) or raw.startswith(b"\xef\xbb\xbf") else utf8
        raise InvalidInput(
            f"Line {odd[0]} of {name} is not in the same text encoding as the rest of the file; "
            "open the file in a spreadsheet and save it again as CSV UTF-8."
        )
    return body.decode("cp1252")

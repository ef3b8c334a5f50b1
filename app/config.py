"""Where Peerwalk keeps its files. No Qt here."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

APP_NAME = "Peerwalk"
DB_FILENAME = "peerwalk.db"


def default_data_dir() -> Path:
    """The data folder: ``PEERWALK_DATA_DIR`` if set, else the platform's user data folder."""
    env = os.environ.get("PEERWALK_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def resources_dir() -> Path:
    """The shipped resources (fonts, frameworks, demo data)."""
    return Path(__file__).resolve().parent.parent / "resources"


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "migrations"


# What the data folder holds that is kept from other local users (POSIX): the database and
# its -wal/-shm/-journal, before-upgrade backups, and these sub-folders (photos, crash logs,
# keys and certificates). Only these names are touched, so a data folder pointed at a shared
# place never has anything else in it changed.
PRIVATE_FILES = (DB_FILENAME, f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm", f"{DB_FILENAME}-journal")
PRIVATE_FILE_PREFIX = "peerwalk-before-upgrade-"
PRIVATE_FOLDERS = ("attachments", "logs", "identity", "sync", "trust", "network-ca")


def prepare_data_dir(data_dir: Path, *, parents: bool = True) -> None:
    """Create the data folder (0700) if needed, and take back from other local users anything
    in it that they can read (see :func:`tighten`).

    ``parents=False`` (a folder the person named) creates only the last folder: when its
    parent is missing, a drive is probably not plugged in, and a new empty database there would
    hide the real one. Raises FolderMissing then, InvalidInput for a file where the folder
    should be, and another StorageProblem (read-only, permission, full) when it cannot be made.
    """
    from app.errors import AppError, FolderMissing, InvalidInput, storage_problem

    try:
        data_dir.mkdir(mode=0o700, parents=parents, exist_ok=True)
    except FileNotFoundError:
        raise FolderMissing(data_dir.parent) from None
    except (FileExistsError, NotADirectoryError):
        raise InvalidInput(
            f"{data_dir} is a file, not a folder; choose another data folder."
        ) from None
    except OSError as exc:
        raise storage_problem(exc, data_dir.parent) or AppError(
            f"Cannot use the data folder {data_dir}: {exc.strerror}."
        ) from None
    tighten(data_dir)


def tighten(data_dir: Path) -> None:
    """On POSIX, remove group and other permissions from the data folder and what it holds
    (the names above): folders end 0700, files 0600 (owner bits are kept). A sub-folder that
    was already private is not walked again, so this costs a few stat calls per start. Never
    raises: a folder we cannot change (read-only, someone else's) is left as it is."""
    if os.name != "posix":
        return
    _strip_group_other(data_dir)
    try:
        entries = list(os.scandir(data_dir))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_symlink():
                continue
            if entry.is_dir() and entry.name in PRIVATE_FOLDERS:
                if _strip_group_other(Path(entry.path)):
                    for root, dirs, files in os.walk(entry.path):
                        for name in dirs + files:
                            _strip_group_other(Path(root) / name)
            elif entry.is_file() and (
                entry.name in PRIVATE_FILES or entry.name.startswith(PRIVATE_FILE_PREFIX)
            ):
                _strip_group_other(Path(entry.path))
        except OSError:
            continue


def _strip_group_other(path: Path) -> bool:
    """chmod away group/other bits. True if there were any (and so it was changed)."""
    import stat

    try:
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode) or not st.st_mode & 0o077:
            return False
        os.chmod(path, stat.S_IMODE(st.st_mode) & 0o700)
        return True
    except OSError:
        return False


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, whatever the umask (SQLite then gives
    the database's -wal and -shm files the same mode). Does nothing if it exists."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def clock() -> Callable[[], datetime]:
    """The clock a front end injects into the database (``Database.open(dir, clock())``):
    naive UTC, to the second.

    ``PEERWALK_TODAY=YYYY-MM-DD`` is for tests only: it pins the date (the time of day stays
    the machine's), so a test of "within two years of today" means the same whatever day, or
    year (CI runs the suite a year ahead), it runs. Read here and nowhere else. An unreadable
    value is ignored (the real date is used).
    """
    pinned = os.environ.get("PEERWALK_TODAY", "").strip()
    try:
        day = date.fromisoformat(pinned) if pinned else None
    except ValueError:
        day = None

    def now() -> datetime:
        real = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        return datetime.combine(day, real.time()) if day else real

    return now

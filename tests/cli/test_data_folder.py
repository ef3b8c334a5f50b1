"""The data folder on awkward machines, through the real program: private files whatever the
umask, and one plain sentence (never the bug message, never "not a readable database") for a
full disk, a read-only folder, a missing folder and a permission problem, with nothing changed
and no half files left behind.

A full disk is a real one: a small tmpfs mounted in tmp_path, which needs root (skipped
otherwise, saying so). A read-only folder is a read-only bind mount when run as root (chmod
does not stop root), and chmod 0500 otherwise; the chmod case also runs as root, with the
program's power to ignore permissions taken away by ``setpriv``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.services.demo import demo_id
from tests.conftest import (
    ROOT,
    Result,
    assert_one_line_error,
    cli_env,
    db_fingerprint,
    run_peerwalk,
)

TECH = demo_id("review", "tech")
NOTE = (
    "notes",
    "add",
    TECH,
    "--activity",
    "learning-walk",
    "--focus",
    "Impact of new initiatives",
    "--kind",
    "strength",
    "--text",
)
ENV = cli_env(
    PEERWALK_PASSPHRASE="a long enough passphrase",
    PEERWALK_PACKAGE_PASSPHRASE="a package passphrase",
)
POSIX = os.name == "posix"
IS_ROOT = POSIX and os.geteuid() == 0
# setpriv: the program runs as root but without CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH, so
# file permissions apply to it as they would to any user.
NO_ROOT_POWERS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]

posix_only = pytest.mark.skipif(not POSIX, reason="file modes are POSIX")


def run(
    data_dir: Path,
    *args: str,
    umask: int | None = None,
    powerless: bool = False,
    named_first: bool = True,
) -> Result:
    """The real program, like conftest.run_peerwalk, optionally under a umask or without
    root's power over permissions."""
    cmd = [
        sys.executable,
        "-m",
        "app",
        *(["--data-dir", str(data_dir)] if named_first else []),
        *args,
    ]
    if powerless and IS_ROOT:
        cmd = NO_ROOT_POWERS + cmd
    proc = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=180,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def modes(folder: Path) -> dict[str, str]:
    """Every folder and file under ``folder`` (itself included) with its permission bits."""
    found = {".": oct(stat.S_IMODE(folder.stat().st_mode))}
    for path in sorted(folder.rglob("*")):
        found[str(path.relative_to(folder))] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def assert_private(folder: Path) -> None:
    wrong = {
        name: mode
        for name, mode in modes(folder).items()
        if mode != ("0o700" if (folder / name).is_dir() else "0o600")
    }
    assert wrong == {}, f"not private: {wrong}"


def _jpeg(path: Path, side: int = 64, noise: bool = False) -> Path:
    from PIL import Image

    img = (
        Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        if noise
        else Image.new("RGB", (side, side), (200, 40, 40))
    )
    img.save(path, "JPEG", quality=95)
    return path


# --- private files whatever the umask ------------------------------------------------------


@posix_only
def test_everything_in_the_data_folder_is_private_under_umask_022(tmp_path: Path) -> None:
    data = tmp_path / "data"  # made by the program
    assert run(data, "demo", umask=0o022).code == 0
    r = run(
        data,
        *NOTE,
        "A photo of the CAD work",
        "--photo",
        str(_jpeg(tmp_path / "work.jpg")),
        umask=0o022,
    )
    assert r.code == 0, r.err
    assert (
        run(data, "site", "set", "--school", "137450", "--name", "Rob Ellis", umask=0o022).code == 0
    )
    r = run(data, "export", "--for", "137452", "-o", str(tmp_path / "out.peerwalk"), umask=0o022)
    assert r.code == 0, r.err
    r = run(
        data, "identity", "create", "--name", "Rob Ellis", "--email", "rob@example.org", umask=0o022
    )
    assert r.code == 0, r.err
    found = modes(data)
    assert {"peerwalk.db", "attachments", "sync", "identity"} <= set(found), found
    assert any(name.startswith("attachments/") for name in found)
    assert_private(data)
    # SQLite gives the -wal and -shm files the database's own mode, whoever opens it.
    old = os.umask(0o022)
    try:
        con = sqlite3.connect(data / "peerwalk.db")
        con.execute("SELECT count(*) FROM notes").fetchone()
        assert oct(stat.S_IMODE((data / "peerwalk.db-wal").stat().st_mode)) == "0o600"
        assert oct(stat.S_IMODE((data / "peerwalk.db-shm").stat().st_mode)) == "0o600"
        con.close()
    finally:
        os.umask(old)


@posix_only
def test_an_old_open_data_folder_is_tightened_on_start_and_its_upgrade_backup_is_private(
    tmp_path: Path,
) -> None:
    from alembic import command
    from alembic.config import Config

    from app.config import migrations_dir
    from app.db import KNOWN_REVISIONS, make_engine

    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    engine = make_engine(data / "peerwalk.db")  # an older Peerwalk's database, one revision back
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, KNOWN_REVISIONS[-2])
    engine.dispose()
    (data / "peerwalk.db").chmod(0o644)
    for folder, name in (("attachments", "0" * 64 + ".jpg"), ("logs", "crash-20260101-000000.txt")):
        (data / folder).mkdir(mode=0o755)
        (data / folder).chmod(0o755)
        (data / folder / name).write_bytes(b"kept as it was")
        (data / folder / name).chmod(0o644)
    (data / "notes.txt").write_text("someone else's file")  # not Peerwalk's: left alone
    (data / "notes.txt").chmod(0o644)

    r = run(data, "--json", "reviews", "list", umask=0o022)
    assert r.code == 0, r.err
    backups = list(data.glob("peerwalk-before-upgrade-*.db"))
    assert len(backups) == 1
    assert oct(stat.S_IMODE((data / "notes.txt").stat().st_mode)) == "0o644"
    (data / "notes.txt").unlink()
    assert_private(data)
    assert (data / "attachments" / ("0" * 64 + ".jpg")).read_bytes() == b"kept as it was"


@posix_only
def test_a_crash_writes_a_private_log_in_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(data, "demo").code == 0
    # A review whose date cannot be read: a real fault, not the user's input.
    con = sqlite3.connect(data / "peerwalk.db")
    con.execute("UPDATE reviews SET start_date = 'not a date' WHERE id = ?", (TECH,))
    con.commit()
    con.close()
    r = run(data, "reviews", "show", TECH, umask=0o022)
    assert_one_line_error(r, "a bug, not your input", str(data / "logs"))
    assert r.code == 70
    logs = list((data / "logs").iterdir())
    assert len(logs) == 1 and "Traceback" in logs[0].read_text()
    assert_private(data / "logs")


# --- a full disk ---------------------------------------------------------------------------


@contextmanager
def _tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"could not mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 4 MB disk (tmpfs) to fill."""
    if not IS_ROOT:
        pytest.skip("needs root to mount a small tmpfs")
    with _tmpfs(tmp_path / "disk", "4m") as disk:
        yield disk


@contextmanager
def _filled(disk: Path, leave: int = 0) -> Iterator[None]:
    """Fill ``disk`` until at most ``leave`` bytes are free, and empty it again afterwards."""
    filler = disk / "filler"
    with filler.open("wb") as f:
        free = shutil.disk_usage(disk).free - leave
        try:
            while free > 0:
                f.write(b"\0" * min(free, 65536))
                f.flush()
                free -= 65536
        except OSError:
            pass
    assert shutil.disk_usage(disk).free <= max(leave, 0) + 4096
    try:
        yield
    finally:
        filler.unlink()


def _no_half_files(*folders: Path) -> None:
    for folder in folders:
        assert [p.name for p in folder.rglob("*.part")] == []


def test_a_full_disk_is_one_sentence_and_changes_nothing(small_disk: Path, tmp_path: Path) -> None:
    data = small_disk / "data"
    assert run(data, "demo").code == 0
    assert run(data, "site", "set", "--school", "137450", "--name", "Rob Ellis").code == 0
    before = db_fingerprint(data)
    out = small_disk / "for-stour-vale.peerwalk"

    with _filled(small_disk):  # completely full: SQLite cannot even make its -shm file
        for args in (
            (*NOTE, "Saved on a full disk?"),
            ("export", "--for", "137452", "-o", str(out)),
            ("reviews", "list"),
        ):
            r = run(data, *args)
            assert_one_line_error(r, f"The disk that holds {data} is full", "nothing was lost")
            assert r.code == 1

    with _filled(small_disk, leave=100 * 1024):  # room to open, not to save a long note
        r = run(data, *NOTE, "x" * 19_000)
        assert_one_line_error(r, f"The disk that holds {data} is full", "nothing was lost")

    with _filled(small_disk, leave=160 * 1024):  # a photo larger than the space left
        photo = _jpeg(tmp_path / "noise.jpg", side=1200, noise=True)  # ~1 MB however it is saved
        r = run(data, *NOTE, "With a photo", "--photo", str(photo))
        assert_one_line_error(r, "is full", "nothing was lost")

    assert db_fingerprint(data) == before
    assert not out.exists()
    assert not (data / "logs").exists()  # no crash log: none of this is a bug
    _no_half_files(small_disk)


def test_exporting_to_a_full_disk_leaves_no_file_behind(small_disk: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"  # the data folder is fine; the stick the package goes to is full
    assert run(data, "demo").code == 0
    assert run(data, "site", "set", "--school", "137450", "--name", "Rob Ellis").code == 0
    trial = tmp_path / "trial.peerwalk"
    assert run(data, "export", "--for", "137452", "--full", "-o", str(trial)).code == 0
    pages = -(-trial.stat().st_size // 4096)
    before = db_fingerprint(data)
    out = small_disk / "for-stour-vale.peerwalk"

    with _filled(small_disk):
        r = run(data, "export", "--for", "137452", "--full", "-o", str(out))
        assert_one_line_error(r, f"The disk that holds {small_disk} is full", "nothing was lost")
    # Room for the plain package but not for its encrypted copy as well: the plain one must not
    # be left where an encrypted one was asked for.
    with _filled(small_disk, leave=(pages + 2) * 4096):
        r = run(data, "export", "--for", "137452", "--full", "--passphrase", "-o", str(out))
        assert_one_line_error(r, f"The disk that holds {small_disk} is full", "nothing was lost")

    assert not out.exists()
    _no_half_files(small_disk, data)
    assert db_fingerprint(data) == before


# --- a read-only folder, a missing folder, a permission problem ----------------------------


@contextmanager
def _read_only(folder: Path, how: str) -> Iterator[None]:
    if how == "read-only mount":
        if not IS_ROOT:
            pytest.skip("needs root to bind-mount a folder read-only")
        subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
            yield
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
    else:
        if IS_ROOT and shutil.which("setpriv") is None:
            pytest.skip("needs setpriv to take away root's power to ignore permissions")
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(0o700)


@posix_only
@pytest.mark.parametrize("how", ["read-only mount", "chmod 0500"])
def test_a_read_only_folder_still_reads_and_refuses_changes_in_one_sentence(
    tmp_path: Path, how: str
) -> None:
    data = tmp_path / "data"
    assert run(data, "demo").code == 0
    assert run(data, "site", "set", "--school", "137450", "--name", "Rob Ellis").code == 0
    listed = run(data, "--json", "reviews", "list").json()
    # The case that frightened users: a cleanly closed database, without its -wal and -shm.
    assert not (data / "peerwalk.db-wal").exists() and not (data / "peerwalk.db-shm").exists()
    before = db_fingerprint(data)
    (data / "peerwalk.db-wal").unlink(missing_ok=True)  # db_fingerprint's own connection
    (data / "peerwalk.db-shm").unlink(missing_ok=True)
    names = sorted(p.name for p in data.iterdir())
    powerless = how == "chmod 0500"

    with _read_only(data, how):
        r = run(data, "--json", "reviews", "list", powerless=powerless)
        assert r.code == 0, r.err
        assert r.json() == listed
        r = run(data, "--json", "reviews", "show", TECH, powerless=powerless)
        assert r.code == 0, r.err
        assert r.json()["id"] == TECH
        for args in (
            (*NOTE, "Saved in a read-only folder?"),
            ("export", "--for", "137452", "-o", str(tmp_path / "x.peerwalk")),
        ):
            r = run(data, *args, powerless=powerless)
            assert_one_line_error(r, f"The folder {data} is read-only", "nothing was lost")
            assert "not a readable" not in r.err
        r = run(data, "gui", "--smoke-test", powerless=powerless)  # the window paints Home too
        assert r.code == 0 and "painted with data" in r.out, r.err
        r = run(data / "new", "reviews", "list", powerless=powerless)  # a new data folder inside it
        assert_one_line_error(r, f"The folder {data} is read-only", "nothing was lost")

    assert sorted(p.name for p in data.iterdir()) == names
    assert db_fingerprint(data) == before
    assert not (tmp_path / "x.peerwalk").exists()


def test_a_missing_folder_is_not_replaced_by_a_new_empty_one(tmp_path: Path) -> None:
    """A data folder on a drive that is not plugged in: saying so beats showing an empty new
    database in its place."""
    unplugged = tmp_path / "usb-stick"
    r = run(unplugged / "Peerwalk", "reviews", "list")
    assert_one_line_error(
        r, f"The folder {unplugged} does not exist", "plugged in", "nothing was lost"
    )
    env_run = subprocess.run(
        [sys.executable, "-m", "app", "reviews", "list"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**ENV, "PEERWALK_DATA_DIR": str(unplugged / "Peerwalk")},
        check=False,
    )
    assert_one_line_error(
        Result(env_run.returncode, env_run.stdout, env_run.stderr), "does not exist"
    )
    assert not unplugged.exists()
    # A folder whose parent exists is simply made, as before.
    r = run(tmp_path / "new", "reviews", "list")
    assert r.code == 0, r.err


@posix_only
def test_a_folder_this_user_may_not_open_is_one_sentence(tmp_path: Path) -> None:
    if IS_ROOT and shutil.which("setpriv") is None:
        pytest.skip("needs setpriv to take away root's power to ignore permissions")
    data = tmp_path / "data"
    assert run(data, "demo").code == 0
    before = db_fingerprint(data)
    data.chmod(0o000)
    try:
        for args in (("reviews", "list"), (*NOTE, "Saved where I may not?")):
            r = run(data, *args, powerless=True)
            assert_one_line_error(r, f"not allowed to use {data}", "nothing was lost")
    finally:
        data.chmod(0o700)
    assert db_fingerprint(data) == before
    assert not (data / "logs").exists()


# --- the command line itself ---------------------------------------------------------------


def test_a_broken_pipe_ends_quietly(tmp_path: Path) -> None:
    """``peerwalk --json reviews show X | head -c 10``: the reader goes away before we write."""
    data = tmp_path / "data"
    assert run(data, "demo").code == 0
    for args in (("--json", "reviews", "show", TECH), ("reviews", "list")):
        proc = subprocess.Popen(
            [sys.executable, "-m", "app", "--data-dir", str(data), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=ENV,
            cwd=ROOT,
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # like head after its 10 bytes, but always before the first write
        err = proc.stderr.read().decode()
        proc.stderr.close()
        assert proc.wait(timeout=120) == 141, err  # 128 + SIGPIPE, as a shell shows it
        assert err == ""


def test_global_options_after_the_command(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(data, "demo").code == 0
    before = run(data, "--json", "reviews", "list")
    after = run(data, "reviews", "list", "--json")
    assert after.code == 0, after.err
    assert after.json() == before.json() and len(before.json()) == 6
    # --data-dir after the command, and nothing before it (wins over a folder given before, too)
    other = tmp_path / "other"
    for named_first in (False, True):
        r = run(
            other, "reviews", "list", "--data-dir", str(data), "--json", named_first=named_first
        )
        assert r.code == 0, r.err
        assert r.json() == before.json()
    assert not other.exists()
    # Nested commands take them too, and an option given before the command is kept.
    r = run(data, "reviews", "show", TECH, "--json")
    assert r.code == 0 and r.json()["id"] == TECH
    r = run(data, "--json", "reviews", "show", TECH)
    assert r.code == 0 and r.json()["id"] == TECH


def test_a_signed_report_to_a_full_disk_leaves_no_file_behind(
    small_disk: Path, tmp_path: Path
) -> None:
    """`report -o` onto a full USB stick: one sentence, no half PDF, nothing changed."""
    from app.services.demo import demo_id

    data = tmp_path / "data"
    env = {"PEERWALK_PASSPHRASE": "a long and unusual passphrase"}
    assert run(data, "demo").code == 0
    made = run_peerwalk(
        data,
        "identity",
        "create",
        "--name",
        "Rob Ellis",
        "--email",
        "rob@blackwater.example",
        "--school",
        "137450",
        env=cli_env(**env),
    )
    assert made.code == 0, made.err
    before = db_fingerprint(data)
    out = small_disk / "technology.pdf"
    with _filled(small_disk):
        r = run_peerwalk(
            data, "report", demo_id("review", "tech"), "-o", str(out), env=cli_env(**env)
        )
        assert_one_line_error(r, f"The disk that holds {small_disk} is full", "nothing was lost")
    assert not out.exists()
    _no_half_files(small_disk)
    assert db_fingerprint(data) == before


@posix_only
@pytest.mark.parametrize("how", ["read-only mount", "chmod 0500"])
def test_a_signed_report_into_a_read_only_folder_is_one_sentence_and_changes_nothing(
    tmp_path: Path, how: str
) -> None:
    """`report -o` into a folder that cannot be written (a read-only share, a locked-down
    folder): one sentence naming the folder, no file, and the database as it was, so the
    review is not recorded as signed for a report that does not exist."""
    data, out_dir = tmp_path / "data", tmp_path / "reports"
    out_dir.mkdir()
    assert run(data, "demo").code == 0
    made = run(
        data,
        "identity",
        "create",
        "--name",
        "Rob Ellis",
        "--email",
        "rob@blackwater.example",
        "--school",
        "137450",
    )
    assert made.code == 0, made.err
    before = db_fingerprint(data)
    out = out_dir / "technology.pdf"
    with _read_only(out_dir, how):
        r = run(data, "report", TECH, "-o", str(out), powerless=how == "chmod 0500")
        assert_one_line_error(r, f"The folder {out_dir} is read-only", "nothing was lost")
    assert list(out_dir.iterdir()) == []
    assert db_fingerprint(data) == before
    # The same command into a folder that can be written succeeds, and records the signature.
    r = run(data, "report", TECH, "-o", str(out))
    assert r.code == 0, r.err
    assert out.exists() and db_fingerprint(data) != before

"""One running bot per database: an OS lock on `<database>.lock`, held while `kim-bot run` runs.

Two bots on one file would both poll Telegram and both deliver the outbox. The lock is
`flock` on a file beside the database, so the operating system releases it when the process
ends in any way, kill -9 included: a crash never leaves a stale lock behind. Short commands
(`kim-bot kim list`, `feeds poll --once`) do not take it; SQLite's own locking covers them.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from bot.store.preflight import StoreOpenError, check_path

if sys.platform != "win32":
    import fcntl


class DatabaseInUse(StoreOpenError):
    """Another process holds the database's lock."""


def lock_path(db_path: Path) -> Path:
    """The lock file of a database: `kim.sqlite3` → `kim.sqlite3.lock`, beside it."""
    return db_path.with_name(db_path.name + ".lock")


@contextlib.contextmanager
def exclusive(db_path: Path) -> Iterator[None]:
    """Hold the database's lock for the block; DatabaseInUse at once if another bot has it."""
    if str(db_path) == ":memory:" or sys.platform == "win32":
        yield
        return
    check_path(db_path)  # a directory or an unwritable place gets its own clear line
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise StoreOpenError(
            f"KIM_DB_PATH: berkas kunci {path} tidak bisa dibuat ({error.strerror}); "
            "periksa izin foldernya."
        ) from None
    try:
        _acquire(fd, db_path)
        yield
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def _acquire(fd: int, db_path: Path) -> None:
    """Take the lock without waiting, and write our PID into the file for the next one."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
        raise DatabaseInUse(
            f"KIM_DB_PATH: basis data {db_path} sedang dipakai kim-bot run lain (PID {holder}); "
            "hentikan bot itu dulu — satu basis data hanya untuk satu bot."
        ) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)

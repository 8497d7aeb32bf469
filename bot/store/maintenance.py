"""The database file as a whole: online backup, integrity check, whose schema it is.

Plain `sqlite3` in a worker thread (call through `asyncio.to_thread`), each with its own
connection, so a backup or a check runs beside the bot's connection: SQLite's online backup
copies one consistent snapshot while the bot keeps writing (WAL).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.store.preflight import SQLITE_HEADER

# Tables any KIM Hub database has once migrated; a file without them is someone else's.
OUR_TABLES = frozenset({"kim", "kim_member", "outbox_message", "person", "update_inbox"})


@dataclass(frozen=True)
class FileReport:
    """What a database file is: SQLite or not, its integrity, schema version and tables."""

    is_sqlite: bool
    integrity: str  # "ok", or SQLite's first complaint
    version: int
    tables: frozenset[str]

    def ours(self, newest: int) -> bool:
        """Whether this is a KIM Hub database this version of the bot can run."""
        return self.tables >= OUR_TABLES and 1 <= self.version <= newest


@contextlib.contextmanager
def _connection(path: Path, mode: str = "ro") -> Iterator[sqlite3.Connection]:
    """ro: read only; rw: an existing file; rwc: created when missing."""
    connection = sqlite3.connect(f"file:{path}?mode={mode}", uri=True, timeout=10.0)
    try:
        yield connection
    finally:
        connection.close()


def inspect(path: Path) -> FileReport:
    """Read a file's header, integrity check, user_version and table names (read-only)."""
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return FileReport(False, "bukan berkas SQLite", 0, frozenset())
    try:
        with _connection(path) as db:
            problems = [row[0] for row in db.execute("PRAGMA integrity_check")]
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            names = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = frozenset(row[0] for row in names)
    except sqlite3.DatabaseError as error:
        return FileReport(True, str(error), 0, frozenset())
    return FileReport(True, problems[0] if problems else "ok", version, tables)


def online_backup(source: Path, target: Path) -> None:
    """Copy `source` into `target` with SQLite's online backup (a consistent snapshot)."""
    with _connection(source, "rw") as src, _connection(target, "rwc") as dst:
        src.backup(dst)


def writable(path: Path) -> bool:
    """Whether a write transaction can start on the file (nothing is written)."""
    try:
        with _connection(path, "rw") as db:
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
    except sqlite3.Error:
        return False
    return True

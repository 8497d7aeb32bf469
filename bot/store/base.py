"""The Store's connection, migrations and transaction helper (no domain SQL here)."""

from __future__ import annotations

import asyncio
import contextvars
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from bot.store.preflight import check_path, describe

Params = Sequence[Any] | dict[str, Any]
_MIGRATION_RE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# Task-local: only the task that opened a transaction joins it; others wait for the lock.
_IN_TRANSACTION: contextvars.ContextVar[bool] = contextvars.ContextVar("in_tx", default=False)


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def to_db_time(moment: datetime) -> str:
    """Store times as ISO-8601 UTC text (sortable)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_db_time(text: str | None) -> datetime | None:
    """Read a time stored by `to_db_time`."""
    if text is None:
        return None
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def migrations() -> list[tuple[int, str, str]]:
    """Every migration shipped in bot/store/migrations, as (version, name, sql), in order."""
    found = []
    for entry in resources.files("bot.store").joinpath("migrations").iterdir():
        match = _MIGRATION_RE.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class StoreBase:
    """Holds one aiosqlite connection; writes are serialised by one lock."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Any:
        """Open (creating) the database file, switch on WAL and foreign keys, migrate."""
        # Every failure is one StoreOpenError line, and a half-open connection is closed
        # (its worker thread would otherwise keep the process alive: a hang, not an exit).
        if str(path) != ":memory:":
            await asyncio.to_thread(check_path, Path(path))
        try:
            db = await aiosqlite.connect(str(path), isolation_level=None)
        except sqlite3.Error as error:
            raise describe(error, Path(path)) from error
        try:
            db.row_factory = aiosqlite.Row
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute("PRAGMA foreign_keys=ON")
            await db.execute("PRAGMA synchronous=NORMAL")
            await db.execute("PRAGMA busy_timeout=5000")
            store = cls(db)
            await store.migrate()
        except BaseException as error:
            await db.close()
            if isinstance(error, sqlite3.Error):
                raise describe(error, Path(path)) from error
            raise
        return store

    async def close(self) -> None:
        """Close the connection."""
        await self._db.close()

    async def schema_version(self) -> int:
        """The PRAGMA user_version of the open database."""
        row = await self._one("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self) -> list[str]:
        """Apply every migration newer than the database, each in its own transaction."""
        applied = []
        current = await self.schema_version()
        for version, name, sql in migrations():
            if version <= current:
                continue
            async with self._write_lock:
                await self._db.executescript(
                    f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
                )
            applied.append(name)
        return applied

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """Run several writes atomically: BEGIN IMMEDIATE … COMMIT, rolled back on error."""
        async with self._write_lock:
            await self._db.execute("BEGIN IMMEDIATE")
            marker = _IN_TRANSACTION.set(True)
            try:
                yield
            except BaseException:
                await self._db.execute("ROLLBACK")
                raise
            else:
                await self._db.execute("COMMIT")
            finally:
                _IN_TRANSACTION.reset(marker)

    async def _write(self, sql: str, params: Params = ()) -> aiosqlite.Cursor:
        """Execute one write; inside `transaction()` it joins it, else it commits alone."""
        if _IN_TRANSACTION.get():
            return await self._db.execute(sql, params)
        async with self._write_lock:
            return await self._db.execute(sql, params)

    async def _write_many(self, sql: str, rows: Iterable[Params]) -> None:
        """Execute one statement for many parameter rows."""
        if _IN_TRANSACTION.get():
            await self._db.executemany(sql, rows)
            return
        async with self._write_lock:
            await self._db.executemany(sql, rows)

    async def _one(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        async with self._db.execute(sql, params) as cursor:
            row: aiosqlite.Row | None = await cursor.fetchone()
            return row

    async def _all(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        async with self._db.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

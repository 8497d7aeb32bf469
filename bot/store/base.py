"""The Store's connection, migrations and transaction helper (no domain SQL here).

Writes are serialised by one lock. `transaction()` always ends in COMMIT or ROLLBACK, even
when BEGIN, a statement or COMMIT fails or the task is cancelled midway, so the shared
connection is never left inside a transaction; nested in the same task it is a savepoint.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from bot.store.preflight import StoreOpenError, check_path, describe

Params = Sequence[Any] | dict[str, Any]
_MIGRATION_RE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
CLOSE_WAIT = 10.0  # seconds close() waits for the write in progress before closing anyway
log = logging.getLogger(__name__)


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


def _read_only_uri(path: Path) -> str:
    """SQLite's read-only URI of an existing database file (StoreOpenError when missing)."""
    if not path.is_file():
        raise StoreOpenError(f"KIM_DB_PATH: basis data {path} tidak ada; periksa KIM_DB_PATH.")
    return f"{path.resolve().as_uri()}?mode=ro"


class StoreBase:
    """Holds one aiosqlite connection; writes are serialised by one lock."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db
        self._write_lock = asyncio.Lock()
        self._owner: asyncio.Task[Any] | None = None  # the task inside transaction()
        self._depth = 0  # savepoints open inside it

    @classmethod
    async def open(cls, path: Path | str, *, busy_timeout: float = 5.0) -> Any:
        """Open (creating) the database file, switch on WAL and foreign keys, migrate.

        `busy_timeout`: seconds a write waits for another process (a CLI import, a feed
        poll) to release the file before it fails with "database is locked".
        """
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
            # Deleted rows are overwritten with zeros, so erased data leaves the file (/hapusdata);
            # explicit, because only some SQLite builds (Debian's) switch it on by default.
            await db.execute("PRAGMA secure_delete=ON")
            await db.execute(f"PRAGMA busy_timeout={round(busy_timeout * 1000)}")
            store = cls(db)
            await store.migrate()
        except BaseException as error:
            await db.close()
            if isinstance(error, sqlite3.Error):
                raise describe(error, Path(path)) from error
            raise
        return store

    @classmethod
    async def open_read_only(cls, path: Path) -> Any:
        """Open an existing database for reading only (a CLI export beside the running bot):
        nothing is created, migrated or written. StoreOpenError, one line, when it cannot."""
        uri = await asyncio.to_thread(_read_only_uri, path)
        try:
            db = await aiosqlite.connect(uri, uri=True)
        except sqlite3.Error as error:
            raise describe(error, path) from error
        try:
            db.row_factory = aiosqlite.Row
            store = cls(db)
            if await store.schema_version() < migrations()[-1][0]:
                raise StoreOpenError(f"KIM_DB_PATH: basis data {path} belum diperbarui; "
                                     "jalankan bot (kim-bot run) sekali, lalu ulangi.")  # fmt: skip
        except BaseException as error:
            await db.close()
            if isinstance(error, sqlite3.Error):
                raise describe(error, path) from error
            raise
        return store

    async def close(self) -> None:
        """Let the write in progress finish (at most CLOSE_WAIT s), then close the connection."""
        try:
            await asyncio.wait_for(self._write_lock.acquire(), CLOSE_WAIT)
        except TimeoutError:
            log.error("basis data: penulisan belum selesai setelah %.0f dtk", CLOSE_WAIT)
            await self._rollback()
            await self._db.close()
            return
        try:
            await self._db.close()
        finally:  # a late writer then meets "Connection closed" instead of waiting forever
            self._write_lock.release()

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
                try:
                    await self._db.executescript(
                        f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
                    )
                except BaseException:
                    await self._rollback()  # a failed script stops midway, its BEGIN still open
                    raise
            applied.append(name)
        return applied

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """Run several writes atomically: BEGIN IMMEDIATE … COMMIT; any failure rolls back.

        A failure at BEGIN, in a statement, at COMMIT, or a cancellation at any of them, ends
        in ROLLBACK, then re-raises. Nested in the same task, it joins the outer transaction
        as a savepoint: its writes commit or roll back with the outer one, and a failure
        inside undoes only the inner writes. Another task waits for the write lock.
        """
        if self._in_transaction():
            async with self._savepoint():
                yield
            return
        async with self._write_lock:
            self._owner = asyncio.current_task()
            try:
                # Inside the try: a BEGIN that fails or is cancelled while still queued on
                # the connection's thread (where it runs anyway) is rolled back too.
                await self._db.execute("BEGIN IMMEDIATE")
                yield
                await self._db.execute("COMMIT")
            except BaseException:
                await self._rollback()
                raise
            finally:
                self._owner = None

    @asynccontextmanager
    async def _savepoint(self) -> AsyncIterator[None]:
        """A nested transaction: SAVEPOINT … RELEASE, or ROLLBACK TO on failure."""
        self._depth += 1
        name = f"nested_{self._depth}"
        try:
            await self._db.execute(f"SAVEPOINT {name}")
            yield
            await self._db.execute(f"RELEASE {name}")
        except BaseException:
            await self._rollback(name)
            raise
        finally:
            self._depth -= 1

    async def _rollback(self, savepoint: str | None = None) -> None:
        """Undo the open transaction (or savepoint); never raises over the original error."""
        steps = [f"ROLLBACK TO {savepoint}", f"RELEASE {savepoint}"] if savepoint else ["ROLLBACK"]
        try:
            for sql in steps:
                # Queued behind any statement still running, so it undoes that one too.
                await self._db.execute(sql)
        except sqlite3.OperationalError as error:
            # "no transaction is active": BEGIN failed, or SQLite already rolled back.
            if self._db.in_transaction:
                log.error("basis data: %s gagal: %s", steps[0], error)
        except Exception:
            log.exception("basis data: ROLLBACK gagal")

    def _in_transaction(self) -> bool:
        """Whether the current task is inside `transaction()`."""
        return self._owner is not None and self._owner is asyncio.current_task()

    async def _write(self, sql: str, params: Params = ()) -> aiosqlite.Cursor:
        """Execute one write; inside `transaction()` it joins it, else it commits alone."""
        if self._in_transaction():
            return await self._db.execute(sql, params)
        async with self._write_lock:
            return await self._db.execute(sql, params)

    async def _write_returning(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        """Execute one write with a RETURNING clause; its rows (joins `transaction()`)."""
        if self._in_transaction():
            return list(await self._db.execute_fetchall(sql, params))
        async with self._write_lock:
            return list(await self._db.execute_fetchall(sql, params))

    async def _write_many(self, sql: str, rows: Iterable[Params]) -> None:
        """Execute one statement for many parameter rows."""
        if self._in_transaction():
            await self._db.executemany(sql, rows)
            return
        async with self._write_lock:
            await self._db.executemany(sql, rows)

    async def _one(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        """The first row of a query (queries here select one row, or a few)."""
        rows = await self._all(sql, params)
        return rows[0] if rows else None

    async def _all(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        """Every row of a query, in one trip to the SQLite thread (a cursor takes three)."""
        return list(await self._db.execute_fetchall(sql, params))

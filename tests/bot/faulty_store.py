"""A Store that fails on purpose: a chosen method or SQL statement raises on its n-th call.

`store.fail("claim_outbox", call=2)` makes the second claim raise "database is locked"
before it touches the database; `store.fail("COMMIT", call=3)` makes the third statement
containing COMMIT raise instead of running, which is what SQLite does when COMMIT is busy:
the transaction stays open. Both count calls from the moment `fail` is called.
`store.hold("settle_outbox")` makes the next call wait until the test releases it, to
catch a stop in the middle of a write. `in_the_bot(monkeypatch)` makes the next bot the
tests start (`start_hub`) open a FaultyStore, to fail a step inside a handler.
"""

from __future__ import annotations

import asyncio
import inspect
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import aiosqlite
import pytest

import bot.app
from bot.store import Store


@dataclass
class Fault:
    """Fail the `call`-th to `call + times - 1`-th matching call."""

    target: str
    call: int
    times: int
    error: Exception
    seen: int = 0
    fired: int = 0

    def check(self) -> None:
        """Count one matching call; raise when it is one of the failing ones."""
        self.seen += 1
        if self.call <= self.seen < self.call + self.times:
            self.fired += 1
            raise self.error


@dataclass
class Faults:
    """The faults of one store, by method name or SQL fragment."""

    methods: list[Fault] = field(default_factory=list)
    statements: list[Fault] = field(default_factory=list)
    holds: list[Hold] = field(default_factory=list)

    async def check_method(self, name: str) -> None:
        for fault in self.methods:
            if fault.target == name:
                fault.check()
        for hold in [h for h in self.holds if h.method == name]:
            self.holds.remove(hold)
            hold.entered.set()
            await hold.release.wait()

    def check_sql(self, sql: str) -> None:
        for fault in self.statements:
            if fault.target in sql:
                fault.check()


@dataclass
class Hold:
    """Keep the next call of `method` waiting: `entered` when it waits, until `release`."""

    method: str
    entered: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)


class FaultyConnection:
    """An aiosqlite connection that consults the faults before each statement."""

    def __init__(self, db: aiosqlite.Connection, faults: Faults) -> None:
        self._db, self._faults = db, faults

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    def execute(self, sql: str, parameters: Any = ()) -> Any:
        self._faults.check_sql(sql)
        return self._db.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any]) -> Any:
        self._faults.check_sql(sql)
        return self._db.executemany(sql, parameters)

    def executescript(self, sql: str) -> Any:
        self._faults.check_sql(sql)
        return self._db.executescript(sql)


def locked() -> sqlite3.OperationalError:
    """The error SQLite gives while another process writes the same file."""
    return sqlite3.OperationalError("database is locked")


class FaultyStore(Store):
    """A Store whose chosen method or statement fails on its n-th call."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.faults = Faults()
        super().__init__(FaultyConnection(db, self.faults))  # type: ignore[arg-type]

    def fail(self, target: str, call: int = 1, times: int = 1,
             error: Exception | None = None) -> Fault:  # fmt: skip
        """Make the `call`-th call of a Store method (or SQL containing `target`) fail."""
        fault = Fault(target, call, times, error or locked())
        is_method = not target.startswith("_") and hasattr(Store, target)
        (self.faults.methods if is_method else self.faults.statements).append(fault)
        return fault

    def hold(self, method: str) -> Hold:
        """Make the next call of a Store method wait until `release` is set."""
        hold = Hold(method)
        self.faults.holds.append(hold)
        return hold

    def heal(self) -> None:
        """Forget every fault."""
        self.faults.methods.clear()
        self.faults.statements.clear()


def _faulty(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    async def wrapper(self: FaultyStore, *args: Any, **kwargs: Any) -> Any:
        await self.faults.check_method(name)
        return await method(self, *args, **kwargs)

    wrapper.__name__ = wrapper.__qualname__ = name
    return wrapper


for _name, _method in inspect.getmembers(Store, inspect.iscoroutinefunction):
    if not _name.startswith("_") and _name not in {"open", "connect", "close"}:
        setattr(FaultyStore, _name, _faulty(_name, _method))


def in_the_bot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the bot started next (bot.app.running_bot) open a FaultyStore."""
    monkeypatch.setattr(bot.app, "Store", FaultyStore)


def faulty(store: Store) -> FaultyStore:
    """The running bot's store, opened by `in_the_bot`."""
    assert isinstance(store, FaultyStore), "start the bot after in_the_bot(monkeypatch)"
    return store

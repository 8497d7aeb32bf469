"""Recorded Bot API calls and event-driven waiting on them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RecordedCall:
    """One call the emulator answered: decoded params, status and JSON response."""

    method: str
    params: dict[str, Any]
    token: str
    at: float
    status: int
    response: dict[str, Any] | None

    @property
    def ok(self) -> bool:
        """Return whether the call succeeded."""
        return self.status == 200

    @property
    def result(self) -> Any:
        """Return the `result` of a successful call (None otherwise)."""
        return (self.response or {}).get("result")


class Recorder:
    """Keeps calls in order and wakes waiters on each new one."""

    def __init__(self) -> None:
        self.calls: list[RecordedCall] = []
        self._cond: asyncio.Condition | None = None

    @property
    def condition(self) -> asyncio.Condition:
        """Return the condition notified on every recorded call (created lazily)."""
        if self._cond is None:
            self._cond = asyncio.Condition()
        return self._cond

    async def add(self, call: RecordedCall) -> None:
        """Store `call` and notify waiters."""
        self.calls.append(call)
        await self.notify()

    async def notify(self) -> None:
        """Wake every waiter so it re-checks its predicate."""
        async with self.condition:
            self.condition.notify_all()

    async def wait(self, predicate: Callable[[], bool], seconds: float, what: str) -> None:
        """Return once `predicate()` holds, re-checked on each call; TimeoutError otherwise."""
        try:
            async with self.condition:
                await asyncio.wait_for(self.condition.wait_for(predicate), seconds)
        except TimeoutError:
            seen = ", ".join(f"{c.method}->{c.status}" for c in self.calls[-10:]) or "none"
            raise TimeoutError(
                f"timed out after {seconds}s waiting for {what}; last calls: {seen}"
            ) from None

    def matching(self, method: str, chat_id: Any = None) -> list[RecordedCall]:
        """Return calls to `method` (any case), optionally only for `chat_id`."""
        return [
            c
            for c in self.calls
            if c.method.lower() == method.lower()
            and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
        ]

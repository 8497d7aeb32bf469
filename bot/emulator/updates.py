"""The getUpdates queue: update ids, offset confirmation and event-driven long polling."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.emulator.errors import conflict

# Telegram leaves these out unless allowed_updates names them explicitly.
_OPT_IN = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


def update_type(update: dict[str, Any]) -> str:
    """Return the kind of an update dict (its one key besides update_id)."""
    return next((k for k in update if k != "update_id"), "")


@dataclass(frozen=True, eq=False)
class Poller:
    """One getUpdates long poll: which bot asks, and whether its client is still connected."""

    bot: str
    connected: Callable[[], bool] = field(default=lambda: True)


class UpdateQueue:
    """Pending updates for the bot; getUpdates waits on events, never sleeps."""

    def __init__(self, on_wait: Callable[[], Awaitable[None]] | None = None) -> None:
        self.on_wait = on_wait
        self.pending: list[dict[str, Any]] = []
        self.allowed: frozenset[str] | None = None
        self._next_id = 100001
        self._waiters: set[asyncio.Event] = set()
        self._closed = False
        self._long_polls: dict[str, Poller] = {}

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue `update` (assigning update_id if missing) and wake long polls."""
        if "update_id" not in update:
            update["update_id"] = self.new_id()
        self.pending.append(update)
        self._wake()
        return update

    def new_id(self) -> int:
        """Return the next increasing update_id."""
        self._next_id += 1
        return self._next_id - 1

    async def get(
        self,
        offset: int | None,
        limit: int,
        wait_seconds: float,
        allowed: list[str] | None,
        poller: Poller | None = None,
    ) -> list[dict[str, Any]]:
        """Confirm updates below `offset`, then return up to `limit`, waiting `wait_seconds`.

        A second long poll of the same bot while one is waiting gets Telegram's 409 Conflict.
        """
        if poller is None or wait_seconds <= 0:
            return await self._get(offset, limit, wait_seconds, allowed)
        self._claim(poller)
        try:
            return await self._get(offset, limit, wait_seconds, allowed)
        finally:
            if self._long_polls.get(poller.bot) is poller:
                del self._long_polls[poller.bot]

    def _claim(self, poller: Poller) -> None:
        """Register a long poll; ApiError 409 while another of the same bot is still open."""
        waiting = self._long_polls.get(poller.bot)
        if waiting is not None and waiting.connected():
            raise conflict()
        self._long_polls[poller.bot] = poller  # a poll whose client hung up does not count

    async def _get(
        self, offset: int | None, limit: int, wait_seconds: float, allowed: list[str] | None
    ) -> list[dict[str, Any]]:
        if allowed is not None:
            self.allowed = frozenset(allowed)
        self._confirm(offset)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait_seconds
        while True:
            found = self._select(max(1, min(limit, 100)))
            remaining = deadline - loop.time()
            if found or remaining <= 0 or self._closed:
                return found
            event = asyncio.Event()
            self._waiters.add(event)
            try:
                if self.on_wait is not None:
                    await self.on_wait()
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return []
            finally:
                self._waiters.discard(event)

    @property
    def polling(self) -> int:
        """Return how many getUpdates calls are waiting right now."""
        return len(self._waiters)

    def drop(self) -> None:
        """Forget every pending update (deleteWebhook drop_pending_updates)."""
        self.pending.clear()

    def close(self) -> None:
        """Release pending long polls with empty results (emulator stop)."""
        self._closed = True
        self._wake()

    def reopen(self) -> None:
        """Accept long polls again after a restart."""
        self._closed = False

    def _confirm(self, offset: int | None) -> None:
        if offset is None or offset == 0:
            return
        if offset < 0:
            self.pending = self.pending[offset:]
        else:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]

    def _select(self, limit: int) -> list[dict[str, Any]]:
        return [u for u in self.pending if self._is_allowed(update_type(u))][:limit]

    def _is_allowed(self, kind: str) -> bool:
        if not self.allowed:
            return kind not in _OPT_IN
        return kind in self.allowed

    def _wake(self) -> None:
        for event in self._waiters:
            event.set()

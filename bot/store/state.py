"""Store methods behind python-telegram-bot's persistence (conversations and scratch data)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.store.base import StoreBase, to_db_time, utcnow


class StateStore(StoreBase):
    """A small key-value table of JSON text, by kind."""

    async def load_state(self, kind: str) -> dict[str, str]:
        """Every (key → JSON value) saved under a kind."""
        rows = await self._all("SELECT key, value FROM ptb_state WHERE kind = ?", (kind,))
        return {r["key"]: r["value"] for r in rows}

    async def save_states(
        self, writes: Sequence[tuple[str, str, str | None]], done_update: int | None = None
    ) -> None:
        """Save several values in one transaction, and mark an inbox update done with them:
        a crash keeps all of it, or none (a conversation's state and its draft together)."""
        if not writes:  # the update marked done alone: one statement, no transaction
            await self._mark_done(done_update)
            return
        async with self.transaction():
            for kind, key, value in writes:
                await self.save_state(kind, key, value)
            await self._mark_done(done_update)

    async def _mark_done(self, update_id: int | None) -> None:
        if update_id is not None:
            await self._write(
                "UPDATE update_inbox SET done_at = ? WHERE update_id = ? AND done_at IS NULL",
                (to_db_time(utcnow()), update_id),
            )

    async def save_state(self, kind: str, key: str, value: str | None) -> None:
        """Save one value (JSON text), or delete it when None."""
        if value is None:
            await self._write("DELETE FROM ptb_state WHERE kind = ? AND key = ?", (kind, key))
            return
        await self._write(
            """INSERT INTO ptb_state (kind, key, value) VALUES (?, ?, ?)
               ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value""",
            (kind, key, value),
        )

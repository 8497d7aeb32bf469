"""Store methods behind python-telegram-bot's persistence (conversations and scratch data)."""

from __future__ import annotations

from bot.store.base import StoreBase


class StateStore(StoreBase):
    """A small key-value table of JSON text, by kind."""

    async def load_state(self, kind: str) -> dict[str, str]:
        """Every (key → JSON value) saved under a kind."""
        rows = await self._all("SELECT key, value FROM ptb_state WHERE kind = ?", (kind,))
        return {r["key"]: r["value"] for r in rows}

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

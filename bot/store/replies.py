"""Store methods for replies given up (bot/ratelimit.py): counted and shown in /gagal."""

from __future__ import annotations

from datetime import datetime

from bot.outbox.records import LostReply
from bot.store.base import StoreBase, from_db_time, to_db_time, utcnow


class LostReplyStore(StoreBase):
    """Replies to people that could not be delivered after a minute of tries."""

    async def record_lost_reply(self, chat_id: int, method: str, error: str) -> None:
        """Remember a reply that was given up (shown in /gagal)."""
        await self._write(
            "INSERT INTO lost_reply (chat_id, method, error, at) VALUES (?, ?, ?, ?)",
            (chat_id, method, error[:300], to_db_time(utcnow())),
        )

    async def lost_replies(self, since: datetime, limit: int = 3) -> tuple[int, list[LostReply]]:
        """How many replies were given up since `since`, and the latest `limit` of them."""
        row = await self._one("SELECT count(*) FROM lost_reply WHERE at >= ?", (to_db_time(since),))
        rows = await self._all(
            "SELECT chat_id, method, error, at FROM lost_reply WHERE at >= ? ORDER BY id DESC"
            " LIMIT ?",
            (to_db_time(since), limit),
        )
        latest = [
            LostReply(r["chat_id"], r["method"], r["error"], from_db_time(r["at"]) or since)
            for r in rows
        ]
        return (int(row[0]) if row else 0), latest

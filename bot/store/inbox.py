"""Store methods for the update inbox (bot/inbox.py): updates kept before they are confirmed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.store.base import StoreBase, to_db_time, utcnow


class InboxStore(StoreBase):
    """Updates received, and which of them are handled."""

    async def keep_updates(self, updates: Sequence[tuple[int, str]]) -> set[int]:
        """Keep received updates (id, JSON); the ids that were not kept before.

        One statement for the whole getUpdates batch (one trip to the SQLite thread, one
        commit): `RETURNING` names the rows inserted, the repeats being ignored."""
        if not updates:
            return set()
        now = to_db_time(utcnow())
        rows = await self._write_returning(
            "INSERT OR IGNORE INTO update_inbox (update_id, payload, received_at) VALUES "
            + ",".join(["(?, ?, ?)"] * len(updates))
            + " RETURNING update_id",
            [value for update_id, payload in updates for value in (update_id, payload, now)],
        )
        return {int(row[0]) for row in rows}

    async def pending_updates(self) -> list[str]:
        """The JSON of every kept update not yet handled, oldest first."""
        rows = await self._all(
            "SELECT payload FROM update_inbox WHERE done_at IS NULL ORDER BY update_id"
        )
        return [row[0] for row in rows]

    async def mark_update_done(self, update_id: int) -> None:
        """Note that an update was handled (and its conversation state saved)."""
        await self._write(
            "UPDATE update_inbox SET done_at = ? WHERE update_id = ? AND done_at IS NULL",
            (to_db_time(utcnow()), update_id),
        )

    async def last_update_id(self) -> int | None:
        """The highest update id ever kept (Telegram need not send anything up to it again)."""
        row = await self._one("SELECT max(update_id) FROM update_inbox")
        return int(row[0]) if row and row[0] is not None else None

    async def prune_inbox(self, before: datetime) -> None:
        """Forget handled updates received before `before`, keeping the newest one's id."""
        await self._write(
            """DELETE FROM update_inbox WHERE done_at IS NOT NULL AND received_at < ?
               AND update_id < (SELECT max(update_id) FROM update_inbox)""",
            (to_db_time(before),),
        )

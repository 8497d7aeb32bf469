"""Store methods for Aspirasi's lists and cards: open tickets by age, a person's own
tickets, a period's tickets and histories (the export), and every card that shows a ticket
(sent by the outbox, or opened from a list)."""

from __future__ import annotations

from datetime import datetime

from bot.models.aspirasi import Aspiration, Event
from bot.store.aspirasi_rows import OPEN, SELECT, aspiration_row, event_row
from bot.store.base import StoreBase, to_db_time, utcnow

CARD_KEY = "aspkartu"  # outbox key of a card sent to the desk or an OPD: aspkartu:<id>:<n>


class AspirationListStore(StoreBase):
    """Lists of tickets, and the cards that show them."""

    async def open_aspirations(
        self, limit: int, offset: int = 0, opd_id: str | None = None
    ) -> list[Aspiration]:
        """Tickets still open, oldest first (of one OPD, when named)."""
        where, params = _open_where(opd_id)
        rows = await self._all(
            SELECT + f" WHERE {where} ORDER BY a.created_at, a.id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [aspiration_row(r) for r in rows]

    async def count_open_aspirations(self, opd_id: str | None = None) -> int:
        """How many tickets are open (of one OPD, when named)."""
        where, params = _open_where(opd_id)
        row = await self._one(f"SELECT count(*) FROM aspiration a WHERE {where}", params)
        return int(row[0]) if row else 0

    async def aspirations_of(
        self, reporter_id: int, limit: int, offset: int = 0
    ) -> list[Aspiration]:
        """A person's own tickets (filed by them or for others), newest first."""
        rows = await self._all(
            SELECT + " WHERE a.reporter_id = ? ORDER BY a.created_at DESC, a.id DESC"
            " LIMIT ? OFFSET ?",
            (reporter_id, limit, offset),
        )
        return [aspiration_row(r) for r in rows]

    async def count_aspirations_of(self, reporter_id: int) -> int:
        """How many tickets a person filed."""
        row = await self._one("SELECT count(*) FROM aspiration WHERE reporter_id = ?",
                              (reporter_id,))  # fmt: skip
        return int(row[0]) if row else 0

    async def aspirations_filed(self, since: datetime, until: datetime) -> list[Aspiration]:
        """Tickets filed from `since` up to (not including) `until`, by filing time."""
        rows = await self._all(
            SELECT + " WHERE a.created_at >= ? AND a.created_at < ? ORDER BY a.created_at, a.id",
            (to_db_time(since), to_db_time(until)),
        )
        return [aspiration_row(r) for r in rows]

    async def events_of_filed(self, since: datetime, until: datetime) -> list[Event]:
        """The histories of the tickets filed from `since` up to `until`, oldest first."""
        rows = await self._all(
            """SELECT e.* FROM aspiration_event e JOIN aspiration a ON a.id = e.aspiration_id
               WHERE a.created_at >= ? AND a.created_at < ? ORDER BY e.id""",
            (to_db_time(since), to_db_time(until)),
        )
        return [event_row(r) for r in rows]

    async def remember_aspiration_card(
        self, aspiration_id: int, chat_id: int, message_id: int
    ) -> None:
        """Keep a card shown outside the outbox (opened from a list, or pressed)."""
        await self._write(
            """INSERT OR REPLACE INTO aspiration_card (chat_id, message_id, aspiration_id,
                   shown_at) VALUES (?, ?, ?, ?)""",
            (chat_id, message_id, aspiration_id, to_db_time(utcnow())),
        )

    async def aspiration_cards(self, aspiration_id: int) -> list[tuple[int, int]]:
        """Every card of a ticket as (chat, message): sent by the outbox, or remembered."""
        rows = await self._all(
            """SELECT chat_id, message_id FROM outbox_message WHERE kind = 'decision'
                   AND item LIKE ? AND method = 'sendMessage' AND status = 'sent'
                   AND message_id IS NOT NULL
               UNION SELECT chat_id, message_id FROM aspiration_card WHERE aspiration_id = ?
               ORDER BY 1, 2""",
            (f"{CARD_KEY}:{aspiration_id}:%", aspiration_id),
        )
        return [(r["chat_id"], r["message_id"]) for r in rows]


def _open_where(opd_id: str | None) -> tuple[str, tuple[object, ...]]:
    if opd_id is None:
        return OPEN, ()
    return f"{OPEN} AND a.opd_id = ?", (opd_id,)

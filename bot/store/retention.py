"""Retention: what is past its time goes (SECURITY.md lists the periods and why).

Sent messages keep their row (the outbox sends each (kind, item, chat) once because the row
is there) but lose their text; replies given up are forgotten; people the bot has not heard
from for two years and who hold nothing (no KIM, no role, no open ticket) are erased as by
/hapusdata; a ticket closed for a year keeps its statistics but not who filed it, where
exactly, their photos or voice note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.store.base import Params, to_db_time
from bot.store.people import PeopleStore

SENT_TEXT = timedelta(days=90)
LOST_REPLIES = timedelta(days=90)
INACTIVE_PERSON = timedelta(days=730)
CLOSED_TICKET = timedelta(days=365)
CLOSED = "('selesai', 'ditolak', 'duplikat')"  # the statuses a ticket ends in


@dataclass(frozen=True)
class Removed:
    """How many of each kind a retention pass removed or emptied."""

    sent_texts: int
    lost_replies: int
    people: int
    tickets: int


class RetentionStore(PeopleStore):
    """The retention pass, in one transaction."""

    async def apply_retention(self, now: datetime) -> Removed:
        """Remove or empty what is past its time at `now`."""
        async with self.transaction():
            texts = await self._count_write(
                """UPDATE outbox_message SET params = '{}' WHERE status IN ('sent', 'skipped')
                   AND updated_at < ? AND params != '{}'""",
                (to_db_time(now - SENT_TEXT),),
            )
            lost = await self._count_write(
                "DELETE FROM lost_reply WHERE at < ?", (to_db_time(now - LOST_REPLIES),)
            )
            people = await self._forget_inactive(now - INACTIVE_PERSON)
            tickets = await self._count_write(
                f"""UPDATE aspiration SET reporter_id = NULL, reporter_name = NULL,
                       latitude = NULL, longitude = NULL, voice_file_id = NULL
                   WHERE status IN {CLOSED} AND updated_at < ?
                   AND (reporter_id IS NOT NULL OR latitude IS NOT NULL
                        OR voice_file_id IS NOT NULL)""",
                (to_db_time(now - CLOSED_TICKET),),
            )
            await self._write(
                f"""DELETE FROM aspiration_photo WHERE aspiration_id IN (SELECT id FROM
                   aspiration WHERE status IN {CLOSED} AND updated_at < ?)""",
                (to_db_time(now - CLOSED_TICKET),),
            )
        await self.checkpoint()  # with secure_delete, the old bytes leave the files too
        return Removed(texts, lost, people, tickets)

    async def _forget_inactive(self, before: datetime) -> int:
        """Erase people last seen before `before` who hold nothing the bot still needs."""
        rows = await self._all(
            """SELECT user_id FROM person p WHERE last_seen_at < ?
               AND NOT EXISTS (SELECT 1 FROM kim_member m WHERE m.user_id = p.user_id)
               AND NOT EXISTS (SELECT 1 FROM role r WHERE r.user_id = p.user_id)
               AND NOT EXISTS (SELECT 1 FROM aspiration a WHERE a.reporter_id = p.user_id
                               AND a.status NOT IN """
            + CLOSED
            + ")",
            (to_db_time(before),),
        )
        for row in rows:
            user_id = int(row["user_id"])
            await self._write("DELETE FROM person WHERE user_id = ?", (user_id,))
            self.forget_touched(user_id)
            await self._write(
                "DELETE FROM ptb_state WHERE kind IN ('user_data', 'chat_data') AND key = ?",
                (str(user_id),),
            )
            await self._anonymise(user_id)
        return len(rows)

    async def _count_write(self, sql: str, params: Params) -> int:
        cursor = await self._write(sql, params)
        return max(0, cursor.rowcount)

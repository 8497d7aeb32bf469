"""Store methods for Aspirasi: filing tickets, moving them along, their history and cards.

A filing and its checks (the daily limit, the same text twice) are one transaction, so two
filings at once cannot both slip under the limit; the tracking code is numbered within the
month in the same transaction. A status change names the status (and OPD) it expects to
find, so a second press on an old card changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.models.aspirasi import (
    Aspiration,
    AspirationRefused,
    Event,
    Identity,
    NewAspiration,
    Status,
    format_code,
)
from bot.store.aspirasi_rows import SELECT, aspiration_row, event_row
from bot.store.base import StoreBase, to_db_time, utcnow


@dataclass(frozen=True)
class Change:
    """A move of a ticket by the desk or an OPD: the new status and what goes with it."""

    status: Status
    note: str | None
    by_role: str
    by_user: int | None
    opd_id: str | None = None  # the OPD it goes to (diteruskan), else the one it stays with
    duplicate_of: str | None = None


class AspirationStore(StoreBase):
    """Aspirations: filing, the lifecycle, the citizen's answers, ratings and cards."""

    async def file_aspiration(
        self, new: NewAspiration, *, limit: int, day_start: datetime, repeat_since: datetime
    ) -> Aspiration:
        """Store a new ticket with its code and first event (diterima).

        AspirationRefused("limit") when the reporter filed `limit` (own or, filed for
        others through a KIM, counted apart) since `day_start`; ("duplicate") when they filed
        the same text since `repeat_since`.
        """
        async with self.transaction():
            await self._check_filing(new, limit, day_start, repeat_since)
            row = await self._one(
                "SELECT coalesce(max(seq), 0) + 1 FROM aspiration WHERE month = ?", (new.month,)
            )
            seq = int(row[0]) if row else 1
            cursor = await self._write(
                """INSERT INTO aspiration (code, month, seq, category, kecamatan_kode, desa_kode,
                       latitude, longitude, text, voice_file_id, identity, reporter_id,
                       reporter_name, kim_id, status, created_at, updated_at, due_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'diterima', ?, ?, ?)""",
                (format_code(new.month, seq), new.month, seq, new.category, new.kecamatan_kode,
                 new.desa_kode, new.latitude, new.longitude, new.text, new.voice_file_id,
                 new.identity, new.reporter_id, _shown_name(new), new.kim_id,
                 to_db_time(new.created_at), to_db_time(new.created_at),
                 to_db_time(new.due_at)),
            )  # fmt: skip
            aspiration_id = cursor.lastrowid
            assert aspiration_id is not None
            await self._write_many(
                "INSERT INTO aspiration_photo (aspiration_id, position, file_id) VALUES (?, ?, ?)",
                [(aspiration_id, n, file_id) for n, file_id in enumerate(new.photo_file_ids)],
            )
            await self._add_event(aspiration_id, "status", Status.RECEIVED, None, "sistem", None)
        found = await self.get_aspiration(aspiration_id)
        assert found is not None
        return found

    async def _check_filing(
        self, new: NewAspiration, limit: int, day_start: datetime, repeat_since: datetime
    ) -> None:
        """Refuse a filing over the day's limit, or repeating a text of the last day."""
        if new.reporter_id is None:
            return
        assisted = new.kim_id is not None
        if await self.count_filed(new.reporter_id, day_start, assisted=assisted) >= limit:
            raise AspirationRefused("limit")
        if await self.filed_same_text(new.reporter_id, new.text, repeat_since):
            raise AspirationRefused("duplicate")

    async def count_filed(self, reporter_id: int, since: datetime, *, assisted: bool) -> int:
        """How many tickets a person filed since then: their own, or those filed through a KIM."""
        row = await self._one(
            """SELECT count(*) FROM aspiration WHERE reporter_id = ? AND created_at >= ?
                   AND (kim_id IS NOT NULL) = ?""",
            (reporter_id, to_db_time(since), assisted),
        )
        return int(row[0]) if row else 0

    async def filed_same_text(self, reporter_id: int, text: str, since: datetime) -> bool:
        """Whether a person filed this text (case aside) since then."""
        row = await self._one(
            """SELECT 1 FROM aspiration WHERE reporter_id = ? AND created_at >= ?
                   AND lower(text) = lower(?)""",
            (reporter_id, to_db_time(since), text),
        )
        return row is not None

    async def filed_with_text(
        self, reporter_id: int, text: str, since: datetime
    ) -> list[Aspiration]:
        """The tickets a person filed with this text (case aside) since then, newest first."""
        rows = await self._all(
            f"""{SELECT} WHERE a.reporter_id = ? AND a.created_at >= ?
                AND lower(a.text) = lower(?) ORDER BY a.id DESC""",
            (reporter_id, to_db_time(since), text),
        )
        return [aspiration_row(row) for row in rows]

    async def get_aspiration(self, aspiration_id: int) -> Aspiration | None:
        """The ticket with this id, if any."""
        row = await self._one(SELECT + " WHERE a.id = ?", (aspiration_id,))
        return aspiration_row(row) if row else None

    async def aspiration_by_code(self, code: str) -> Aspiration | None:
        """The ticket with this tracking code (canonical form), if any."""
        row = await self._one(SELECT + " WHERE a.code = ?", (code,))
        return aspiration_row(row) if row else None

    async def change_aspiration(
        self, aspiration_id: int, expected: tuple[Status, str | None], change: Change
    ) -> tuple[Aspiration, Event] | None:
        """Move a ticket on; None when it no longer stands at `expected` (status, OPD)."""
        status, opd_id = expected
        now = to_db_time(utcnow())
        async with self.transaction():
            cursor = await self._write(
                """UPDATE aspiration SET status = ?, opd_id = coalesce(?, opd_id),
                       duplicate_of = ?, updated_at = ?
                   WHERE id = ? AND status = ? AND opd_id IS ?""",
                (change.status, change.opd_id, change.duplicate_of, now, aspiration_id, status,
                 opd_id),
            )  # fmt: skip
            if not cursor.rowcount:
                return None
            event = await self._add_event(
                aspiration_id, "status", change.status, change.note, change.by_role,
                change.by_user, change.opd_id,
            )  # fmt: skip
        found = await self.get_aspiration(aspiration_id)
        assert found is not None
        return found, event

    async def add_aspiration_event(
        self, aspiration_id: int, kind: str, note: str | None, by_role: str,
        by_user: int | None, opd_id: str | None = None,
    ) -> Event:  # fmt: skip
        """Add a question, an answer or another note to a ticket's history."""
        async with self.transaction():
            await self._write(
                "UPDATE aspiration SET updated_at = ? WHERE id = ?",
                (to_db_time(utcnow()), aspiration_id),
            )
            return await self._add_event(aspiration_id, kind, None, note, by_role, by_user,
                                         opd_id)  # fmt: skip

    async def _add_event(
        self, aspiration_id: int, kind: str, status: Status | None, note: str | None,
        by_role: str, by_user: int | None, opd_id: str | None = None,
    ) -> Event:  # fmt: skip
        at = utcnow()
        await self._write(
            """INSERT INTO aspiration_event (aspiration_id, kind, status, note, by_role, by_user,
                   opd_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (aspiration_id, kind, status, note, by_role, by_user, opd_id, to_db_time(at)),
        )
        return Event(aspiration_id, kind, status, note, by_role, at, opd_id)

    async def aspiration_events(self, aspiration_id: int) -> list[Event]:
        """A ticket's history, oldest first."""
        rows = await self._all(
            "SELECT * FROM aspiration_event WHERE aspiration_id = ? ORDER BY id", (aspiration_id,)
        )
        return [event_row(r) for r in rows]

    async def count_aspiration_events(self, aspiration_id: int) -> int:
        """How many changes a ticket has had (names each change's outbox effects)."""
        row = await self._one(
            "SELECT count(*) FROM aspiration_event WHERE aspiration_id = ?", (aspiration_id,)
        )
        return int(row[0]) if row else 0

    async def awaits_answer(self, aspiration_id: int) -> bool:
        """Whether the desk's last question to the citizen has no answer yet."""
        row = await self._one(
            """SELECT kind FROM aspiration_event WHERE aspiration_id = ?
                   AND kind IN ('question', 'answer') ORDER BY id DESC LIMIT 1""",
            (aspiration_id,),
        )
        return row is not None and row["kind"] == "question"

    async def rate_aspiration(self, aspiration_id: int, reporter_id: int, rating: int) -> bool:
        """Keep the citizen's rating of a finished ticket (the first one only)."""
        async with self.transaction():
            cursor = await self._write(
                """UPDATE aspiration SET rating = ?, updated_at = ? WHERE id = ? AND
                       reporter_id = ? AND status = 'selesai' AND rating IS NULL""",
                (rating, to_db_time(utcnow()), aspiration_id, reporter_id),
            )
            if cursor.rowcount:
                await self._add_event(aspiration_id, "rating", None, str(rating), "warga",
                                      reporter_id)  # fmt: skip
        return bool(cursor.rowcount)

    async def reopen_aspiration(
        self, aspiration_id: int, reporter_id: int, reason: str
    ) -> tuple[Aspiration, Event] | None:
        """Reopen a finished ticket once, at the citizen's request; None when it may not be."""
        now = to_db_time(utcnow())
        async with self.transaction():
            cursor = await self._write(
                """UPDATE aspiration SET reopened = 1, rating = NULL, updated_at = ?,
                       status = CASE WHEN opd_id IS NULL THEN 'diverifikasi' ELSE 'diteruskan' END
                   WHERE id = ? AND reporter_id = ? AND status = 'selesai' AND reopened = 0""",
                (now, aspiration_id, reporter_id),
            )
            if not cursor.rowcount:
                return None
            found = await self.get_aspiration(aspiration_id)
            assert found is not None
            event = await self._add_event(aspiration_id, "reopen", found.status, reason,
                                          "warga", reporter_id, found.opd_id)  # fmt: skip
        return found, event


def _shown_name(new: NewAspiration) -> str | None:
    """The reporter's name is kept only for a shown identity (the database checks it too)."""
    return new.reporter_name if new.identity == Identity.SHOWN else None

"""Store methods of the agenda: events, which KIMs they concern, and their one reminder.

A reminder is claimed (reminded_at set) in the transaction that queues it in the outbox, so
it goes out once whatever restarts happen around it.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.models.jaringan import Agenda, AgendaDraft, AgendaKind, AgendaScope
from bot.models.registrasi import Kim, KimStatus
from bot.store.base import from_db_time, to_db_time
from bot.store.registrasi import KimStore

_AGENDA_SELECT = """SELECT a.*, k.nama AS owner_nama, t.nama AS target_nama FROM agenda a
    LEFT JOIN kim k ON k.id = a.owner_kim_id
    LEFT JOIN kim t ON a.scope = 'kim' AND t.id = CAST(a.scope_value AS INTEGER)"""
# Events that concern one KIM: everyone's, its kecamatan's, its own.
_FOR_KIM = """(a.scope = 'semua' OR (a.scope = 'kecamatan' AND a.scope_value = :kecamatan)
    OR (a.scope = 'kim' AND a.scope_value = :kim))"""


def _agenda(row: aiosqlite.Row) -> Agenda:
    mulai, remind, created = (from_db_time(row[k]) for k in ("mulai", "remind_at", "created_at"))
    assert mulai is not None
    assert remind is not None
    assert created is not None
    return Agenda(
        row["id"], row["judul"], AgendaKind(row["jenis"]), mulai, row["tempat"],
        AgendaScope(row["scope"]), row["scope_value"], row["owner_kim_id"], row["owner_nama"],
        row["created_by"], remind, from_db_time(row["reminded_at"]), row["target_nama"],
    )  # fmt: skip


def _where(kim: Kim | None, everything: bool) -> tuple[str, dict[str, object]]:
    """Which events a reader sees: all (Diskominfo), a KIM's, or only those for every KIM."""
    if everything:
        return "1", {}
    if kim is None:
        return "a.scope = 'semua'", {}
    return _FOR_KIM, {"kecamatan": kim.kecamatan_kode, "kim": str(kim.id)}


class AgendaStore(KimStore):
    """Events of the network and their reminders."""

    async def add_agenda(self, draft: AgendaDraft, remind_at: datetime,
                         now: datetime) -> Agenda:  # fmt: skip
        """Store a new event and when its reminder is due."""
        cursor = await self._write(
            """INSERT INTO agenda (judul, jenis, mulai, tempat, scope, scope_value, owner_kim_id,
                   created_by, remind_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (draft.judul, draft.jenis.value, to_db_time(draft.mulai), draft.tempat,
             draft.scope.value, draft.scope_value, draft.owner_kim_id, draft.created_by,
             to_db_time(remind_at), to_db_time(now)),
        )  # fmt: skip
        assert cursor.lastrowid is not None
        agenda = await self.get_agenda(cursor.lastrowid)
        assert agenda is not None
        return agenda

    async def get_agenda(self, agenda_id: int) -> Agenda | None:
        """The event with this id, if any."""
        row = await self._one(_AGENDA_SELECT + " WHERE a.id = ?", (agenda_id,))
        return _agenda(row) if row else None

    async def upcoming_agenda(self, now: datetime, kim: Kim | None, everything: bool,
                              limit: int, offset: int = 0) -> list[Agenda]:  # fmt: skip
        """Events not yet begun that the reader sees, the soonest first."""
        where, params = _where(kim, everything)
        rows = await self._all(
            f"{_AGENDA_SELECT} WHERE a.mulai > :now AND {where}"
            " ORDER BY a.mulai, a.id LIMIT :limit OFFSET :offset",
            {**params, "now": to_db_time(now), "limit": limit, "offset": offset},
        )
        return [_agenda(r) for r in rows]

    async def count_upcoming_agenda(self, now: datetime, kim: Kim | None,
                                    everything: bool) -> int:  # fmt: skip
        """How many events `upcoming_agenda` lists."""
        where, params = _where(kim, everything)
        row = await self._one(
            f"SELECT count(*) FROM agenda a WHERE a.mulai > :now AND {where}",
            {**params, "now": to_db_time(now)},
        )
        return int(row[0]) if row else 0

    async def pending_agenda_reminders(self) -> list[Agenda]:
        """Events whose reminder has not gone out yet, the earliest due first."""
        rows = await self._all(
            _AGENDA_SELECT + " WHERE a.reminded_at IS NULL ORDER BY a.remind_at, a.id"
        )
        return [_agenda(r) for r in rows]

    async def claim_agenda_reminder(self, agenda_id: int, now: datetime) -> Agenda | None:
        """Mark a due reminder of an event not yet begun as sent; None when it is not due,
        already sent, or the event has begun."""
        at = to_db_time(now)
        cursor = await self._write(
            """UPDATE agenda SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL
                   AND remind_at <= ? AND mulai > ?""",
            (at, agenda_id, at, at),
        )
        return await self.get_agenda(agenda_id) if cursor.rowcount else None

    async def skip_agenda_reminder(self, agenda_id: int, now: datetime) -> bool:
        """Give up the reminder of an event that began while the bot was down."""
        cursor = await self._write(
            "UPDATE agenda SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL",
            (to_db_time(now), agenda_id),
        )
        return bool(cursor.rowcount)

    async def agenda_kims(self, agenda: Agenda) -> list[Kim]:
        """The verified KIMs with a reachable group that an event concerns."""
        kims = await self.list_kims(KimStatus.VERIFIED)
        return [k for k in kims if k.chat_id is not None and k.active and _concerns(agenda, k)]


def _concerns(agenda: Agenda, kim: Kim) -> bool:
    """Whether an event concerns a KIM."""
    if agenda.scope == AgendaScope.KECAMATAN:
        return agenda.scope_value == kim.kecamatan_kode
    if agenda.scope == AgendaScope.KIM:
        return agenda.scope_value == str(kim.id)
    return True

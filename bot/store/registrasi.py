"""Store methods for KIM groups and their members."""

from __future__ import annotations

from datetime import date

import aiosqlite

from bot.models.registrasi import (
    MAX_MEMBERS,
    Jabatan,
    Kim,
    KimCard,
    KimDraft,
    KimStatus,
    Member,
)
from bot.store.base import StoreBase, from_db_time, to_db_time, utcnow
from bot.store.people import decision_row

_KIM_SELECT = """
    SELECT kim.*, (SELECT count(*) FROM kim_member m WHERE m.kim_id = kim.id) AS member_count,
           (SELECT first_name FROM person p WHERE p.user_id = kim.decided_by) AS decider
    FROM kim
"""


class MembershipError(Exception):
    """A membership change that the rules refuse; `reason` says which rule."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _kim(row: aiosqlite.Row) -> Kim:
    created = from_db_time(row["created_at"])
    assert created is not None
    return Kim(
        id=row["id"],
        nama=row["nama"],
        desa_kode=row["desa_kode"],
        kecamatan_kode=row["kecamatan_kode"],
        sk_penerbit=row["sk_penerbit"],
        sk_nomor=row["sk_nomor"],
        sk_tanggal=date.fromisoformat(row["sk_tanggal"]) if row["sk_tanggal"] else None,
        sk_file_id=row["sk_file_id"],
        chat_id=row["chat_id"],
        status=KimStatus(row["status"]),
        active=bool(row["active"]),
        source=row["source"],
        registered_by=row["registered_by"],
        reject_reason=row["reject_reason"],
        desk_message_id=row["desk_message_id"],
        created_at=created,
        member_count=row["member_count"],
        decision=decision_row(row, "decided_by", "decided_at", "decider"),
    )


def _member(row: aiosqlite.Row) -> Member:
    joined = from_db_time(row["joined_at"])
    assert joined is not None
    jabatan = Jabatan(row["jabatan"]) if row["jabatan"] else None
    return Member(row["kim_id"], row["user_id"], row["nama"], jabatan, joined)


class KimStore(StoreBase):
    """KIM registration, verification and membership."""

    async def get_kim(self, kim_id: int) -> Kim | None:
        """The KIM with this id, if any."""
        row = await self._one(_KIM_SELECT + " WHERE kim.id = ?", (kim_id,))
        return _kim(row) if row else None

    async def kim_by_chat(self, chat_id: int) -> Kim | None:
        """The KIM whose Telegram group is this chat, if any."""
        row = await self._one(_KIM_SELECT + " WHERE kim.chat_id = ?", (chat_id,))
        return _kim(row) if row else None

    async def kim_of_member(self, user_id: int) -> Kim | None:
        """The KIM a person belongs to, if any."""
        row = await self._one(
            _KIM_SELECT + " WHERE kim.id = (SELECT kim_id FROM kim_member WHERE user_id = ?)",
            (user_id,),
        )
        return _kim(row) if row else None

    async def list_kims(self, status: KimStatus | None = None) -> list[Kim]:
        """Every KIM, or those with one status, oldest first."""
        if status is None:
            rows = await self._all(_KIM_SELECT + " ORDER BY kim.id")
        else:
            rows = await self._all(_KIM_SELECT + " WHERE kim.status = ? ORDER BY kim.id", (status,))
        return [_kim(r) for r in rows]

    async def unlinked_kims_in_desa(self, desa_kode: str) -> list[Kim]:
        """Official (imported) KIMs of a desa that have no Telegram group yet."""
        rows = await self._all(
            _KIM_SELECT + " WHERE kim.desa_kode = ? AND kim.chat_id IS NULL"
            " AND kim.source = 'import' ORDER BY kim.id",
            (desa_kode,),
        )
        return [_kim(r) for r in rows]

    async def register_kim(self, draft: KimDraft, chat_id: int, user_id: int) -> Kim:
        """Create (or re-submit a rejected) KIM for a group; it waits for verification.

        MembershipError("registered") when the group already is a KIM that is not a rejected
        registration of its own (an official KIM linked to it is never overwritten).
        """
        now = to_db_time(utcnow())
        async with self.transaction():
            cursor = await self._write(
                """INSERT INTO kim (nama, desa_kode, kecamatan_kode, sk_penerbit, sk_nomor,
                       sk_tanggal, sk_file_id, chat_id, status, registered_by, created_at,
                       updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'menunggu', ?, ?, ?)
                   ON CONFLICT (chat_id) DO UPDATE SET nama = excluded.nama,
                       desa_kode = excluded.desa_kode, kecamatan_kode = excluded.kecamatan_kode,
                       sk_penerbit = excluded.sk_penerbit, sk_nomor = excluded.sk_nomor,
                       sk_tanggal = excluded.sk_tanggal, sk_file_id = excluded.sk_file_id,
                       status = 'menunggu', reject_reason = NULL, decided_by = NULL,
                       decided_at = NULL, active = 1, registered_by = excluded.registered_by,
                       updated_at = excluded.updated_at
                   WHERE kim.status = 'ditolak' AND kim.source = 'telegram'""",
                (*_draft_values(draft), chat_id, user_id, now, now),
            )
        if not cursor.rowcount:
            raise MembershipError("registered")
        kim = await self.kim_by_chat(chat_id)
        assert kim is not None
        return kim

    async def set_desk_message(self, kim_id: int, message_id: int) -> None:
        """Remember the desk message that carries this KIM's verification buttons."""
        await self._write("UPDATE kim SET desk_message_id = ? WHERE id = ?", (message_id, kim_id))

    async def remember_kim_card(self, kim_id: int, chat_id: int, message_id: int) -> None:
        """Remember a card now showing a waiting KIM (a turned page re-points its card)."""
        await self._write(
            """INSERT OR REPLACE INTO kim_card (chat_id, message_id, kim_id, shown_at)
               VALUES (?, ?, ?, ?)""",
            (chat_id, message_id, kim_id, to_db_time(utcnow())),
        )

    async def take_kim_cards(self, kim_id: int) -> list[KimCard]:
        """Every remembered card of a KIM, forgotten as they are handed out (oldest first)."""
        async with self.transaction():
            rows = await self._all(
                "SELECT chat_id, message_id FROM kim_card WHERE kim_id = ? ORDER BY shown_at",
                (kim_id,),
            )
            await self._write("DELETE FROM kim_card WHERE kim_id = ?", (kim_id,))
        return [KimCard(r["chat_id"], r["message_id"]) for r in rows]

    async def decide_kim(
        self, kim_id: int, status: KimStatus, by: int, reason: str | None = None
    ) -> Kim | None:
        """Verify or reject a waiting registration; None when it was not waiting (already
        decided) or is an official KIM, whose status only Diskominfo's list sets."""
        now = to_db_time(utcnow())
        cursor = await self._write(
            """UPDATE kim SET status = ?, decided_by = ?, decided_at = ?, reject_reason = ?,
                   updated_at = ? WHERE id = ? AND status = 'menunggu' AND source = 'telegram'""",
            (status, by, now, reason, now, kim_id),
        )
        return await self.get_kim(kim_id) if cursor.rowcount else None

    async def set_kim_active(self, chat_id: int, active: bool) -> Kim | None:
        """Mark the KIM of a group active or inactive (bot added or removed); data kept."""
        await self._write(
            "UPDATE kim SET active = ?, updated_at = ? WHERE chat_id = ?",
            (int(active), to_db_time(utcnow()), chat_id),
        )
        return await self.kim_by_chat(chat_id)

    async def add_member(self, kim_id: int, user_id: int, nama: str) -> Member:
        """Add a person to a KIM, refusing a full KIM or a member of another KIM."""
        async with self.transaction():
            row = await self._one("SELECT kim_id FROM kim_member WHERE user_id = ?", (user_id,))
            if row is not None:
                raise MembershipError("same_kim" if row["kim_id"] == kim_id else "other_kim")
            count = await self._one("SELECT count(*) FROM kim_member WHERE kim_id = ?", (kim_id,))
            if count is not None and count[0] >= MAX_MEMBERS:
                raise MembershipError("full")
            await self._write(
                "INSERT INTO kim_member (kim_id, user_id, nama, joined_at) VALUES (?, ?, ?, ?)",
                (kim_id, user_id, nama, to_db_time(utcnow())),
            )
        members = await self.list_members(kim_id)
        return next(m for m in members if m.user_id == user_id)

    async def remove_member(self, kim_id: int, user_id: int) -> bool:
        """Take a person out of a KIM; False when they were not in it."""
        cursor = await self._write(
            "DELETE FROM kim_member WHERE kim_id = ? AND user_id = ?", (kim_id, user_id)
        )
        return bool(cursor.rowcount)

    async def list_members(self, kim_id: int) -> list[Member]:
        """A KIM's members: officers first, then by joining time."""
        rows = await self._all(
            """SELECT * FROM kim_member WHERE kim_id = ?
               ORDER BY CASE jabatan WHEN 'ketua' THEN 0 WHEN 'sekretaris' THEN 1
                        WHEN 'bendahara' THEN 2 ELSE 3 END, joined_at""",
            (kim_id,),
        )
        return [_member(r) for r in rows]

    async def set_jabatan(self, kim_id: int, user_id: int, jabatan: Jabatan | None) -> bool:
        """Give a member an officer position (taking it from whoever held it)."""
        async with self.transaction():
            if jabatan is not None:
                await self._write(
                    "UPDATE kim_member SET jabatan = NULL WHERE kim_id = ? AND jabatan = ?",
                    (kim_id, jabatan),
                )
            cursor = await self._write(
                "UPDATE kim_member SET jabatan = ? WHERE kim_id = ? AND user_id = ?",
                (jabatan, kim_id, user_id),
            )
        return bool(cursor.rowcount)

    async def migrate_kim_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """Follow a group that became a supergroup: everything moves to the new id."""
        await self._write(
            "UPDATE kim SET chat_id = ?, updated_at = ? WHERE chat_id = ?",
            (new_chat_id, to_db_time(utcnow()), old_chat_id),
        )


def _draft_values(draft: KimDraft) -> tuple[object, ...]:
    return (
        draft.nama,
        draft.desa_kode,
        draft.kecamatan_kode,
        draft.sk_penerbit,
        draft.sk_nomor,
        draft.sk_tanggal.isoformat() if draft.sk_tanggal else None,
        draft.sk_file_id,
    )

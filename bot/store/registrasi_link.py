"""Store methods for links: a group asks to be the group of an official (imported) KIM.

The official record's name, SK and status are never written here. Approval only gives the
KIM its group; a rejection only closes the request.
"""

from __future__ import annotations

import aiosqlite

from bot.models.registrasi import KimLink, LinkApproval, LinkStatus
from bot.store.base import from_db_time, to_db_time, utcnow
from bot.store.people import decision_row
from bot.store.registrasi import KimStore

_LINK_SELECT = """
    SELECT l.*, c.title AS group_title, p.first_name AS requester, d.first_name AS decider
    FROM kim_link l
    LEFT JOIN chat c ON c.chat_id = l.chat_id
    LEFT JOIN person p ON p.user_id = l.requested_by
    LEFT JOIN person d ON d.user_id = l.decided_by
"""


def _link(row: aiosqlite.Row) -> KimLink:
    created = from_db_time(row["created_at"])
    assert created is not None
    return KimLink(
        id=row["id"],
        kim_id=row["kim_id"],
        chat_id=row["chat_id"],
        status=LinkStatus(row["status"]),
        requested_by=row["requested_by"],
        reject_reason=row["reject_reason"],
        desk_message_id=row["desk_message_id"],
        created_at=created,
        group_title=row["group_title"],
        requester=row["requester"],
        decision=decision_row(row, "decided_by", "decided_at", "decider"),
    )


class LinkStore(KimStore):
    """Link requests of groups to official KIMs, and the desk's decisions on them."""

    async def get_link(self, link_id: int) -> KimLink | None:
        """The link request with this id, if any."""
        row = await self._one(_LINK_SELECT + " WHERE l.id = ?", (link_id,))
        return _link(row) if row else None

    async def waiting_link_of_chat(self, chat_id: int) -> KimLink | None:
        """The link request this group waits on, if any."""
        row = await self._one(
            _LINK_SELECT + " WHERE l.chat_id = ? AND l.status = 'menunggu'", (chat_id,)
        )
        return _link(row) if row else None

    async def waiting_links(self, kim_id: int | None = None) -> list[KimLink]:
        """Link requests waiting for the desk (of one KIM, when given), oldest first."""
        rows = await self._all(
            _LINK_SELECT + " WHERE l.status = 'menunggu' AND (? IS NULL OR l.kim_id = ?)"
            " ORDER BY l.id",
            (kim_id, kim_id),
        )
        return [_link(r) for r in rows]

    async def request_link(self, kim_id: int, chat_id: int, user_id: int) -> KimLink | None:
        """Ask to be an official KIM's group; None when it has a group or this one waits."""
        now = to_db_time(utcnow())
        cursor = await self._write(
            """INSERT INTO kim_link (kim_id, chat_id, status, requested_by, created_at, updated_at)
               SELECT id, ?, 'menunggu', ?, ?, ? FROM kim
               WHERE id = ? AND source = 'import' AND chat_id IS NULL
                 AND NOT EXISTS (SELECT 1 FROM kim_link
                                 WHERE chat_id = ? AND status = 'menunggu')""",
            (chat_id, user_id, now, now, kim_id, chat_id),
        )
        if not cursor.rowcount or cursor.lastrowid is None:
            return None
        return await self.get_link(cursor.lastrowid)

    async def set_link_desk_message(self, link_id: int, message_id: int) -> None:
        """Remember the desk message that carries this request's buttons."""
        await self._write(
            "UPDATE kim_link SET desk_message_id = ? WHERE id = ?", (message_id, link_id)
        )

    async def approve_link(self, link_id: int, by: int) -> LinkApproval | None:
        """Give the KIM this group (its name, SK and status stay); close rival requests.

        A rejected registration of the same group gives way: it loses the group and its
        members move to the official KIM. None when the request no longer waits.
        """
        link = await self.get_link(link_id)
        if link is None or link.status != LinkStatus.PENDING:
            return None
        now = to_db_time(utcnow())
        async with self.transaction():
            if not await self._attach(link, now):
                return None
            await self._write(
                """UPDATE kim_link SET status = 'disetujui', decided_by = ?, decided_at = ?,
                       updated_at = ? WHERE id = ?""",
                (by, now, now, link.id),
            )
            rivals = await self.waiting_links(link.kim_id)
            await self._write(
                """UPDATE kim_link SET status = 'ditolak', decided_by = ?, decided_at = ?,
                       reject_reason = NULL, updated_at = ?
                   WHERE kim_id = ? AND status = 'menunggu'""",
                (by, now, now, link.kim_id),
            )
        return await self._approval(link.id, [r.id for r in rivals])

    async def reject_link(self, link_id: int, by: int, reason: str) -> KimLink | None:
        """Refuse a waiting request with a reason; the KIM is untouched, the group is free."""
        now = to_db_time(utcnow())
        cursor = await self._write(
            """UPDATE kim_link SET status = 'ditolak', decided_by = ?, decided_at = ?,
                   reject_reason = ?, updated_at = ? WHERE id = ? AND status = 'menunggu'""",
            (by, now, reason, now, link_id),
        )
        return await self.get_link(link_id) if cursor.rowcount else None

    async def _attach(self, link: KimLink, now: str) -> bool:
        """Inside a transaction: the group leaves a rejected registration and joins the KIM."""
        own = await self._one(
            "SELECT id, status, source FROM kim WHERE chat_id = ?", (link.chat_id,)
        )
        if own is not None and (own["source"] != "telegram" or own["status"] != "ditolak"):
            return False  # the group became another KIM's meanwhile
        if own is not None:
            await self._write(
                "UPDATE kim SET chat_id = NULL, updated_at = ? WHERE id = ?", (now, own["id"])
            )
            await self._write(
                "UPDATE kim_member SET kim_id = ? WHERE kim_id = ?", (link.kim_id, own["id"])
            )
        cursor = await self._write(
            """UPDATE kim SET chat_id = ?, registered_by = ?, active = 1, updated_at = ?
               WHERE id = ? AND source = 'import' AND chat_id IS NULL""",
            (link.chat_id, link.requested_by, now, link.kim_id),
        )
        return bool(cursor.rowcount)

    async def _approval(self, link_id: int, rival_ids: list[int]) -> LinkApproval:
        link, rivals = await self.get_link(link_id), [await self.get_link(i) for i in rival_ids]
        assert link is not None
        kim = await self.get_kim(link.kim_id)
        assert kim is not None
        return LinkApproval(link, kim, tuple(r for r in rivals if r is not None))

"""Store methods of the network: what each KIM shows, the directory, shared stories, contacts.

The ketua's username leaves the database only when the admin asked to show it and the
current ketua agreed (kim_network.ketua_consent_by is their user id): the directory's query
checks both, so a new ketua, or a ketua who erased their data, is never shown by mistake.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from bot.models.jaringan import (
    ContactRequest,
    ContactStatus,
    DirectoryEntry,
    NetworkOption,
    NetworkProfile,
    Share,
    ShareScope,
    ShareStatus,
)
from bot.models.registrasi import Kim, KimStatus
from bot.store.base import from_db_time, to_db_time
from bot.store.people import decision_row
from bot.store.registrasi import KimStore

_DIRECTORY = """
    SELECT kim.id, kim.nama, kim.kecamatan_kode, kim.desa_kode,
           coalesce(n.show_members, 1) AS show_members,
           coalesce(n.show_activity, 1) AS show_activity,
           (SELECT count(*) FROM kim_member m WHERE m.kim_id = kim.id) AS members,
           max(kim.created_at,
               coalesce((SELECT max(joined_at) FROM kim_member WHERE kim_id = kim.id), ''),
               coalesce((SELECT max(submitted_at) FROM impl_report WHERE kim_id = kim.id), ''),
               coalesce((SELECT max(confirmed_at) FROM receipt WHERE kim_id = kim.id), ''),
               coalesce((SELECT max(confirmed_at) FROM news_dissemination
                         WHERE kim_id = kim.id), '')) AS last_activity,
           (SELECT p.username FROM kim_member m JOIN person p ON p.user_id = m.user_id
             WHERE m.kim_id = kim.id AND m.jabatan = 'ketua' AND n.show_ketua = 1
               AND n.ketua_consent_by = m.user_id) AS ketua_username
    FROM kim LEFT JOIN kim_network n ON n.kim_id = kim.id
    WHERE kim.status = 'terverifikasi'
"""
_SHARE_SELECT = """SELECT s.*, (SELECT first_name FROM person p WHERE p.user_id = s.decided_by)
    AS decider FROM impl_share s"""
_CONTACT_SELECT = """SELECT c.*, (SELECT first_name FROM person p WHERE p.user_id = c.decided_by)
    AS decider FROM contact_request c"""


def _profile(kim_id: int, row: aiosqlite.Row | None) -> NetworkProfile:
    if row is None:
        return NetworkProfile(kim_id)
    return NetworkProfile(
        kim_id, bool(row["show_members"]), bool(row["show_activity"]), bool(row["show_ketua"]),
        row["ketua_consent_by"], from_db_time(row["ketua_consent_at"]),
        bool(row["receive_stories"]),
    )  # fmt: skip


def _entry(row: aiosqlite.Row) -> DirectoryEntry:
    last = from_db_time(row["last_activity"]) if row["show_activity"] else None
    return DirectoryEntry(
        row["id"], row["nama"], row["kecamatan_kode"], row["desa_kode"],
        row["members"] if row["show_members"] else None,
        last, row["ketua_username"],
    )  # fmt: skip


def _share(row: aiosqlite.Row) -> Share:
    requested = from_db_time(row["requested_at"])
    assert requested is not None
    return Share(
        row["report_id"], ShareScope(row["scope"]), tuple(json.loads(row["kecamatan"])),
        ShareStatus(row["status"]), row["requested_by"], requested, row["recipients"],
        decision_row(row, "decided_by", "decided_at", "decider"),
    )  # fmt: skip


def _contact(row: aiosqlite.Row) -> ContactRequest:
    created = from_db_time(row["created_at"])
    assert created is not None
    return ContactRequest(
        row["id"], row["report_id"], row["from_kim_id"], row["to_kim_id"], row["requested_by"],
        ContactStatus(row["status"]), row["card_chat_id"], row["card_message_id"], created,
        decision_row(row, "decided_by", "decided_at", "decider"),
    )  # fmt: skip


class NetworkStore(KimStore):
    """The network's directory settings, shared stories and contact requests."""

    async def network_profile(self, kim_id: int) -> NetworkProfile:
        """What a KIM shows in the directory (the defaults when it never chose)."""
        row = await self._one("SELECT * FROM kim_network WHERE kim_id = ?", (kim_id,))
        return _profile(kim_id, row)

    async def set_network_option(self, kim_id: int, option: NetworkOption, on: bool, by: int,
                                 now: datetime) -> NetworkProfile:  # fmt: skip
        """Switch one option; switching the ketua's username, either way, voids the consent."""
        column = NetworkOption(option).value  # a known column name, never the caller's text
        consent = ", ketua_consent_by = NULL, ketua_consent_at = NULL"
        voids = consent if option == NetworkOption.KETUA else ""
        await self._write(
            f"""INSERT INTO kim_network (kim_id, {column}, updated_by, updated_at)
                VALUES (?, ?, ?, ?) ON CONFLICT (kim_id) DO UPDATE SET
                {column} = excluded.{column}, updated_by = excluded.updated_by,
                updated_at = excluded.updated_at{voids}""",
            (kim_id, int(on), by, to_db_time(now)),
        )
        return await self.network_profile(kim_id)

    async def set_ketua_consent(self, kim_id: int, ketua_id: int | None,
                                now: datetime) -> NetworkProfile:  # fmt: skip
        """Record the ketua's answer: their id (agreed), or None (refused or withdrawn)."""
        show = 0 if ketua_id is None else 1
        await self._write(
            """INSERT INTO kim_network (kim_id, show_ketua, ketua_consent_by, ketua_consent_at,
                   updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (kim_id) DO UPDATE SET show_ketua = excluded.show_ketua,
                   ketua_consent_by = excluded.ketua_consent_by,
                   ketua_consent_at = excluded.ketua_consent_at,
                   updated_by = excluded.updated_by, updated_at = excluded.updated_at""",
            (kim_id, show, ketua_id, to_db_time(now) if ketua_id else None, ketua_id,
             to_db_time(now)),
        )  # fmt: skip
        return await self.network_profile(kim_id)

    async def directory(self) -> list[DirectoryEntry]:
        """Every verified KIM, with what it chose to show (ordered by the caller)."""
        return [_entry(r) for r in await self._all(_DIRECTORY + " ORDER BY kim.id")]

    async def story_receivers(self, exclude_kim: int, kecamatan: Sequence[str] = ()) -> list[Kim]:
        """Verified, reachable KIMs that opted in to stories (of these kecamatan, if given)."""
        kims = await self.list_kims()
        row_ids = await self._all("SELECT kim_id FROM kim_network WHERE receive_stories = 1")
        opted = {r["kim_id"] for r in row_ids}
        return [
            k for k in kims
            if k.id in opted and k.id != exclude_kim and k.chat_id is not None and k.active
            and k.status == KimStatus.VERIFIED and (not kecamatan or k.kecamatan_kode in kecamatan)
        ]  # fmt: skip

    async def request_share(self, report_id: int, scope: ShareScope, kecamatan: Sequence[str],
                            by: int, now: datetime) -> Share | None:  # fmt: skip
        """Offer a report to the network (again after a decline); None when one is open or
        approved already."""
        cursor = await self._write(
            """INSERT INTO impl_share (report_id, scope, kecamatan, status, requested_by,
                   requested_at) VALUES (?, ?, ?, 'menunggu', ?, ?)
               ON CONFLICT (report_id) DO UPDATE SET scope = excluded.scope,
                   kecamatan = excluded.kecamatan, status = 'menunggu',
                   requested_by = excluded.requested_by, requested_at = excluded.requested_at,
                   decided_by = NULL, decided_at = NULL WHERE impl_share.status = 'ditolak'""",
            (report_id, scope.value, json.dumps(list(kecamatan)), by, to_db_time(now)),
        )
        return await self.get_share(report_id) if cursor.rowcount else None

    async def get_share(self, report_id: int) -> Share | None:
        """The share of a report, if it was ever offered."""
        row = await self._one(_SHARE_SELECT + " WHERE s.report_id = ?", (report_id,))
        return _share(row) if row else None

    async def decide_share(self, report_id: int, status: ShareStatus, by: int, now: datetime,
                           recipients: int | None = None) -> Share | None:  # fmt: skip
        """Approve or decline a waiting share; None when it was not waiting."""
        cursor = await self._write(
            """UPDATE impl_share SET status = ?, decided_by = ?, decided_at = ?, recipients = ?
               WHERE report_id = ? AND status = 'menunggu'""",
            (status.value, by, to_db_time(now), recipients, report_id),
        )
        return await self.get_share(report_id) if cursor.rowcount else None

    async def add_contact_request(self, report_id: int, from_kim: int, to_kim: int, by: int,
                                  now: datetime) -> tuple[ContactRequest, bool]:  # fmt: skip
        """Ask the sharing KIM for contact; (the request, whether it is new)."""
        cursor = await self._write(
            """INSERT INTO contact_request (report_id, from_kim_id, to_kim_id, requested_by,
                   status, created_at) VALUES (?, ?, ?, ?, 'menunggu', ?)
               ON CONFLICT (report_id, from_kim_id) DO NOTHING""",
            (report_id, from_kim, to_kim, by, to_db_time(now)),
        )
        row = await self._one(
            _CONTACT_SELECT + " WHERE c.report_id = ? AND c.from_kim_id = ?", (report_id, from_kim)
        )
        assert row is not None
        return _contact(row), bool(cursor.rowcount)

    async def get_contact_request(self, request_id: int) -> ContactRequest | None:
        """The contact request with this id, if any."""
        row = await self._one(_CONTACT_SELECT + " WHERE c.id = ?", (request_id,))
        return _contact(row) if row else None

    async def set_contact_card(self, request_id: int, chat_id: int, message_id: int) -> None:
        """Remember where the sharing KIM's group was shown the request."""
        await self._write(
            "UPDATE contact_request SET card_chat_id = ?, card_message_id = ? WHERE id = ?",
            (chat_id, message_id, request_id),
        )

    async def drop_contact_request(self, request_id: int) -> None:
        """Forget a request that could not be delivered (it may be asked again)."""
        await self._write("DELETE FROM contact_request WHERE id = ?", (request_id,))

    async def decide_contact(self, request_id: int, status: ContactStatus, by: int,
                             now: datetime) -> ContactRequest | None:  # fmt: skip
        """Accept or decline a waiting request; None when it was not waiting."""
        cursor = await self._write(
            """UPDATE contact_request SET status = ?, decided_by = ?, decided_at = ?
               WHERE id = ? AND status = 'menunggu'""",
            (status.value, by, to_db_time(now), request_id),
        )
        return await self.get_contact_request(request_id) if cursor.rowcount else None

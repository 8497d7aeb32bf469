"""Store methods for implementation reports, their photos, the desk's cards and decisions.

A decision is taken only from 'menunggu' (the UPDATE's WHERE), so two admins pressing at
once decide once; the loser reads who decided and when from the returned record's absence.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.models.implementasi import (
    Report,
    ReportCard,
    ReportDraft,
    ReportStatus,
    Source,
    SourceKind,
)
from bot.store.base import StoreBase, from_db_time, to_db_time
from bot.store.implementasi_rows import DRAFT_COLUMNS, REPORT_SELECT, draft_values, report_row


class ReportStore(StoreBase):
    """Implementation reports of KIMs and the Diskominfo desk's decisions on them."""

    async def add_report(self, draft: ReportDraft, now: datetime) -> Report:
        """Store a new report, waiting for the desk, with its photos."""
        at = to_db_time(now)
        columns = ", ".join(DRAFT_COLUMNS)
        marks = ", ".join("?" for _ in DRAFT_COLUMNS)
        async with self.transaction():
            cursor = await self._write(
                f"""INSERT INTO impl_report (kim_id, reporter_id, {columns}, status,
                        created_at, submitted_at)
                    VALUES (?, ?, {marks}, 'menunggu', ?, ?)""",
                (draft.kim_id, draft.reporter_id, *draft_values(draft), at, at),
            )
            report_id = cursor.lastrowid
            assert report_id is not None
            await self._put_photos(report_id, draft.photos)
        report = await self.get_report(report_id)
        assert report is not None
        return report

    async def resubmit_report(self, report_id: int, draft: ReportDraft,
                              now: datetime) -> Report | None:  # fmt: skip
        """Replace a report sent back for fixing and send it again; None when it was not."""
        sets = ", ".join(f"{column} = ?" for column in DRAFT_COLUMNS)
        async with self.transaction():
            cursor = await self._write(
                f"""UPDATE impl_report SET {sets}, status = 'menunggu', revision = revision + 1,
                        decided_by = NULL, decided_at = NULL, submitted_at = ?
                    WHERE id = ? AND status = 'perbaikan'""",
                (*draft_values(draft), to_db_time(now), report_id),
            )
            if not cursor.rowcount:
                return None
            await self._write("DELETE FROM impl_photo WHERE report_id = ?", (report_id,))
            await self._put_photos(report_id, draft.photos)
        return await self.get_report(report_id)

    async def _put_photos(self, report_id: int, photos: Sequence[str]) -> None:
        await self._write_many(
            "INSERT INTO impl_photo (report_id, position, file_id) VALUES (?, ?, ?)",
            [(report_id, position, file_id) for position, file_id in enumerate(photos, 1)],
        )

    async def get_report(self, report_id: int) -> Report | None:
        """The report with this id, if any."""
        row = await self._one(REPORT_SELECT + " WHERE r.id = ?", (report_id,))
        return report_row(row) if row else None

    async def kim_reports(self, kim_id: int, limit: int, offset: int = 0) -> list[Report]:
        """A KIM's reports, the latest sent first."""
        rows = await self._all(
            REPORT_SELECT + " WHERE r.kim_id = ? ORDER BY r.submitted_at DESC, r.id DESC"
            " LIMIT ? OFFSET ?",
            (kim_id, limit, offset),
        )
        return [report_row(r) for r in rows]

    async def count_kim_reports(self, kim_id: int) -> int:
        """How many reports a KIM has sent."""
        row = await self._one("SELECT count(*) FROM impl_report WHERE kim_id = ?", (kim_id,))
        return int(row[0]) if row else 0

    async def count_reports_by(self, reporter_id: int) -> int:
        """How many reports a person sent (for /dataku)."""
        row = await self._one(
            "SELECT count(*) FROM impl_report WHERE reporter_id = ?", (reporter_id,)
        )
        return int(row[0]) if row else 0

    async def set_report_group_card(self, report_id: int, chat_id: int, message_id: int) -> None:
        """Remember the KIM group's short card of a report (edited when the desk decides)."""
        await self._write(
            "UPDATE impl_report SET group_chat_id = ?, group_message_id = ? WHERE id = ?",
            (chat_id, message_id, report_id),
        )

    async def remember_report_card(
        self, report_id: int, kind: str, card: ReportCard, now: datetime
    ) -> None:
        """Remember a card now showing a report ('laporan') or a share request ('bagikan')."""
        await self._write(
            """INSERT OR REPLACE INTO impl_card (chat_id, message_id, report_id, kind, shown_at)
               VALUES (?, ?, ?, ?, ?)""",
            (card.chat_id, card.message_id, report_id, kind, to_db_time(now)),
        )

    async def take_report_cards(self, report_id: int, kind: str) -> list[ReportCard]:
        """Every remembered card of a report of one kind, forgotten as they are handed out."""
        async with self.transaction():
            rows = await self._all(
                """SELECT chat_id, message_id FROM impl_card WHERE report_id = ? AND kind = ?
                   ORDER BY shown_at""",
                (report_id, kind),
            )
            await self._write(
                "DELETE FROM impl_card WHERE report_id = ? AND kind = ?", (report_id, kind)
            )
        return [ReportCard(r["chat_id"], r["message_id"]) for r in rows]

    async def decide_report(
        self,
        report_id: int,
        status: ReportStatus,
        by: int,
        now: datetime,
        *,
        reason: str | None = None,
        follow_up: tuple[int, datetime] | None = None,
    ) -> Report | None:
        """Decide a waiting report; None when it was not waiting (decided meanwhile)."""
        weeks, due = follow_up if follow_up else (None, None)
        cursor = await self._write(
            """UPDATE impl_report SET status = ?, decided_by = ?, decided_at = ?, fix_reason = ?,
                   follow_up_weeks = ?, follow_up_at = ?, follow_up_sent_at = NULL
               WHERE id = ? AND status = 'menunggu'""",
            (status, by, to_db_time(now), reason, weeks, to_db_time(due) if due else None,
             report_id),
        )  # fmt: skip
        return await self.get_report(report_id) if cursor.rowcount else None

    async def pending_follow_ups(self) -> list[Report]:
        """Reports whose follow-up reminder has not gone out yet, the earliest first."""
        rows = await self._all(
            REPORT_SELECT + " WHERE r.follow_up_at IS NOT NULL AND r.follow_up_sent_at IS NULL"
            " ORDER BY r.follow_up_at"
        )
        return [report_row(r) for r in rows]

    async def claim_follow_up(self, report_id: int, now: datetime) -> Report | None:
        """Mark a due follow-up reminder as sent; the report, or None (not due, or sent)."""
        at = to_db_time(now)
        cursor = await self._write(
            """UPDATE impl_report SET follow_up_sent_at = ? WHERE id = ?
                   AND follow_up_sent_at IS NULL AND follow_up_at IS NOT NULL
                   AND follow_up_at <= ?""",
            (at, report_id, at),
        )
        return await self.get_report(report_id) if cursor.rowcount else None

    async def news_sources(self, kim_id: int, since: datetime, limit: int) -> list[Source]:
        """News items delivered to a KIM since `since`, the latest first."""
        rows = await self._all(
            """SELECT n.id, n.title AS label, d.delivered_at AS at FROM news_delivery d
               JOIN news_item n ON n.id = d.news_id
               WHERE d.kim_id = ? AND d.delivered_at >= ?
               ORDER BY d.delivered_at DESC, n.id DESC LIMIT ?""",
            (kim_id, to_db_time(since), limit),
        )
        return [_source(SourceKind.NEWS, r["id"], r["label"], r["at"]) for r in rows]

    async def broadcast_sources(self, kim_id: int, since: datetime, limit: int) -> list[Source]:
        """Broadcasts delivered to a KIM since `since` (labelled by their text), latest first."""
        rows = await self._all(
            """SELECT b.id, coalesce(b.template, '') AS label, max(d.sent_at) AS at
               FROM broadcast_delivery d JOIN broadcast_run r ON r.id = d.run_id
               JOIN broadcast b ON b.id = r.broadcast_id
               WHERE d.kim_id = ? AND d.sent_at IS NOT NULL AND d.sent_at >= ?
               GROUP BY b.id ORDER BY at DESC LIMIT ?""",
            (kim_id, to_db_time(since), limit),
        )
        return [_source(SourceKind.BROADCAST, r["id"], r["label"], r["at"]) for r in rows]

    async def discussion_sources(self, kim_id: int, since: datetime, limit: int) -> list[Source]:
        """Discussions of a KIM concluded (/kesimpulan) since `since`, the latest first."""
        rows = await self._all(
            """SELECT id, title AS label, closed_at AS at FROM discussion
               WHERE kim_id = ? AND status = 'closed' AND close_reason = 'conclusion'
                 AND closed_at >= ?
               ORDER BY closed_at DESC, id DESC LIMIT ?""",
            (kim_id, to_db_time(since), limit),
        )
        return [_source(SourceKind.DISCUSSION, r["id"], r["label"], r["at"]) for r in rows]


def _source(kind: SourceKind, source_id: int, label: str, at: str) -> Source:
    moment = from_db_time(at)
    assert moment is not None
    return Source(kind, source_id, label, moment)

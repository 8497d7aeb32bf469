"""Store methods for Diskominfo broadcasts, their runs, deliveries and receipts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from bot.models.diseminasi import (
    Broadcast,
    BroadcastRun,
    BroadcastStatus,
    Content,
    Delivery,
    Receipt,
    RunStats,
    Schedule,
    Target,
)
from bot.store.base import StoreBase, to_db_time, utcnow
from bot.store.diseminasi_rows import (
    BROADCAST_SELECT,
    RECEIPT_SELECT,
    broadcast_row,
    broadcast_values,
    delivery_row,
    receipt_row,
    run_row,
    stats_row,
)

_RUN_STATS = """
    SELECT r.id, r.run_no, r.scheduled_for,
           (SELECT count(*) FROM broadcast_delivery d WHERE d.run_id = r.id) AS targets,
           (SELECT count(*) FROM broadcast_delivery d
             WHERE d.run_id = r.id AND d.sent_at IS NOT NULL) AS delivered,
           (SELECT count(*) FROM receipt c WHERE c.run_id = r.id) AS confirmed,
           (SELECT coalesce(sum(citizens), 0) FROM receipt c WHERE c.run_id = r.id) AS citizens
    FROM broadcast_run r WHERE r.broadcast_id = ? ORDER BY r.run_no DESC LIMIT ?
"""


class BroadcastStore(StoreBase):
    """Broadcasts, their runs (one per occurrence), deliveries to KIMs and receipts."""

    async def create_broadcast(
        self,
        created_by: int,
        content: Content,
        target: Target,
        schedule: Schedule,
        next_run_at: datetime,
    ) -> Broadcast:
        """Save a confirmed broadcast as scheduled for `next_run_at`."""
        now = to_db_time(utcnow())
        values = broadcast_values(created_by, content, target, schedule)
        cursor = await self._write(
            """INSERT INTO broadcast (created_by, content_kind, template, file_id, from_chat_id,
                   message_id, target_kind, target_values, schedule_kind, at_time, weekday,
                   month_day, next_run_at, status, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?)""",
            (*values, to_db_time(next_run_at), now, now),
        )
        assert cursor.lastrowid is not None
        broadcast = await self.get_broadcast(cursor.lastrowid)
        assert broadcast is not None
        return broadcast

    async def get_broadcast(self, broadcast_id: int) -> Broadcast | None:
        """The broadcast with this id, if any."""
        row = await self._one(BROADCAST_SELECT + " WHERE id = ?", (broadcast_id,))
        return broadcast_row(row) if row else None

    async def list_broadcasts(
        self, statuses: Iterable[BroadcastStatus], limit: int | None = 20
    ) -> list[Broadcast]:
        """Broadcasts with one of these statuses, newest first (all of them without a limit)."""
        wanted = list(statuses)
        marks = ",".join("?" * len(wanted))
        rows = await self._all(  # SQLite reads a negative LIMIT as no limit
            f"{BROADCAST_SELECT} WHERE status IN ({marks}) ORDER BY id DESC LIMIT ?",
            (*wanted, -1 if limit is None else limit),
        )
        return [broadcast_row(r) for r in rows]

    async def change_broadcast(
        self,
        broadcast_id: int,
        status: BroadcastStatus,
        when: Sequence[BroadcastStatus],
        next_run_at: datetime | None = None,
        *,
        by: int,
    ) -> Broadcast | None:
        """Set the status (and next run, if given) when it is one of `when`, noting who
        changed it and when; else None."""
        marks = ",".join("?" * len(when))
        now = to_db_time(utcnow())
        cursor = await self._write(
            f"""UPDATE broadcast SET status = ?, next_run_at = coalesce(?, next_run_at),
                    changed_by = ?, changed_at = ?, updated_at = ?
                WHERE id = ? AND status IN ({marks})""",
            (
                status,
                to_db_time(next_run_at) if next_run_at else None,
                by,
                now,
                now,
                broadcast_id,
                *when,
            ),
        )
        return await self.get_broadcast(broadcast_id) if cursor.rowcount else None

    async def start_run(
        self,
        broadcast: Broadcast,
        following: datetime | None,
        targets: Sequence[tuple[int, int]],
    ) -> BroadcastRun | None:
        """Record the due run with its (kim_id, chat_id) targets and move the schedule on.

        None when this occurrence already ran (or the broadcast is no longer scheduled):
        the UNIQUE (broadcast_id, scheduled_for) row is claimed at most once.
        """
        assert broadcast.next_run_at is not None
        due, now = to_db_time(broadcast.next_run_at), to_db_time(utcnow())
        async with self.transaction():
            cursor = await self._write(
                """INSERT INTO broadcast_run (broadcast_id, run_no, scheduled_for, started_at)
                   SELECT id, (SELECT coalesce(max(run_no), 0) + 1 FROM broadcast_run
                               WHERE broadcast_id = ?), ?, ?
                   FROM broadcast WHERE id = ? AND status = 'scheduled'
                   ON CONFLICT DO NOTHING""",
                (broadcast.id, due, now, broadcast.id),
            )
            if not cursor.rowcount:
                return None
            run_id = cursor.lastrowid
            await self._write_many(
                "INSERT INTO broadcast_delivery (run_id, kim_id, chat_id) VALUES (?, ?, ?)",
                [(run_id, kim_id, chat_id) for kim_id, chat_id in targets],
            )
            await self.move_schedule(broadcast.id, following)
        assert run_id is not None
        return await self.get_run(run_id)

    async def move_schedule(self, broadcast_id: int, following: datetime | None) -> None:
        """Set a scheduled broadcast's next run; with none it is done and keeps the last one
        it had (a finished one-off still shows when it was scheduled)."""
        status = BroadcastStatus.SCHEDULED if following else BroadcastStatus.DONE
        await self._write(
            """UPDATE broadcast SET next_run_at = coalesce(?, next_run_at), status = ?,
                   updated_at = ? WHERE id = ? AND status = 'scheduled'""",
            (
                to_db_time(following) if following else None,
                status,
                to_db_time(utcnow()),
                broadcast_id,
            ),
        )

    async def get_run(self, run_id: int) -> BroadcastRun | None:
        """The run with this id, if any."""
        row = await self._one("SELECT * FROM broadcast_run WHERE id = ?", (run_id,))
        return run_row(row) if row else None

    async def find_run(self, broadcast_id: int, run_no: int) -> BroadcastRun | None:
        """The run of a broadcast by its number (the outbox item is "<id>:<run_no>")."""
        row = await self._one(
            "SELECT * FROM broadcast_run WHERE broadcast_id = ? AND run_no = ?",
            (broadcast_id, run_no),
        )
        return run_row(row) if row else None

    async def set_run_batch(self, run_id: int, batch_id: int) -> None:
        """Remember the outbox batch that delivers a run."""
        await self._write("UPDATE broadcast_run SET batch_id = ? WHERE id = ?", (batch_id, run_id))

    async def unsubmitted_runs(self) -> list[BroadcastRun]:
        """Runs recorded but not handed to the outbox (the bot stopped in between)."""
        rows = await self._all("SELECT * FROM broadcast_run WHERE batch_id IS NULL ORDER BY id")
        return [run_row(r) for r in rows]

    async def deliveries(self, run_id: int) -> list[Delivery]:
        """The KIM groups a run is addressed to."""
        rows = await self._all(
            "SELECT * FROM broadcast_delivery WHERE run_id = ? ORDER BY kim_id", (run_id,)
        )
        return [delivery_row(r) for r in rows]

    async def delivery(self, run_id: int, kim_id: int) -> Delivery | None:
        """The delivery of a run to one KIM, if it was addressed to it."""
        row = await self._one(
            "SELECT * FROM broadcast_delivery WHERE run_id = ? AND kim_id = ?", (run_id, kim_id)
        )
        return delivery_row(row) if row else None

    async def mark_delivered(self, run_id: int, chat_id: int, message_id: int | None) -> None:
        """Record that a run arrived in a group (following a group that moved chat id)."""
        await self._write(
            """UPDATE broadcast_delivery SET message_id = ?, sent_at = ?, chat_id = ?
               WHERE run_id = ? AND (chat_id = ?
                     OR kim_id = (SELECT id FROM kim WHERE chat_id = ?))""",
            (message_id, to_db_time(utcnow()), chat_id, run_id, chat_id, chat_id),
        )

    async def add_receipt(
        self, run_id: int, kim_id: int, citizens: int, channel: str, user_id: int
    ) -> bool:
        """Save a KIM's confirmation for a run; False when it had already confirmed."""
        cursor = await self._write(
            """INSERT INTO receipt (run_id, kim_id, citizens, channel, confirmed_by, confirmed_at)
               VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
            (run_id, kim_id, citizens, channel, user_id, to_db_time(utcnow())),
        )
        return bool(cursor.rowcount)

    async def receipt(self, run_id: int, kim_id: int) -> Receipt | None:
        """A KIM's confirmation for a run, if given."""
        row = await self._one(RECEIPT_SELECT + " WHERE run_id = ? AND kim_id = ?", (run_id, kim_id))
        return receipt_row(row) if row else None

    async def run_stats(self, broadcast_id: int, limit: int = 5) -> list[RunStats]:
        """Per run, newest first: addressed, delivered, confirmed and citizens reached."""
        rows = await self._all(_RUN_STATS, (broadcast_id, limit))
        return [stats_row(r) for r in rows]

    async def claim_reminders(self, sent_before: datetime) -> list[Delivery]:
        """Deliveries unconfirmed since before `sent_before`, marked reminded (once ever)."""
        async with self.transaction():
            rows = await self._all(
                """SELECT d.* FROM broadcast_delivery d
                   WHERE d.sent_at IS NOT NULL AND d.sent_at <= ? AND d.reminder_sent = 0
                     AND NOT EXISTS (SELECT 1 FROM receipt c
                                     WHERE c.run_id = d.run_id AND c.kim_id = d.kim_id)
                   ORDER BY d.run_id, d.kim_id""",
                (to_db_time(sent_before),),
            )
            await self._write_many(
                "UPDATE broadcast_delivery SET reminder_sent = 1 WHERE run_id = ? AND kim_id = ?",
                [(r["run_id"], r["kim_id"]) for r in rows],
            )
        return [delivery_row(r) for r in rows]

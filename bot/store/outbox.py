"""Store methods for the outbox: batches, their rows, claiming and settling deliveries.

Rows move pending → sending (claimed before the HTTP call) → sent | failed | skipped,
or back to pending with a later due_at for a retry. Rows left in 'sending' by a crash
go back to pending at start: those are the only messages that can ever repeat.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import aiosqlite

from bot.outbox.records import (
    BatchStatus,
    FailedBatch,
    OutboxRow,
    RowStatus,
    Settled,
)
from bot.store.base import StoreBase, from_db_time, to_db_time

NewRow = tuple[int, str, dict[str, Any]]  # chat_id, method, params


def _row(row: aiosqlite.Row) -> OutboxRow:
    return OutboxRow(
        id=row["id"],
        batch_id=row["batch_id"],
        kind=row["kind"],
        item=row["item"],
        chat_id=row["chat_id"],
        method=row["method"],
        params=json.loads(row["params"]),
        attempts=row["attempts"],
    )


def _status(row: aiosqlite.Row) -> BatchStatus:
    return BatchStatus(
        id=row["id"],
        kind=row["kind"],
        item=row["item"],
        total=row["total"],
        sent=row["sent"],
        failed=row["failed"],
        skipped=row["skipped"],
        pending=row["pending"],
        created_by=row["created_by"],
        progress_chat_id=row["progress_chat_id"],
        progress_message_id=row["progress_message_id"],
        started_at=from_db_time(row["started_at"]),
        finished_at=from_db_time(row["finished_at"]),
    )


def _at(row: aiosqlite.Row) -> datetime | None:
    return from_db_time(row["last_at"])


class OutboxStore(StoreBase):
    """The delivery queue of messages that go to many chats."""

    async def add_outbox_batch(
        self,
        kind: str,
        item: str,
        rows: Sequence[NewRow],
        owner: tuple[int | None, int | None],
        due_at: datetime,
    ) -> int:
        """Store a batch (once per kind+item) and its rows (once per chat); return its id."""
        created_by, progress_chat_id = owner
        due = to_db_time(due_at)
        async with self.transaction():
            await self._write(
                """INSERT INTO outbox_batch (kind, item, created_by, progress_chat_id, created_at)
                   VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, item) DO NOTHING""",
                (kind, item, created_by, progress_chat_id, due),
            )
            found = await self._one(
                "SELECT id FROM outbox_batch WHERE kind = ? AND item = ?", (kind, item)
            )
            assert found is not None
            batch_id = int(found["id"])
            await self._write_many(
                """INSERT INTO outbox_message (batch_id, kind, item, chat_id, method, params,
                       due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (kind, item, chat_id) DO NOTHING""",
                [
                    (batch_id, kind, item, chat, method, json.dumps(params), due, due)
                    for chat, method, params in rows
                ],
            )
            await self._write(
                """UPDATE outbox_batch SET finished_at = NULL WHERE id = ? AND EXISTS
                   (SELECT 1 FROM outbox_message WHERE batch_id = ? AND status = 'pending')""",
                (batch_id, batch_id),
            )
        return batch_id

    async def recover_outbox(self) -> int:
        """Return rows a crashed worker left in 'sending' to the queue; how many there were."""
        cursor = await self._write(
            "UPDATE outbox_message SET status = 'pending' WHERE status = 'sending'"
        )
        return cursor.rowcount

    async def route_outbox(self, now: datetime) -> None:
        """Follow migrated chats and skip due rows of chats the bot can no longer reach."""
        when = to_db_time(now)
        async with self.transaction():
            await self._write(
                """UPDATE OR IGNORE outbox_message SET chat_id = (SELECT migrated_to FROM chat
                       WHERE chat.chat_id = outbox_message.chat_id), updated_at = ?
                   WHERE status = 'pending' AND chat_id IN
                       (SELECT chat_id FROM chat WHERE migrated_to IS NOT NULL)""",
                (when,),
            )
            await self._write(
                """UPDATE outbox_message SET status = 'skipped', updated_at = ?,
                       last_error = coalesce(last_error, 'chat tidak aktif')
                   WHERE status = 'pending' AND due_at <= ? AND chat_id IN
                       (SELECT chat_id FROM chat WHERE active = 0)""",
                (when, when),
            )

    async def due_outbox_rows(self, now: datetime, per_chat: int, limit: int) -> list[OutboxRow]:
        """Due pending rows, interleaved across chats (at most `per_chat` each), oldest first."""
        rows = await self._all(
            """SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY chat_id
                       ORDER BY due_at, id) AS rank
                   FROM outbox_message WHERE status = 'pending' AND due_at <= ?)
               WHERE rank <= ? ORDER BY rank, due_at, id LIMIT ?""",
            (to_db_time(now), per_chat, limit),
        )
        return [_row(r) for r in rows]

    async def next_outbox_due(self, now: datetime) -> datetime | None:
        """When the next pending row that is not due yet becomes due."""
        row = await self._one(
            "SELECT min(due_at) FROM outbox_message WHERE status = 'pending' AND due_at > ?",
            (to_db_time(now),),
        )
        return from_db_time(row[0]) if row else None

    async def claim_outbox(self, rows: Sequence[OutboxRow], now: datetime) -> set[int]:
        """Mark rows 'sending' before their HTTP call; return the ids that were still pending."""
        when = to_db_time(now)
        claimed: set[int] = set()
        async with self.transaction():
            for row in rows:
                cursor = await self._write(
                    """UPDATE outbox_message SET status = 'sending', updated_at = ?
                       WHERE id = ? AND status = 'pending'""",
                    (when, row.id),
                )
                if cursor.rowcount:
                    claimed.add(row.id)
            await self._write_many(
                "UPDATE outbox_batch SET started_at = ? WHERE id = ? AND started_at IS NULL",
                [(when, b) for b in {r.batch_id for r in rows}],
            )
        return claimed

    async def settle_outbox(self, outcomes: Sequence[Settled], now: datetime) -> list[int]:
        """Write send outcomes in one transaction; return the batches that just finished."""
        when = to_db_time(now)
        async with self.transaction():
            for out in outcomes:
                await self._write(
                    """UPDATE outbox_message SET status = ?, message_id = ?,
                           last_error = coalesce(?, last_error), attempts = attempts + ?,
                           due_at = coalesce(?, due_at), updated_at = ?,
                           sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
                       WHERE id = ? AND status = 'sending'""",
                    (
                        out.status,
                        out.message_id,
                        out.error,
                        int(out.counts),
                        to_db_time(out.due_at) if out.due_at else None,
                        when,
                        out.status,
                        when,
                        out.row.id,
                    ),
                )
            return await self._finish_batches({o.row.batch_id for o in outcomes}, when)

    async def _finish_batches(self, batch_ids: set[int], when: str) -> list[int]:
        finished = []
        for batch_id in sorted(batch_ids):
            cursor = await self._write(
                """UPDATE outbox_batch SET finished_at = ? WHERE id = ? AND finished_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM outbox_message WHERE batch_id = ?
                                   AND status IN ('pending', 'sending'))""",
                (when, batch_id, batch_id),
            )
            if cursor.rowcount:
                finished.append(batch_id)
        return finished

    async def retarget_outbox(self, old_chat_id: int, new_chat_id: int, now: datetime) -> None:
        """Send a migrated group's unsent rows to its supergroup (a row already there wins)."""
        when = to_db_time(now)
        async with self.transaction():
            await self._write(
                """UPDATE OR IGNORE outbox_message SET chat_id = ?, updated_at = ?
                   WHERE chat_id = ? AND status IN ('pending', 'sending')""",
                (new_chat_id, when, old_chat_id),
            )
            await self._write(
                """UPDATE outbox_message SET status = 'skipped', updated_at = ?,
                       last_error = 'grup pindah ke supergrup'
                   WHERE chat_id = ? AND status = 'pending'""",
                (when, old_chat_id),
            )

    async def know_chat(self, chat_id: int, now: datetime) -> None:
        """Make sure a chat the outbox sent to has a row, so it can be marked inactive."""
        kind = "private" if chat_id > 0 else "supergroup" if chat_id < -(10**12) else "group"
        await self._write(
            """INSERT INTO chat (chat_id, type, active, updated_at) VALUES (?, ?, 1, ?)
               ON CONFLICT (chat_id) DO NOTHING""",
            (chat_id, kind, to_db_time(now)),
        )

    async def outbox_batch_status(self, batch_id: int) -> BatchStatus | None:
        """Counts and times of one batch."""
        row = await self._one(
            """SELECT b.*, count(m.id) AS total,
                   coalesce(sum(m.status = 'sent'), 0) AS sent,
                   coalesce(sum(m.status = 'failed'), 0) AS failed,
                   coalesce(sum(m.status = 'skipped'), 0) AS skipped,
                   coalesce(sum(m.status IN ('pending', 'sending')), 0) AS pending
               FROM outbox_batch b LEFT JOIN outbox_message m ON m.batch_id = b.id
               WHERE b.id = ? GROUP BY b.id""",
            (batch_id,),
        )
        return _status(row) if row else None

    async def set_outbox_progress(self, batch_id: int, message_id: int) -> None:
        """Remember the message that shows a batch's progress."""
        await self._write(
            "UPDATE outbox_batch SET progress_message_id = ? WHERE id = ?", (message_id, batch_id)
        )

    async def count_failed_outbox_batches(self) -> int:
        """How many batches have finally failed rows."""
        row = await self._one(
            "SELECT count(DISTINCT batch_id) FROM outbox_message WHERE status = 'failed'"
        )
        return int(row[0]) if row else 0

    async def failed_outbox_batches(self, limit: int = 20, offset: int = 0) -> list[FailedBatch]:
        """Batches with finally failed rows, newest failure first, with the last error."""
        rows = await self._all(
            """SELECT m.batch_id, m.kind, m.item, count(*) AS n, max(m.updated_at) AS last_at,
                   (SELECT last_error FROM outbox_message f WHERE f.batch_id = m.batch_id
                    AND f.status = 'failed' ORDER BY f.updated_at DESC, f.id DESC LIMIT 1)
                   AS last_error
               FROM outbox_message m WHERE m.status = 'failed'
               GROUP BY m.batch_id ORDER BY last_at DESC, m.batch_id DESC LIMIT ? OFFSET ?""",
            (limit, offset),
        )
        return [
            FailedBatch(r["batch_id"], r["kind"], r["item"], r["n"], r["last_error"], _at(r))
            for r in rows
        ]

    async def retry_failed_outbox(self, batch_id: int, now: datetime) -> int:
        """Put a batch's finally failed rows back in the queue; how many."""
        when = to_db_time(now)
        async with self.transaction():
            cursor = await self._write(
                """UPDATE outbox_message SET status = 'pending', attempts = 0, due_at = ?,
                       updated_at = ? WHERE batch_id = ? AND status = 'failed'""",
                (when, when, batch_id),
            )
            if cursor.rowcount:
                await self._write(
                    "UPDATE outbox_batch SET finished_at = NULL WHERE id = ?", (batch_id,)
                )
        return cursor.rowcount

    async def outbox_counts(self) -> dict[RowStatus, int]:
        """How many rows are in each status (for benchmarks and health checks)."""
        rows = await self._all("SELECT status, count(*) FROM outbox_message GROUP BY status")
        return {RowStatus(r[0]): int(r[1]) for r in rows}

"""Store methods for the feed poller's per-source state."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.models.akses import FeedRecord
from bot.store.base import StoreBase, from_db_time, to_db_time


def _time(value: datetime | None) -> str | None:
    return to_db_time(value) if value is not None else None


def _record(row: aiosqlite.Row) -> FeedRecord:
    return FeedRecord(
        source_id=row["source_id"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        consecutive_failures=row["consecutive_failures"],
        failing_since=from_db_time(row["failing_since"]),
        next_due=from_db_time(row["next_due"]),
        last_polled_at=from_db_time(row["last_polled_at"]),
        last_status=row["last_status"],
        last_error=row["last_error"],
        failure_notified=bool(row["failure_notified"]),
    )


class FeedStateStore(StoreBase):
    """ETag, Last-Modified, failures and next due time of each source."""

    async def feed_state(self, source_id: str) -> FeedRecord | None:
        """The remembered state of a source, if it was ever polled."""
        row = await self._one("SELECT * FROM feed_state WHERE source_id = ?", (source_id,))
        return _record(row) if row else None

    async def feed_states(self) -> dict[str, FeedRecord]:
        """Every remembered source state, by source id."""
        rows = await self._all("SELECT * FROM feed_state ORDER BY source_id")
        return {row["source_id"]: _record(row) for row in rows}

    async def save_feed_state(self, record: FeedRecord) -> None:
        """Remember the outcome of a poll (replacing the previous state)."""
        await self._write(
            """INSERT OR REPLACE INTO feed_state (source_id, etag, last_modified,
                   consecutive_failures, failing_since, next_due, last_polled_at, last_status,
                   last_error, failure_notified)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                record.source_id,
                record.etag,
                record.last_modified,
                record.consecutive_failures,
                _time(record.failing_since),
                _time(record.next_due),
                _time(record.last_polled_at),
                record.last_status,
                record.last_error,
                int(record.failure_notified),
            ),
        )

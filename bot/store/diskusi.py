"""Store methods for discussion threads (Diskusi) and a forum group's news topic.

A thread is opened (claimed per KIM and origin), then placed (its topic or opening message);
each message of it is counted once, by id; it is closed by a conclusion, or after a reminder
when idle. Claims of the reminder and of the idle close are conditional updates, so each
happens once whatever restarts come between.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

import aiosqlite

from bot.models.diskusi import CloseReason, Discussion, DiscussionStatus, NewsThread
from bot.store.base import StoreBase, from_db_time, to_db_time

_SELECT = """SELECT d.*, kim.chat_id AS chat_id, kim.nama AS kim_name,
    (SELECT first_name FROM person p WHERE p.user_id = d.opened_by) AS opener_name
    FROM discussion d JOIN kim ON kim.id = d.kim_id"""
_IN_CHAT = """kim.chat_id = :chat AND d.status = 'open' AND (d.thread_id = :thread
    OR d.id IN (SELECT discussion_id FROM discussion_message WHERE message_id = :replied))"""


def _time(row: aiosqlite.Row, key: str) -> datetime:
    moment = from_db_time(row[key])
    assert moment is not None
    return moment


def _discussion(row: aiosqlite.Row) -> Discussion:
    reason = row["close_reason"]
    return Discussion(
        id=row["id"], kim_id=row["kim_id"], chat_id=row["chat_id"], kim_name=row["kim_name"],
        title=row["title"], opener_text=row["opener_text"], origin=row["origin"],
        thread_id=row["thread_id"], anchor_id=row["anchor_id"], opened_by=row["opened_by"],
        opener_name=row["opener_name"], opened_at=_time(row, "opened_at"),
        last_activity_at=_time(row, "last_activity_at"), participants=row["participants"],
        messages=row["messages"], status=DiscussionStatus(row["status"]),
        reminded_at=from_db_time(row["reminded_at"]), closed_at=from_db_time(row["closed_at"]),
        closed_by=row["closed_by"], close_reason=CloseReason(reason) if reason else None,
        conclusion=row["conclusion"], closing_message_id=row["closing_message_id"],
        summary_message_id=row["summary_message_id"],
    )  # fmt: skip


class DiscussionStore(StoreBase):
    """Discussion threads of KIM groups: opening, counting, closing; a forum's news topic."""

    async def open_discussion(
        self, kim_id: int, title: str, opener_text: str | None, origin: str,
        opened_by: int, now: datetime,
    ) -> tuple[Discussion, bool]:  # fmt: skip
        """Claim a thread for a KIM and origin (its opener the first participant); the open
        thread of that origin and whether it is new (False: it was open already)."""
        when = to_db_time(now)
        async with self.transaction():
            cursor = await self._write(
                """INSERT INTO discussion (kim_id, title, opener_text, origin, opened_by,
                       opened_at, last_activity_at, participants) VALUES (?, ?, ?, ?, ?, ?, ?, 1)
                   ON CONFLICT DO NOTHING""",
                (kim_id, title, opener_text, origin, opened_by, when, when),
            )
            created = bool(cursor.rowcount)
            row = await self._one(
                f"{_SELECT} WHERE d.kim_id = ? AND d.origin = ? AND d.status = 'open'",
                (kim_id, origin),
            )
            assert row is not None
            if created:
                await self._write(
                    "INSERT INTO discussion_participant (discussion_id, user_id) VALUES (?, ?)",
                    (row["id"], opened_by),
                )
        return _discussion(row), created

    async def place_discussion(
        self, discussion_id: int, thread_id: int | None, anchor_id: int,
        message_ids: Iterable[int] = (),
    ) -> Discussion | None:  # fmt: skip
        """Record where a thread lives: its topic, its opening message and the bot's other
        messages in it (a reply to any of them belongs to the thread)."""
        async with self.transaction():
            await self._write(
                "UPDATE discussion SET thread_id = ?, anchor_id = ? WHERE id = ?",
                (thread_id, anchor_id, discussion_id),
            )
            await self._write_many(
                """INSERT OR IGNORE INTO discussion_message (discussion_id, message_id)
                   VALUES (?, ?)""",
                [(discussion_id, m) for m in {anchor_id, *message_ids}],
            )
        return await self.get_discussion(discussion_id)

    async def drop_opening(self, discussion_id: int) -> None:
        """Forget a thread whose opening failed before it had a place."""
        await self._write(
            "DELETE FROM discussion WHERE id = ? AND anchor_id IS NULL", (discussion_id,)
        )

    async def get_discussion(self, discussion_id: int) -> Discussion | None:
        """The thread with this id, if any."""
        row = await self._one(f"{_SELECT} WHERE d.id = ?", (discussion_id,))
        return _discussion(row) if row else None

    async def open_discussions(self, kim_id: int) -> list[Discussion]:
        """A KIM's open threads that have a place, the most recently active first."""
        rows = await self._all(
            f"""{_SELECT} WHERE d.kim_id = ? AND d.status = 'open' AND d.anchor_id IS NOT NULL
                ORDER BY d.last_activity_at DESC, d.id DESC""",
            (kim_id,),
        )
        return [_discussion(r) for r in rows]

    async def discussion_in_chat(
        self, chat_id: int, thread_id: int | None, replied_id: int | None
    ) -> Discussion | None:
        """The open thread a group message belongs to: by its forum topic, or by the thread
        message it replies to."""
        row = await self._one(
            f"{_SELECT} WHERE {_IN_CHAT} ORDER BY d.id DESC LIMIT 1",
            {"chat": chat_id, "thread": thread_id, "replied": replied_id},
        )
        return _discussion(row) if row else None

    async def count_discussion_message(
        self, discussion_id: int, message_id: int, user_id: int, now: datetime
    ) -> bool:
        """Count one message of an open thread and its sender (once each); False when the
        message was counted before or the thread is closed."""
        async with self.transaction():
            cursor = await self._write(
                """INSERT INTO discussion_message (discussion_id, message_id)
                   SELECT id, ? FROM discussion WHERE id = ? AND status = 'open'
                   ON CONFLICT DO NOTHING""",
                (message_id, discussion_id),
            )
            if not cursor.rowcount:
                return False
            person = await self._write(
                """INSERT OR IGNORE INTO discussion_participant (discussion_id, user_id)
                   VALUES (?, ?)""",
                (discussion_id, user_id),
            )
            await self._write(
                """UPDATE discussion SET messages = messages + 1,
                       participants = participants + ?, last_activity_at = ?, reminded_at = NULL
                   WHERE id = ?""",
                (person.rowcount, to_db_time(now), discussion_id),
            )
        return True

    async def close_discussion(
        self, discussion_id: int, by: int, conclusion: str, message_id: int, now: datetime
    ) -> Discussion | None:
        """Close an open thread with a conclusion; None when it was closed already."""
        cursor = await self._write(
            """UPDATE discussion SET status = 'closed', closed_at = ?, closed_by = ?,
                   close_reason = 'conclusion', conclusion = ?, closing_message_id = ?
               WHERE id = ? AND status = 'open'""",
            (to_db_time(now), by, conclusion, message_id, discussion_id),
        )
        return await self.get_discussion(discussion_id) if cursor.rowcount else None

    async def undo_close(self, discussion_id: int, message_id: int) -> bool:
        """Open again a thread this /kesimpulan closed but whose card never went out."""
        cursor = await self._write(
            """UPDATE discussion SET status = 'open', closed_at = NULL, closed_by = NULL,
                   close_reason = NULL, conclusion = NULL, closing_message_id = NULL
               WHERE id = ? AND closing_message_id = ? AND summary_message_id IS NULL""",
            (discussion_id, message_id),
        )
        return bool(cursor.rowcount)

    async def set_summary_message(self, discussion_id: int, message_id: int) -> None:
        """Remember the summary card of a concluded thread (a replay does not post another)."""
        await self._write(
            "UPDATE discussion SET summary_message_id = ? WHERE id = ?", (message_id, discussion_id)
        )

    async def closed_by_message(self, kim_id: int, message_id: int) -> Discussion | None:
        """The thread of a KIM that this /kesimpulan message closed, if it did."""
        row = await self._one(
            f"{_SELECT} WHERE d.kim_id = ? AND d.closing_message_id = ? AND d.status = 'closed'",
            (kim_id, message_id),
        )
        return _discussion(row) if row else None

    async def idle_discussions(self, idle_since: datetime) -> list[Discussion]:
        """Open threads of active KIMs silent since `idle_since` and not yet reminded."""
        rows = await self._all(
            f"""{_SELECT} WHERE d.status = 'open' AND d.anchor_id IS NOT NULL AND kim.active = 1
                AND d.reminded_at IS NULL AND d.last_activity_at <= ? ORDER BY d.id""",
            (to_db_time(idle_since),),
        )
        return [_discussion(r) for r in rows]

    async def claim_reminder(self, discussion_id: int, idle_since: datetime, now: datetime) -> bool:
        """Mark a silent thread reminded; False when it was, or spoke, meanwhile."""
        cursor = await self._write(
            """UPDATE discussion SET reminded_at = ? WHERE id = ? AND status = 'open'
               AND reminded_at IS NULL AND last_activity_at <= ?""",
            (to_db_time(now), discussion_id, to_db_time(idle_since)),
        )
        return bool(cursor.rowcount)

    async def overdue_discussions(self, reminded_before: datetime) -> list[Discussion]:
        """Open threads reminded before `reminded_before` that stayed silent since."""
        rows = await self._all(
            f"""{_SELECT} WHERE d.status = 'open' AND d.reminded_at <= ?
                AND d.last_activity_at <= d.reminded_at ORDER BY d.id""",
            (to_db_time(reminded_before),),
        )
        return [_discussion(r) for r in rows]

    async def close_idle(
        self, discussion_id: int, reminded_before: datetime, now: datetime
    ) -> Discussion | None:
        """Close a thread that stayed silent after its reminder; None when it did not."""
        cursor = await self._write(
            """UPDATE discussion SET status = 'closed', closed_at = ?, close_reason = 'idle'
               WHERE id = ? AND status = 'open' AND reminded_at <= ?
               AND last_activity_at <= reminded_at""",
            (to_db_time(now), discussion_id, to_db_time(reminded_before)),
        )
        return await self.get_discussion(discussion_id) if cursor.rowcount else None

    async def news_thread(self, kim_id: int) -> NewsThread | None:
        """The forum topic where a KIM receives news and broadcasts (None: General)."""
        row = await self._one("SELECT * FROM kim_news_thread WHERE kim_id = ?", (kim_id,))
        return NewsThread(row["kim_id"], row["thread_id"], row["name"]) if row else None

    async def news_threads(self, kim_ids: Iterable[int]) -> dict[int, int]:
        """The news topic of each of these KIMs that chose one, by KIM id."""
        rows = await self._all(
            """SELECT kim_id, thread_id FROM kim_news_thread
               WHERE kim_id IN (SELECT value FROM json_each(?))""",
            (json.dumps(sorted(set(kim_ids))),),
        )
        return {r["kim_id"]: r["thread_id"] for r in rows}

    async def set_news_thread(
        self, kim_id: int, thread_id: int | None, name: str | None, by: int, now: datetime
    ) -> None:
        """Send a KIM's news and broadcasts to a forum topic (None: back to General)."""
        if thread_id is None:
            await self._write("DELETE FROM kim_news_thread WHERE kim_id = ?", (kim_id,))
            return
        await self._write(
            """INSERT INTO kim_news_thread (kim_id, thread_id, name, set_by, set_at)
               VALUES (?, ?, ?, ?, ?) ON CONFLICT (kim_id) DO UPDATE SET
               thread_id = excluded.thread_id, name = excluded.name, set_by = excluded.set_by,
               set_at = excluded.set_at""",
            (kim_id, thread_id, name, by, to_db_time(now)),
        )

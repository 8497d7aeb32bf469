"""Store methods for news items: ingestion, curation, topic choices, deliveries, receipts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from bot.models.akses import News, NewsDraft, NewsStatus
from bot.models.registrasi import Kim
from bot.store.base import StoreBase, from_db_time, to_db_time, utcnow
from bot.store.people import decision_row
from bot.store.registrasi import _KIM_SELECT, _kim

# A KIM receives a topic unless it switched it off (no row means on: see 0004_feeds.sql).
_WANTS_ANY = """EXISTS (SELECT 1 FROM json_each({topics}) t WHERE NOT EXISTS (
    SELECT 1 FROM kim_topic kt WHERE kt.kim_id = kim.id AND kt.topic = t.value
    AND kt.enabled = 0))"""
_REACHABLE = """kim.status = 'terverifikasi' AND kim.active = 1 AND kim.chat_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM chat c WHERE c.chat_id = kim.chat_id AND c.active = 0)"""

_NEWS_SELECT = """SELECT news_item.*, (SELECT first_name FROM person p
    WHERE p.user_id = news_item.curated_by) AS curator FROM news_item"""
_APPROVED_OF_TOPIC = """status = 'approved' AND (? IS NULL OR EXISTS (
    SELECT 1 FROM json_each(news_item.topics) t WHERE t.value = ?))"""


def _news(row: aiosqlite.Row) -> News:
    created = from_db_time(row["created_at"])
    assert created is not None
    return News(
        id=row["id"],
        source_id=row["source_id"],
        guid=row["guid"],
        link=row["link"],
        title=row["title"],
        title_key=row["title_key"],
        summary_html=row["summary_html"],
        published_at=from_db_time(row["published_at"]),
        image_url=row["image_url"],
        topics=tuple(json.loads(row["topics"])),
        status=NewsStatus(row["status"]),
        duplicate_of=row["duplicate_of"],
        curated_by=row["curated_by"],
        approved_at=from_db_time(row["approved_at"]),
        created_at=created,
        decision=decision_row(row, "curated_by", "curated_at", "curator"),
    )


def _draft_row(draft: NewsDraft, now: str) -> tuple[object, ...]:
    published = to_db_time(draft.published_at) if draft.published_at else None
    approved = now if draft.status == NewsStatus.APPROVED else None
    return (
        draft.source_id, draft.guid, draft.link, draft.title, draft.title_key,
        draft.summary_html, published, draft.image_url, json.dumps(list(draft.topics)),
        draft.status, draft.duplicate_of, draft.curated_by, approved,
        now if draft.curated_by is not None else None, now,
    )  # fmt: skip


_INSERT_NEWS = """INSERT OR IGNORE INTO news_item (source_id, guid, link, title, title_key,
        summary_html, published_at, image_url, topics, status, duplicate_of, curated_by,
        approved_at, curated_at, created_at) VALUES """
_NEWS_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_RETURNING_KEY = " RETURNING id, source_id, guid, link"
_INSERT_CHUNK = 200  # rows per INSERT: 3 000 parameters, far below SQLite's 32 766


class NewsStore(StoreBase):
    """News items from feeds and curators, and where they went."""

    async def add_news(self, drafts: Sequence[NewsDraft]) -> list[int | None]:
        """Store items in one transaction; None for one already known by source and GUID or
        by link (or repeated in `drafts`). A statement per chunk of rows, not per row: a feed cycle
        stores thousands."""
        now = to_db_time(utcnow())
        stored: dict[tuple[str, str, str], int] = {}
        async with self.transaction():
            for start in range(0, len(drafts), _INSERT_CHUNK):
                chunk = drafts[start : start + _INSERT_CHUNK]
                rows = await self._write_returning(
                    _INSERT_NEWS + ", ".join([_NEWS_VALUES] * len(chunk)) + _RETURNING_KEY,
                    tuple(value for draft in chunk for value in _draft_row(draft, now)),
                )
                stored.update({(row[1], row[2], row[3]): row[0] for row in rows})
        return [stored.pop((d.source_id, d.guid, d.link), None) for d in drafts]

    async def recent_news(self, since: datetime, limit: int = 20000) -> list[News]:
        """Items stored since a moment, newest first (what new items are compared with)."""
        rows = await self._all(
            _NEWS_SELECT + " WHERE created_at >= ? ORDER BY id DESC LIMIT ?",
            (to_db_time(since), limit),
        )
        return [_news(r) for r in rows]

    async def get_news(self, news_id: int) -> News | None:
        """The item with this id, if any."""
        row = await self._one(_NEWS_SELECT + " WHERE id = ?", (news_id,))
        return _news(row) if row else None

    async def count_pending_news(self) -> int:
        """How many items wait for a curator."""
        row = await self._one("SELECT count(*) FROM news_item WHERE status = 'pending_review'")
        return int(row[0]) if row else 0

    async def next_pending_news(self, offset: int = 0) -> News | None:
        """The item that has waited longest for a curator (or the one `offset` places later)."""
        row = await self._one(
            _NEWS_SELECT + " WHERE status = 'pending_review' ORDER BY id LIMIT 1 OFFSET ?",
            (offset,),
        )
        return _news(row) if row else None

    async def decide_news(self, news_id: int, status: NewsStatus, by: int) -> News | None:
        """Approve or reject a waiting item; None when it was not waiting."""
        now = to_db_time(utcnow())
        approved = now if status == NewsStatus.APPROVED else None
        cursor = await self._write(
            """UPDATE news_item SET status = ?, curated_by = ?, approved_at = ?, curated_at = ?
               WHERE id = ? AND status = 'pending_review'""",
            (status, by, approved, now, news_id),
        )
        return await self.get_news(news_id) if cursor.rowcount else None

    async def set_news_topics(self, news_id: int, topics: Sequence[str]) -> News | None:
        """Replace an item's topics."""
        await self._write(
            "UPDATE news_item SET topics = ? WHERE id = ?", (json.dumps(list(topics)), news_id)
        )
        return await self.get_news(news_id)

    async def latest_news(
        self, limit: int = 10, topic: str | None = None, offset: int = 0
    ) -> list[News]:
        """The newest approved items, optionally of one topic (`offset` of them skipped)."""
        rows = await self._all(
            f"""{_NEWS_SELECT} WHERE {_APPROVED_OF_TOPIC}
               ORDER BY approved_at DESC, id DESC LIMIT ? OFFSET ?""",
            (topic, topic, limit, offset),
        )
        return [_news(r) for r in rows]

    async def count_latest_news(self, topic: str | None = None) -> int:
        """How many approved items there are, optionally of one topic."""
        row = await self._one(
            f"SELECT count(*) FROM news_item WHERE {_APPROVED_OF_TOPIC}", (topic, topic)
        )
        return int(row[0]) if row else 0

    async def kim_topic_choices(self, kim_id: int) -> dict[str, bool]:
        """The topics a KIM switched explicitly (missing topics are on)."""
        rows = await self._all("SELECT topic, enabled FROM kim_topic WHERE kim_id = ?", (kim_id,))
        return {r["topic"]: bool(r["enabled"]) for r in rows}

    async def set_kim_topic(self, kim_id: int, topic: str, enabled: bool) -> None:
        """Switch one topic on or off for a KIM."""
        await self._write(
            """INSERT INTO kim_topic (kim_id, topic, enabled) VALUES (?, ?, ?)
               ON CONFLICT (kim_id, topic) DO UPDATE SET enabled = excluded.enabled""",
            (kim_id, topic, int(enabled)),
        )

    async def kims_for_topics(self, topics: Sequence[str]) -> list[Kim]:
        """Verified, active KIMs with a reachable group subscribed to any of the topics."""
        where = f"{_REACHABLE} AND {_WANTS_ANY.format(topics='?')}"
        rows = await self._all(
            f"{_KIM_SELECT} WHERE {where} ORDER BY kim.id", (json.dumps(list(topics)),)
        )
        return [_kim(r) for r in rows]

    async def undelivered_news(self, since: datetime) -> list[tuple[Kim, News]]:
        """(KIM, item) pairs still due: approved since `since`, wanted, not yet delivered."""
        rows = await self._all(
            f"""SELECT n.id AS news_id, kim.id AS kim_id FROM kim JOIN news_item n
                WHERE {_REACHABLE} AND n.status = 'approved' AND n.approved_at >= ?
                AND NOT EXISTS (SELECT 1 FROM news_delivery d
                                WHERE d.news_id = n.id AND d.kim_id = kim.id)
                AND {_WANTS_ANY.format(topics="n.topics")}
                ORDER BY kim.id, n.approved_at, n.id""",
            (to_db_time(since),),
        )
        kims = {k.id: k for k in await self.list_kims_by_ids({r["kim_id"] for r in rows})}
        news = {n.id: n for n in await self._news_by_ids({r["news_id"] for r in rows})}
        return [(kims[r["kim_id"]], news[r["news_id"]]) for r in rows]

    async def list_kims_by_ids(self, ids: set[int]) -> list[Kim]:
        """The KIMs with these ids."""
        rows = await self._all(
            f"{_KIM_SELECT} WHERE kim.id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(ids)),),
        )
        return [_kim(r) for r in rows]

    async def _news_by_ids(self, ids: set[int]) -> list[News]:
        rows = await self._all(
            _NEWS_SELECT + " WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(ids)),),
        )
        return [_news(r) for r in rows]

    async def record_deliveries(self, kim_id: int, news_ids: Sequence[int], key: str) -> None:
        """Remember that these items went to a KIM (in the outbox item `key`)."""
        now = to_db_time(utcnow())
        await self._write_many(
            """INSERT OR IGNORE INTO news_delivery (news_id, kim_id, digest_key, delivered_at)
               VALUES (?, ?, ?, ?)""",
            [(news_id, kim_id, key, now) for news_id in news_ids],
        )

    async def delivered_to(self, news_id: int) -> list[int]:
        """The ids of the KIMs an item went to."""
        rows = await self._all(
            "SELECT kim_id FROM news_delivery WHERE news_id = ? ORDER BY kim_id", (news_id,)
        )
        return [r["kim_id"] for r in rows]

    async def record_dissemination(self, news_id: int, kim_id: int, user_id: int) -> bool:
        """Record that a member passed an item on; False if they had already said so."""
        cursor = await self._write(
            """INSERT OR IGNORE INTO news_dissemination (news_id, kim_id, user_id, confirmed_at)
               VALUES (?, ?, ?, ?)""",
            (news_id, kim_id, user_id, to_db_time(utcnow())),
        )
        return bool(cursor.rowcount)

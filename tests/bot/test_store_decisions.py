"""Who decided, and when: kept with every decision (0007_decisions.sql), named from people."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from bot.models.akses import NewsDraft, NewsStatus
from bot.models.diseminasi import (
    BroadcastStatus,
    Content,
    ContentKind,
    Schedule,
    ScheduleKind,
    Target,
    TargetKind,
)
from bot.models.people import Decision
from bot.models.registrasi import KimDraft, KimStatus
from bot.store import Store, utcnow
from bot.store.base import migrations

DRAFT = KimDraft("KIM Maju", "61.06.05.2002", "61.06.05", "camat", "1/2025", date(2025, 1, 2))
NEWS = NewsDraft(
    source_id="portal-a", guid="g1", link="https://contoh.id/1", title="Judul", title_key="judul",
    summary_html="Isi", published_at=None, image_url=None, topics=("pertanian",),
    status=NewsStatus.PENDING,
)  # fmt: skip


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.connect(tmp_path / "kim.sqlite3")
    yield opened
    await opened.close()


async def test_a_kim_decision_names_its_decider(store: Store) -> None:
    await store.touch_person(7, "Dina", None)
    kim = await store.register_kim(DRAFT, -4001, 5)
    assert kim.decision is None
    before = utcnow()
    decided = await store.decide_kim(kim.id, KimStatus.VERIFIED, 7)
    assert decided is not None
    assert decided.decision is not None
    assert (decided.decision.by, decided.decision.name) == (7, "Dina")
    assert before <= decided.decision.at <= utcnow()
    assert decided.decision.made_by(7)
    assert not decided.decision.made_by(8)
    await store.delete_person(7, placeholder="(nama dihapus)")  # the decision stays, the name goes
    erased = await store.get_kim(kim.id)
    assert erased is not None
    assert erased.decision is not None
    assert erased.decision.name is None


async def test_a_curation_and_a_schedule_change_keep_who_and_when(store: Store) -> None:
    await store.touch_person(7, "Kiki", None)
    [news_id] = await store.add_news([NEWS])
    assert news_id is not None
    decided = await store.decide_news(news_id, NewsStatus.REJECTED, 7)
    assert decided is not None
    assert decided.decision is not None
    assert decided.decision.name == "Kiki"
    broadcast = await store.create_broadcast(
        9, Content(ContentKind.TEXT, "Halo"), Target(TargetKind.ALL, ()),
        Schedule(ScheduleKind.DAILY, time(7, 0)), utcnow(),
    )  # fmt: skip
    assert broadcast.last_change is None
    paused = await store.change_broadcast(
        broadcast.id, BroadcastStatus.PAUSED, [BroadcastStatus.SCHEDULED], by=7
    )
    assert paused is not None
    assert paused.last_change is not None
    assert (paused.last_change.by, paused.last_change.name) == (7, "Kiki")
    await store.delete_person(7, placeholder="(nama dihapus)")
    erased = await store.get_broadcast(broadcast.id)
    assert erased is not None
    assert erased.last_change is None


async def test_the_migration_dates_earlier_curations(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    for version, _, sql in migrations():
        if version < 7:
            db.executescript(sql)
    db.execute("PRAGMA user_version = 6")
    db.executescript(
        """INSERT INTO news_item (source_id, guid, link, title, title_key, summary_html,
               status, curated_by, approved_at, created_at) VALUES
           ('a', '1', 'l1', 't', 't', 's', 'approved', 7, '2026-01-02T03:04:05.000000Z',
            '2026-01-01T00:00:00.000000Z'),
           ('a', '2', 'l2', 't', 't', 's', 'pending_review', NULL, NULL,
            '2026-01-01T00:00:00.000000Z');"""
    )
    db.close()
    store = await Store.connect(path)
    try:
        waiting, approved = await store.recent_news(since=datetime(2000, 1, 1, tzinfo=UTC))
        # Decided when it was approved, by someone the bot no longer knows by name.
        assert approved.decision == Decision(7, None, datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
        assert waiting.decision is None
    finally:
        await store.close()

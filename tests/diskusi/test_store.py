"""The Store's discussion threads against a real SQLite file: claims, counts, closes, erasure."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.models.diskusi import CloseReason, Discussion, DiscussionStatus
from bot.models.registrasi import Kim, KimDraft, KimStatus
from bot.store import Store

T0 = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
GROUP = -1002000000042  # a supergroup: links are t.me/c/2000000042/…


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.connect(tmp_path / "kim.sqlite3")
    yield store
    await store.close()


async def verified_kim(store: Store, chat_id: int = GROUP) -> Kim:
    draft = KimDraft("KIM Maju", "61.06.05.2002", "61.06.05", "kepala_desa", "1/2025", None)
    kim = await store.register_kim(draft, chat_id=chat_id, user_id=7)
    decided = await store.decide_kim(kim.id, KimStatus.VERIFIED, by=1)
    assert decided is not None
    return decided


async def opened(store: Store, kim: Kim, origin: str = "pesan:10") -> Discussion:
    discussion, created = await store.open_discussion(kim.id, "Jalan desa", None, origin, 7, T0)
    assert created
    placed = await store.place_discussion(discussion.id, None, 11, [12])
    assert placed is not None
    return placed


async def test_one_open_thread_per_origin(store: Store) -> None:
    kim = await verified_kim(store)
    first, created = await store.open_discussion(kim.id, "Berita", None, "berita:5", 7, T0)
    again, created_again = await store.open_discussion(kim.id, "Berita", None, "berita:5", 8, T0)
    assert (created, created_again) == (True, False)
    assert again.id == first.id
    assert (first.participants, first.opened_by, first.kim_name) == (1, 7, "KIM Maju")
    # Not placed yet: not listed, and forgotten when its opening fails.
    assert await store.open_discussions(kim.id) == []
    await store.drop_opening(first.id)
    assert await store.get_discussion(first.id) is None


async def test_messages_and_replies_to_them_belong_to_the_thread(store: Store) -> None:
    kim = await verified_kim(store)
    discussion = await opened(store, kim)
    assert await store.discussion_in_chat(GROUP, None, 12) == discussion
    assert await store.discussion_in_chat(GROUP, None, 99) is None
    assert await store.discussion_in_chat(-4001, None, 12) is None  # another chat
    later = T0 + timedelta(hours=1)
    assert await store.count_discussion_message(discussion.id, 20, 8, later)
    assert not await store.count_discussion_message(discussion.id, 20, 8, later)  # replayed
    assert await store.count_discussion_message(discussion.id, 21, 8, later)
    assert await store.count_discussion_message(discussion.id, 22, 9, later)
    counted = await store.discussion_in_chat(GROUP, None, 22)  # a reply to a reply
    assert counted is not None
    assert (counted.messages, counted.participants) == (3, 3)
    assert counted.last_activity_at == later


async def test_topic_threads_are_found_by_thread(store: Store) -> None:
    kim = await verified_kim(store)
    discussion, _ = await store.open_discussion(kim.id, "Pupuk", "Stok menipis", "pesan:3", 7, T0)
    placed = await store.place_discussion(discussion.id, 40, 41)
    assert placed is not None
    assert placed.link == "https://t.me/c/2000000042/40"
    found = await store.discussion_in_chat(GROUP, 40, 40)
    assert found is not None
    assert found.in_topic


async def test_close_once(store: Store) -> None:
    kim = await verified_kim(store)
    discussion = await opened(store, kim)
    later = T0 + timedelta(days=2, hours=3)
    closed = await store.close_discussion(discussion.id, 7, "Gotong royong Sabtu", 30, later)
    assert closed is not None
    assert (closed.status, closed.close_reason) == (DiscussionStatus.CLOSED, CloseReason.CONCLUSION)
    assert closed.duration == timedelta(days=2, hours=3)
    assert await store.close_discussion(discussion.id, 8, "Lain", 31, later) is None
    assert not await store.count_discussion_message(discussion.id, 50, 8, later)
    assert await store.discussion_in_chat(GROUP, None, 12) is None
    assert closed.link == "https://t.me/c/2000000042/11"


async def test_reminder_and_idle_close_are_claimed_once(store: Store) -> None:
    kim = await verified_kim(store)
    discussion = await opened(store, kim)
    day15 = T0 + timedelta(days=15)
    idle_since = day15 - timedelta(days=14)
    assert [d.id for d in await store.idle_discussions(idle_since)] == [discussion.id]
    assert await store.claim_reminder(discussion.id, idle_since, day15)
    assert not await store.claim_reminder(discussion.id, idle_since, day15)
    assert await store.idle_discussions(idle_since) == []
    day22 = day15 + timedelta(days=7)
    assert await store.overdue_discussions(day22 - timedelta(days=8)) == []
    assert [d.id for d in await store.overdue_discussions(day22 - timedelta(days=7))] == [
        discussion.id
    ]
    closed = await store.close_idle(discussion.id, day22 - timedelta(days=7), day22)
    assert closed is not None
    assert closed.close_reason == CloseReason.IDLE
    assert await store.close_idle(discussion.id, day22 - timedelta(days=7), day22) is None


async def test_a_message_after_the_reminder_keeps_it_open(store: Store) -> None:
    kim = await verified_kim(store)
    discussion = await opened(store, kim)
    day15 = T0 + timedelta(days=15)
    assert await store.claim_reminder(discussion.id, T0 + timedelta(days=1), day15)
    assert await store.count_discussion_message(discussion.id, 60, 8, day15 + timedelta(days=1))
    day22 = day15 + timedelta(days=7)
    assert await store.overdue_discussions(day22) == []
    assert await store.close_idle(discussion.id, day22, day22) is None
    # Silent again for 14 days: a new idle stretch earns its own reminder.
    assert [d.id for d in await store.idle_discussions(day15 + timedelta(days=15))] == [
        discussion.id
    ]


async def test_erasure_keeps_counts_not_people(store: Store) -> None:
    kim = await verified_kim(store)
    discussion = await opened(store, kim)
    await store.count_discussion_message(discussion.id, 20, 8, T0)
    await store.delete_person(7, placeholder="(dihapus)")
    await store.delete_person(8, placeholder="(dihapus)")
    after = await store.get_discussion(discussion.id)
    assert after is not None
    assert (after.opened_by, after.participants, after.messages) == (None, 2, 1)
    rows = await store._all("SELECT user_id FROM discussion_participant")
    assert rows == []


async def test_news_thread_of_a_forum(store: Store) -> None:
    kim = await verified_kim(store)
    assert await store.news_thread(kim.id) is None
    await store.set_news_thread(kim.id, 77, "Berita", 7, T0)
    thread = await store.news_thread(kim.id)
    assert thread is not None
    assert (thread.thread_id, thread.name) == (77, "Berita")
    assert await store.news_threads([kim.id, 999]) == {kim.id: 77}
    await store.set_news_thread(kim.id, None, None, 7, T0)
    assert await store.news_threads([kim.id]) == {}

"""Idle threads: one reminder after 14 silent days, closed 7 days later, each exactly once,
whatever restarts come between (the database is the truth), and both through the outbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.emulator import BotApiEmulator
from bot.models.diskusi import CloseReason
from broadcasts.diskusi.idle import tend_idle_threads
from handlers.diskusi import following
from tests.conftest import HubFactory
from tests.diskusi.conftest import context_of, kim_group, only_discussion, reply_to, store_of

DAY, HOUR = timedelta(days=1), timedelta(hours=1)


def notes(emu: BotApiEmulator, chat_id: int, words: str) -> list[Any]:
    return [c for c in emu.calls_to("sendMessage", chat_id) if c.ok and words in c.params["text"]]


async def test_an_idle_topic_is_reminded_once_and_closed_once_across_restarts(
    start_hub: HubFactory, emu: BotApiEmulator
) -> None:
    async with start_hub() as hub:
        group = await kim_group(hub, "KIM Sepan", forum=True, admin=True)
        await hub.process(emu.text(group.ketua, group.chat, "/diskusi Pembagian bibit karet"))
        thread = emu.calls_to("createForumTopic")[0].result["message_thread_id"]
        opened = (await only_discussion(hub, group)).opened_at
        assert await tend_idle_threads(context_of(hub), opened + 13 * DAY) == (0, 0)
        assert await tend_idle_threads(context_of(hub), opened + 14 * DAY + HOUR) == (1, 0)
        await hub.outbox.wait_idle()
    async with start_hub() as hub:  # a restart: the reminder is not sent again
        context = context_of(hub)
        assert await tend_idle_threads(context, opened + 15 * DAY) == (0, 0)
        assert await tend_idle_threads(context, opened + 21 * DAY) == (0, 0)  # not 7 days yet
        assert await tend_idle_threads(context, opened + 21 * DAY + 2 * HOUR) == (0, 1)
        await hub.outbox.wait_idle()
    async with start_hub() as hub:  # and again: the close is not repeated either
        assert await tend_idle_threads(context_of(hub), opened + 40 * DAY) == (0, 0)
        assert await store_of(hub).overdue_discussions(opened + 40 * DAY) == []
        await hub.outbox.wait_idle()
    [reminder] = notes(emu, group.chat.id, "Sudah 14 hari tidak ada pesan")
    assert reminder.params["message_thread_id"] == thread
    assert "ditutup otomatis dalam 7 hari" in reminder.params["text"]
    [closing] = notes(emu, group.chat.id, "Diskusi ditutup")
    assert closing.params["message_thread_id"] == thread
    [closed] = emu.calls_to("closeForumTopic")
    assert closed.ok
    assert emu.state.topics[(group.chat.id, thread)]["closed"] is True


async def test_a_reply_thread_is_reminded_under_its_anchor_and_kept_open_by_a_reply(
    start_hub: HubFactory, emu: BotApiEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with start_hub() as hub:
        group = await kim_group(hub, "KIM Ujung Said")
        [anchor] = await hub.process(emu.text(group.ketua, group.chat, "/diskusi Posko banjir"))
        discussion = await only_discussion(hub, group)
        opened = discussion.opened_at
        assert await tend_idle_threads(context_of(hub), opened + 15 * DAY) == (1, 0)
        await hub.outbox.wait_idle()
        [reminder] = notes(emu, group.chat.id, "Sudah 14 hari tidak ada pesan")
        assert reminder.params["reply_parameters"]["message_id"] == anchor["message_id"]
        # Someone answers the reminder a day later: the thread is alive again, no close comes.
        monkeypatch.setattr(following, "utcnow", lambda: opened + 16 * DAY)
        await reply_to(hub, group.anggota, group.chat, anchor, "Posko di balai desa.")
        assert await tend_idle_threads(context_of(hub), opened + 23 * DAY) == (0, 0)
        kept = await store_of(hub).get_discussion(discussion.id)
        assert kept is not None
        assert kept.is_open
        # Silent for 14 days from that message: a reminder of its own, then the close.
        last = kept.last_activity_at
        assert last == opened + 16 * DAY
        assert await tend_idle_threads(context_of(hub), last + 14 * DAY + HOUR) == (1, 0)
        assert await tend_idle_threads(context_of(hub), last + 22 * DAY) == (0, 1)
        await hub.outbox.wait_idle()
        closed = await store_of(hub).get_discussion(discussion.id)
        assert closed is not None
        assert closed.close_reason == CloseReason.IDLE
    assert len(notes(emu, group.chat.id, "Sudah 14 hari tidak ada pesan")) == 2
    [closing] = notes(emu, group.chat.id, "Diskusi ditutup")
    assert closing.params["reply_parameters"]["message_id"] == anchor["message_id"]
    assert emu.calls_to("closeForumTopic") == []

"""The outbox and forum topics: messages into a topic (General when it is gone), closing one."""

from __future__ import annotations

import pytest
from telegram import Bot

from bot.emulator import BotApiEmulator, Chat
from bot.outbox import Outbox, OutboxMessage, RowStatus, close_topic, delivery_bot, text_message
from bot.store import Store
from tests.bot.outbox.conftest import settle
from tests.conftest import TOKEN


async def topic_in(emu: BotApiEmulator, forum: Chat, name: str) -> int:
    """Create a topic the way the bot does (through the Bot API); its thread id."""
    async with delivery_bot(TOKEN, emu.base_url) as bot:
        assert isinstance(bot, Bot)
        topic = await bot.create_forum_topic(forum.id, name)
    return topic.message_thread_id


async def test_a_message_goes_into_its_topic(outbox: Outbox, flood_emu: BotApiEmulator) -> None:
    forum = flood_emu.make_admin(flood_emu.group("KIM Forum", forum=True))
    thread = await topic_in(flood_emu, forum, "Berita")
    message = text_message(forum.id, "Berita baru", thread_id=thread)
    await settle(outbox, await outbox.submit("news", "1", [message]))
    sent = flood_emu.sent(forum)[-1]
    assert (sent["text"], sent["message_thread_id"], sent["is_topic_message"]) == (
        "Berita baru",
        thread,
        True,
    )


async def test_a_message_for_a_topic_that_is_gone_goes_to_general(
    outbox: Outbox, flood_emu: BotApiEmulator, store: Store
) -> None:
    forum = flood_emu.make_admin(flood_emu.group("KIM Forum", forum=True))
    message = text_message(forum.id, "Berita baru", thread_id=4242)  # deleted meanwhile
    await settle(outbox, await outbox.submit("news", "1", [message]))
    sent = flood_emu.sent(forum)[-1]
    assert sent["text"] == "Berita baru"
    assert "message_thread_id" not in sent
    assert await store.outbox_counts() == {RowStatus.SENT: 1}


async def test_closing_a_topic_once_and_again(
    outbox: Outbox, flood_emu: BotApiEmulator, store: Store
) -> None:
    forum = flood_emu.make_admin(flood_emu.group("KIM Forum", forum=True))
    thread = await topic_in(flood_emu, forum, "Jalan desa")
    await outbox.submit_effects("diskusi:1", [close_topic(forum.id, thread)])
    await outbox.wait_idle()
    assert flood_emu.state.topics[(forum.id, thread)]["closed"] is True
    # Closed already (by an admin meanwhile): done; a topic that is gone: skipped.
    await outbox.submit_effects("diskusi:1/again", [close_topic(forum.id, thread)])
    await outbox.submit_effects("diskusi:2", [close_topic(forum.id, 999)])
    await outbox.wait_idle()
    assert await store.outbox_counts() == {RowStatus.SENT: 2, RowStatus.SKIPPED: 1}


async def test_closing_without_the_right_fails_for_the_desk(
    outbox: Outbox, flood_emu: BotApiEmulator, store: Store
) -> None:
    forum = flood_emu.make_admin(flood_emu.group("KIM Forum", forum=True))
    thread = await topic_in(flood_emu, forum, "Jalan desa")
    flood_emu.state.topics[(forum.id, thread)]["creator"] = 1  # someone else's topic
    forum.bot_rights["can_manage_topics"] = False
    await outbox.submit_effects("diskusi:1", [close_topic(forum.id, thread)])
    await outbox.wait_idle()
    assert await store.outbox_counts() == {RowStatus.FAILED: 1}
    (failed,) = await outbox.failed_batches()
    assert failed.item == f"diskusi:1/{forum.id}/topic:{thread}"


def test_a_topic_change_names_its_topic() -> None:
    with pytest.raises(ValueError, match="message_thread_id"):
        OutboxMessage(-100, "closeForumTopic", {})
    assert close_topic(-100, 7).target == "-100/topic:7"

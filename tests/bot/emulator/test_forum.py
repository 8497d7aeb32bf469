"""Forum topics, pins and privacy mode in the emulator, with the errors Telegram gives."""

from __future__ import annotations

import httpx
import pytest
from telegram import Bot, ChatMemberAdministrator
from telegram.error import BadRequest

from bot.emulator import BotApiEmulator


async def test_topics_need_a_forum_and_the_right_to_manage_them(
    bot: Bot, emulator: BotApiEmulator
) -> None:
    forum = emulator.group("KIM Forum", forum=True)
    with pytest.raises(BadRequest, match=r"(?i)not enough rights to create a topic"):
        await bot.create_forum_topic(forum.id, "Jalan desa")
    emulator.make_admin(forum, can_manage_topics=False)
    member = await bot.get_chat_member(forum.id, bot.id)
    assert isinstance(member, ChatMemberAdministrator)
    assert member.can_manage_topics is False
    with pytest.raises(BadRequest, match=r"(?i)not enough rights to create a topic"):
        await bot.create_forum_topic(forum.id, "Jalan desa")
    with pytest.raises(BadRequest, match=r"(?i)the chat is not a forum"):
        await bot.create_forum_topic(emulator.make_admin(emulator.group("Biasa")).id, "x")
    with pytest.raises(BadRequest, match=r"(?i)the chat is not a forum"):
        await bot.close_forum_topic(emulator.group("Super", supergroup=True).id, 5)
    assert all(not c.ok for c in emulator.calls_to("createForumTopic"))


async def test_close_edit_and_not_modified(bot: Bot, emulator: BotApiEmulator) -> None:
    forum = emulator.make_admin(emulator.group("KIM Forum", forum=True))
    topic = await bot.create_forum_topic(forum.id, "Jalan desa")
    assert topic.message_thread_id > 1  # 1 is General's
    assert await bot.edit_forum_topic(forum.id, topic.message_thread_id, name="Jalan usaha tani")
    assert emulator.state.topics[(forum.id, topic.message_thread_id)]["name"] == "Jalan usaha tani"
    with pytest.raises(BadRequest, match=r"(?i)TOPIC_NOT_MODIFIED"):
        await bot.edit_forum_topic(forum.id, topic.message_thread_id, name="Jalan usaha tani")
    assert await bot.close_forum_topic(forum.id, topic.message_thread_id)
    with pytest.raises(BadRequest, match=r"(?i)TOPIC_NOT_MODIFIED"):
        await bot.close_forum_topic(forum.id, topic.message_thread_id)
    with pytest.raises(BadRequest, match=r"(?i)TOPIC_ID_INVALID"):
        await bot.close_forum_topic(forum.id, 999)


async def test_a_topic_made_by_someone_else_needs_the_right(
    bot: Bot, emulator: BotApiEmulator
) -> None:
    forum = emulator.make_admin(emulator.group("KIM Forum", forum=True))
    topic = await bot.create_forum_topic(forum.id, "Punya bot")
    emulator.state.topics[(forum.id, topic.message_thread_id)]["creator"] = 1
    forum.bot_rights["can_manage_topics"] = False
    with pytest.raises(BadRequest, match=r"(?i)not enough rights to manage topics"):
        await bot.close_forum_topic(forum.id, topic.message_thread_id)
    with pytest.raises(BadRequest, match=r"(?i)not enough rights to manage topics"):
        await bot.edit_forum_topic(forum.id, topic.message_thread_id, name="Lain")


async def test_topic_messages_carry_their_thread(bot: Bot, emulator: BotApiEmulator) -> None:
    forum = emulator.make_admin(emulator.group("KIM Forum", forum=True))
    topic = await bot.create_forum_topic(forum.id, "Jalan desa")
    person = emulator.user("Ani")
    update = emulator.text(person, forum, "Setuju", thread_id=topic.message_thread_id)
    message = update["message"]
    assert message["message_thread_id"] == topic.message_thread_id
    assert message["is_topic_message"] is True
    # Telegram: a topic message that replies to nothing replies to the topic's creation.
    assert "forum_topic_created" in message["reply_to_message"]
    general = emulator.text(person, forum, "Halo", thread_id=1)["message"]
    assert "is_topic_message" not in general
    with pytest.raises(BadRequest, match=r"(?i)message thread not found"):
        await bot.send_message(forum.id, "x", message_thread_id=4242)


async def test_pins_need_the_right_and_change_something(bot: Bot, emulator: BotApiEmulator) -> None:
    supergroup = emulator.group("KIM Super", supergroup=True)
    card = await bot.send_message(supergroup.id, "Kesimpulan")
    with pytest.raises(BadRequest, match=r"(?i)not enough rights to manage pinned messages"):
        await bot.pin_chat_message(supergroup.id, card.message_id)
    emulator.make_admin(supergroup, can_pin_messages=False)
    with pytest.raises(BadRequest, match=r"(?i)not enough rights to manage pinned messages"):
        await bot.pin_chat_message(supergroup.id, card.message_id)
    supergroup.bot_rights["can_pin_messages"] = True
    assert await bot.pin_chat_message(supergroup.id, card.message_id)
    with pytest.raises(BadRequest, match=r"(?i)CHAT_NOT_MODIFIED"):
        await bot.pin_chat_message(supergroup.id, card.message_id)
    # In a basic group members may pin, unless the admins forbade it.
    group = emulator.group("KIM Biasa")
    note = await bot.send_message(group.id, "Kesimpulan")
    assert await bot.pin_chat_message(group.id, note.message_id)
    group.members_can_pin = False
    other = await bot.send_message(group.id, "Lagi")
    with pytest.raises(BadRequest, match=r"(?i)not enough rights"):
        await bot.pin_chat_message(group.id, other.message_id)


async def test_privacy_mode_decides_which_group_messages_arrive(
    bot: Bot, emulator: BotApiEmulator
) -> None:
    assert (await bot.get_me()).can_read_all_group_messages is False
    ani, budi = emulator.user("Ani"), emulator.user("Budi")
    group = emulator.group("KIM Biasa", admins=[ani], members=[budi])
    anchor = await bot.send_message(group.id, "Diskusi: jalan desa")
    reply = emulator.text(ani, group, "Perlu diperbaiki", reply_to=anchor.message_id)
    nested = emulator.text(budi, group, "Setuju", reply_to=reply["message"]["message_id"])
    chatter = emulator.text(budi, group, "Selamat pagi")
    command = emulator.text(budi, group, "/diskusi")
    assert emulator.reaches_bot(reply)
    assert emulator.reaches_bot(command)
    assert not emulator.reaches_bot(nested)
    assert not emulator.reaches_bot(chatter)
    emulator.state.enforce_privacy = True
    emulator.text(budi, group, "Tidak sampai", push=True)
    assert not emulator.updates.pending
    emulator.make_admin(group)  # an administrator sees every message
    assert emulator.reaches_bot(nested)
    emulator.state.privacy_mode = False
    assert (await bot.get_me()).can_read_all_group_messages is True


async def test_forums_can_be_scripted_over_http(bot: Bot, emulator: BotApiEmulator) -> None:
    root = emulator.base_url.removesuffix("/bot")
    async with httpx.AsyncClient(base_url=root) as client:
        ani = (await client.post("/emulator/user", json={"first_name": "Ani"})).json()["id"]
        body = {"title": "KIM Forum", "admins": [ani], "forum": True}
        forum = (await client.post("/emulator/group", json=body)).json()["id"]
        added = await client.post("/emulator/add_bot", json={"chat": forum, "by": ani,
                                                              "admin": True})  # fmt: skip
        assert added.status_code == 200
        topic = await bot.create_forum_topic(forum, "Jalan desa")
        text = {"user": ani, "chat": forum, "text": "Setuju", "thread": topic.message_thread_id}
        update = (await client.post("/emulator/text", json=text)).json()
    assert update["message"]["message_thread_id"] == topic.message_thread_id
    assert update["message"]["is_topic_message"] is True

"""Wire-level behaviour: error shapes, spec validation, long polling and commands."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from telegram import Bot, BotCommand, BotCommandScopeAllGroupChats
from telegram.error import BadRequest, EndPointNotFound

from bot.emulator import DEFAULT_TOKEN as TOKEN
from bot.emulator import BotApiEmulator


async def _post(emu: BotApiEmulator, method: str, **data: object) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        return await client.post(f"{emu.base_url}{TOKEN}/{method}", json=data)


async def test_unknown_method_shape(emulator: BotApiEmulator, bot: Bot) -> None:
    response = await _post(emulator, "sendTelepathy", chat_id=1)
    assert response.status_code == 404
    assert response.json() == {
        "ok": False,
        "error_code": 404,
        "description": "Not Found: method not found",
    }
    with pytest.raises(EndPointNotFound):  # what PTB makes of 404 for do_api_request
        await bot.do_api_request("sendTelepathy")


async def test_parameter_validation_shape(emulator: BotApiEmulator) -> None:
    chat = emulator.private_chat(emulator.user())
    unknown = await _post(emulator, "sendMessage", chat_id=chat.id, text="x", colour="red")
    assert unknown.status_code == 400
    assert unknown.json()["description"].startswith('Bad Request: unknown parameter "colour"')
    missing = await _post(emulator, "sendMessage", text="x")
    assert missing.json() == {"ok": False, "error_code": 400,
                              "description": "Bad Request: chat_id is empty"}  # fmt: skip
    typed = await _post(emulator, "sendMessage", chat_id=chat.id, text="x", disable_notification=3)
    assert "must be of type Boolean" in typed.json()["description"]


async def test_method_names_are_case_insensitive(emulator: BotApiEmulator) -> None:
    response = await _post(emulator, "GETME")
    assert response.json()["result"]["username"] == "kim_hub_bot"
    assert emulator.calls[-1].method == "getMe"


async def test_get_updates_offset_semantics(bot: Bot, emulator: BotApiEmulator) -> None:
    user = emulator.user()
    chat = emulator.private_chat(user)
    first = emulator.text(user, chat, "/start", push=True)
    emulator.text(user, chat, "dua", push=True)
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first["update_id"], first["update_id"] + 1]
    assert updates[0].message is not None
    assert updates[0].message.text == "/start"
    # Without an offset nothing is confirmed; with one, earlier updates are forgotten.
    assert len(await bot.get_updates(timeout=0)) == 2
    rest = await bot.get_updates(offset=updates[1].update_id, timeout=0)
    assert [u.update_id for u in rest] == [updates[1].update_id]
    assert await bot.get_updates(offset=updates[1].update_id + 1, timeout=0) == ()
    limited = emulator.text(user, chat, "a", push=True), emulator.text(user, chat, "b", push=True)
    assert len(await bot.get_updates(limit=1, timeout=0)) == 1
    callbacks = await bot.get_updates(timeout=0, allowed_updates=["callback_query"])
    assert callbacks == ()
    assert len(limited) == 2


async def test_long_poll_wakes_on_push(bot: Bot, emulator: BotApiEmulator) -> None:
    user = emulator.user()
    chat = emulator.private_chat(user)
    poll = asyncio.create_task(bot.get_updates(timeout=30, read_timeout=40))
    await emulator.wait_for(lambda emu: emu.polling == 1)
    emulator.text(user, chat, "halo", push=True)
    updates = await asyncio.wait_for(poll, 5)
    assert updates[0].message is not None
    assert updates[0].message.text == "halo"


async def test_stop_releases_long_poll(emulator: BotApiEmulator) -> None:
    poll = asyncio.create_task(_post(emulator, "getUpdates", timeout=60))
    await emulator.wait_for(lambda emu: emu.polling == 1)
    await emulator.stop()
    response = await asyncio.wait_for(poll, 5)
    assert response.json() == {"ok": True, "result": []}


async def test_commands_per_scope_and_language(bot: Bot, emulator: BotApiEmulator) -> None:
    await bot.set_my_commands([BotCommand("start", "Mulai")])
    groups = BotCommandScopeAllGroupChats()
    await bot.set_my_commands([BotCommand("daftar", "Daftar KIM")], scope=groups)
    await bot.set_my_commands([BotCommand("start", "Start")], language_code="en")
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    assert [c.command for c in await bot.get_my_commands(scope=groups)] == ["daftar"]
    assert [c.description for c in await bot.get_my_commands(language_code="en")] == ["Start"]
    await bot.delete_my_commands(scope=groups)
    assert await bot.get_my_commands(scope=groups) == ()


async def test_webhook_and_misc_methods(bot: Bot, emulator: BotApiEmulator) -> None:
    emulator.text(emulator.user(), emulator.private_chat(emulator.user()), "x", push=True)
    assert (await bot.get_webhook_info()).pending_update_count == 1
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).pending_update_count == 0
    assert await bot.set_my_description("Hub KIM")
    assert await bot.set_my_short_description("Hub")
    assert await bot.set_my_name("KIM Hub")
    # A method without its own semantics is validated and answered `true`.
    assert await bot.set_chat_menu_button()


async def test_forum_topics(bot: Bot, emulator: BotApiEmulator) -> None:
    forum = emulator.make_admin(emulator.group("Desk", forum=True))
    topic = await bot.create_forum_topic(forum.id, "Diskusi")
    sent = await bot.send_message(forum.id, "isi", message_thread_id=topic.message_thread_id)
    assert sent.message_thread_id == topic.message_thread_id
    assert sent.is_topic_message
    assert await bot.close_forum_topic(forum.id, topic.message_thread_id)
    # An admin who manages topics still writes in a closed topic; others may not.
    assert await bot.send_message(forum.id, "isi", message_thread_id=topic.message_thread_id)
    forum.bot_rights["can_manage_topics"] = False
    with pytest.raises(BadRequest, match=r"(?i)topic_closed"):
        await bot.send_message(forum.id, "isi", message_thread_id=topic.message_thread_id)
    assert await bot.reopen_forum_topic(forum.id, topic.message_thread_id)  # its creator may
    with pytest.raises(BadRequest, match=r"(?i)not a forum"):
        await bot.create_forum_topic(emulator.group("Biasa").id, "x")


async def test_chat_members(bot: Bot, emulator: BotApiEmulator) -> None:
    owner, admin, member, gone = (emulator.user(n) for n in ("Ani", "Budi", "Cici", "Dedi"))
    group = emulator.group("KIM", supergroup=True, admins=[owner, admin], members=[member])
    group.set_member(gone, "left")
    assert (await bot.get_chat_member(group.id, owner.id)).status == "creator"
    assert (await bot.get_chat_member(group.id, gone.id)).status == "left"
    assert (await bot.get_chat_member(group.id, bot.id)).status == "member"
    admins = await bot.get_chat_administrators(group.id)
    assert {a.user.id for a in admins} == {owner.id, admin.id}
    assert await bot.get_chat_member_count(group.id) == 4
    info = await bot.get_chat(group.id)
    assert info.type == "supergroup"
    assert info.title == "KIM"
    assert await bot.send_chat_action(group.id, "typing")
    pinned = await bot.send_message(group.id, "penting")
    emulator.make_admin(group)
    assert await bot.pin_chat_message(group.id, pinned.message_id)
    assert (await bot.get_chat(group.id)).pinned_message is not None
    assert await bot.unpin_chat_message(group.id)
    assert await bot.leave_chat(group.id)
    assert emulator.calls_to("leaveChat")[0].ok

"""Sending, editing and recording messages through a real PTB Bot."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden

from bot.emulator import BotApiEmulator


async def test_get_me_returns_bot_identity(bot: Bot, emulator: BotApiEmulator) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.first_name, me.is_bot) == (
        123456,
        "kim_hub_bot",
        "KIM Hub",
        True,
    )
    assert me.can_join_groups
    assert not me.supports_inline_queries
    assert emulator.calls_to("getMe")[-1].ok


async def test_send_message_is_recorded_and_numbered(bot: Bot, emulator: BotApiEmulator) -> None:
    chat = emulator.private_chat(emulator.user())
    first = await bot.send_message(chat.id, "<b>Halo</b> &amp; selamat", parse_mode="HTML")
    second = await bot.send_message(chat.id, "lagi")
    assert second.message_id == first.message_id + 1
    assert first.text == "Halo & selamat"
    assert first.entities[0].type == "bold"
    assert first.entities[0].length == 4
    assert first.from_user is not None
    assert first.from_user.id == 123456
    call = emulator.calls_to("sendMessage", chat_id=chat.id)[0]
    assert call.params["text"] == "<b>Halo</b> &amp; selamat"
    assert [m["text"] for m in emulator.sent(chat)] == ["Halo & selamat", "lagi"]


async def test_edit_updates_sent_and_rejects_identical(bot: Bot, emulator: BotApiEmulator) -> None:
    group = emulator.group("KIM Maju", members=[emulator.user()])
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data="news:yes")]])
    msg = await bot.send_message(group.id, "satu", reply_markup=markup)
    assert msg.reply_markup == markup
    edited = await bot.edit_message_text("dua", chat_id=group.id, message_id=msg.message_id)
    assert isinstance(edited, Message)
    assert edited.text == "dua"
    assert edited.edit_date
    assert emulator.sent(group)[0]["text"] == "dua"
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("dua", chat_id=group.id, message_id=msg.message_id)


async def test_html_errors_surface_as_bad_request(bot: Bot, emulator: BotApiEmulator) -> None:
    chat = emulator.private_chat(emulator.user())
    for bad in ("<b>tidak ditutup", "a < b", "<div>x</div>", "<b><i>x</b></i>", "<span>x</span>"):
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(chat.id, bad, parse_mode="HTML")
    assert emulator.sent(chat) == []


async def test_text_limits(bot: Bot, emulator: BotApiEmulator) -> None:
    chat = emulator.private_chat(emulator.user())
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(chat.id, "x" * 4097)
    # Markup does not count: 4096 visible characters inside a tag are fine.
    await bot.send_message(chat.id, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(chat.id, "<b> </b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await bot.send_document(chat.id, b"data", filename="a.txt", caption="c" * 1025)


async def test_unknown_chat_and_uninitiated_user(bot: Bot, emulator: BotApiEmulator) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(-999, "halo")
    stranger = emulator.user("Sari")
    with pytest.raises(Forbidden, match=r"(?i)can't initiate conversation"):
        await bot.send_message(stranger.id, "halo")


async def test_copy_forward_delete(bot: Bot, emulator: BotApiEmulator) -> None:
    user = emulator.user()
    chat, group = emulator.private_chat(user), emulator.group("KIM")
    original = await bot.send_message(chat.id, "berita")
    copied = await bot.copy_message(group.id, chat.id, original.message_id)
    forwarded = await bot.forward_message(group.id, chat.id, original.message_id)
    assert forwarded.forward_origin is not None
    assert forwarded.text == "berita"
    assert [m["message_id"] for m in emulator.sent(group)] == [
        copied.message_id,
        forwarded.message_id,
    ]
    assert await bot.delete_message(group.id, copied.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(group.id, copied.message_id)


def _keyboard(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data=data)]])


async def test_callback_data_over_64_bytes_is_refused(bot: Bot, emulator: BotApiEmulator) -> None:
    chat = emulator.private_chat(emulator.user())
    fits = await bot.send_message(chat.id, "pas", reply_markup=_keyboard("x" * 64))
    for too_long in ("x" * 65, "é" * 33, ""):  # bytes count: 33 × 2 bytes is 66
        with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
            await bot.send_message(chat.id, "panjang", reply_markup=_keyboard(too_long))
        with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
            await bot.edit_message_reply_markup(
                chat.id, fits.message_id, reply_markup=_keyboard(too_long)
            )
    assert [m["text"] for m in emulator.sent(chat)] == ["pas"]
    assert emulator.sent(chat)[0]["reply_markup"] == _keyboard("x" * 64).to_dict()
    refused = emulator.calls_to("sendMessage", chat_id=chat.id)[-1]
    assert refused.response == {"ok": False, "error_code": 400,
                            "description": "Bad Request: BUTTON_DATA_INVALID"}  # fmt: skip

"""Conversations: callbacks, media and files, and a full Application polling the emulator."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    Defaults,
)

from bot.emulator import DEFAULT_TOKEN as TOKEN
from bot.emulator import BotApiEmulator
from bot.emulator.media import png


async def test_press_and_answer_callback_query(bot: Bot, emulator: BotApiEmulator) -> None:
    user = emulator.user()
    chat = emulator.private_chat(user)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data="news:yes")]])
    sent = await bot.send_message(chat.id, "Setuju?", reply_markup=markup)
    await bot.edit_message_text("Setuju??", chat.id, sent.message_id, reply_markup=markup)
    update = Update.de_json(emulator.press(user, emulator.sent(chat)[0], "news:yes"), bot)
    query = update.callback_query
    assert query is not None
    assert query.data == "news:yes"
    assert isinstance(query.message, Message)
    assert query.message.text == "Setuju??"
    assert await bot.answer_callback_query(query.id, text="Tercatat")
    assert emulator.callback_answer(query.id) == {"callback_query_id": query.id, "text": "Tercatat"}
    with pytest.raises(BadRequest, match=r"(?i)query id is invalid"):
        await bot.answer_callback_query(query.id)


async def test_incoming_text_with_command_entity(bot: Bot, emulator: BotApiEmulator) -> None:
    user = emulator.user("Budi", username="budi")
    group = emulator.group("KIM", members=[user])
    update = Update.de_json(emulator.text(user, group, "/daftar@kim_hub_bot Maju 🚀"), bot)
    message = update.effective_message
    assert message is not None
    assert message.entities[0].type == "bot_command"
    assert message.entities[0].length == len("/daftar@kim_hub_bot")
    assert message.parse_entities() == {message.entities[0]: "/daftar@kim_hub_bot"}
    reply = Update.de_json(emulator.text(user, group, "ok", reply_to=message.to_dict()), bot)
    assert reply.message is not None
    assert reply.message.reply_to_message is not None


async def test_photo_and_document_updates_download(bot: Bot, emulator: BotApiEmulator) -> None:
    user = emulator.user()
    chat = emulator.private_chat(user)
    photo = Update.de_json(emulator.photo(user, chat, caption="foto"), bot).effective_message
    assert photo is not None
    assert len(photo.photo) == 2
    assert photo.caption == "foto"
    data = await (await photo.photo[-1].get_file()).download_as_bytearray()
    assert bytes(data).startswith(b"\x89PNG")
    content = b"laporan,1\n"
    doc_update = emulator.document(user, chat, "laporan.csv", "text/csv", content)
    document = Update.de_json(doc_update, bot).effective_message
    assert document is not None
    assert document.document is not None
    assert document.document.file_name == "laporan.csv"
    file = await bot.get_file(document.document.file_id)
    assert bytes(await file.download_as_bytearray()) == content


async def test_multipart_uploads_and_resend_by_file_id(bot: Bot, emulator: BotApiEmulator) -> None:
    chat = emulator.private_chat(emulator.user())
    sent = await bot.send_document(chat.id, InputFile(b"isi", filename="sk.pdf"), caption="SK")
    assert sent.document is not None
    assert sent.document.file_name == "sk.pdf"
    upload = emulator.calls_to("sendDocument")[0].params["document"]
    assert upload.data == b"isi"
    assert upload.filename == "sk.pdf"
    again = await bot.send_document(chat.id, sent.document.file_id)
    assert again.document is not None
    assert again.document.file_id == sent.document.file_id
    picture = await bot.send_photo(chat.id, png(8, 8), caption="<i>foto</i>", parse_mode="HTML")
    assert picture.caption == "foto"
    assert picture.caption_entities[0].type == "italic"
    edited = await bot.edit_message_caption(chat.id, picture.message_id, caption="baru")
    assert isinstance(edited, object)
    assert emulator.sent(chat)[-1]["caption"] == "baru"
    downloaded = await (await bot.get_file(picture.photo[-1].file_id)).download_as_bytearray()
    assert bytes(downloaded) == png(8, 8)
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_photo(chat.id, "no-such-file-id")


async def _hello(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply to /start."""
    assert update.effective_message is not None
    await update.effective_message.reply_html("<b>Selamat datang</b>")


async def test_application_polls_and_replies(emulator: BotApiEmulator) -> None:
    app: Application = (  # type: ignore[type-arg]
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(emulator.base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, protect_content=True))
        .rate_limiter(AIORateLimiter(max_retries=1))
        .build()
    )
    app.add_handler(CommandHandler("start", _hello))
    user = emulator.user()
    chat = emulator.private_chat(user)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=10)
        emulator.text(user, chat, "/start", push=True)
        calls = await emulator.wait_for_call("sendMessage", chat_id=chat.id)
        # Defaults reach methods whose spec lacks them (allow-listed in spec.py).
        await app.bot.send_location(chat.id, 0.5, 112.9)
        sent = emulator.sent(chat)[0]
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ok", callback_data="x:ok")]])
        await app.bot.edit_message_reply_markup(chat.id, sent["message_id"], reply_markup=markup)
        await app.updater.stop()
        await app.stop()
    assert calls[0].params["parse_mode"] == "HTML"
    assert emulator.sent(chat)[0]["text"] == "Selamat datang"
    assert emulator.calls_to("deleteWebhook")

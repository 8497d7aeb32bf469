"""Personal data: /hapusdata lets anyone erase what the bot keeps about them.

/hapusdata (private chat) → what will be erased → Hapus / Batal buttons → erased.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from handlers.common.replies import answer, callback_data, reply
from handlers.umum import callbacks as cb
from handlers.umum import labels


async def ask_erase(update: Update, context: BotContext) -> None:
    """Explain what will be erased and ask for confirmation (private chat only)."""
    user = update.effective_user
    chat = update.effective_chat
    assert user is not None
    assert chat is not None
    if chat.type != chat.PRIVATE:
        await reply(update, context, "umum/privacy/private_only")
        return
    kim = await context.store.kim_of_member(user.id)
    markup = InlineKeyboardMarkup([[
        InlineKeyboardButton(labels.ERASE, callback_data=cb.ERASE.data()),
        InlineKeyboardButton(labels.KEEP, callback_data=cb.KEEP.data()),
    ]])  # fmt: skip
    await reply(update, context, "umum/privacy/confirm", markup, kim=kim)


async def erase(update: Update, context: BotContext) -> None:
    """Erase the presser's data, or leave it untouched on Batal."""
    user = update.effective_user
    query = update.callback_query
    assert user is not None
    assert query is not None
    await answer(update)
    if cb.ERASE.parse(callback_data(update)) is None:
        await query.edit_message_text(context.texts.render("umum/privacy/kept"))
        return
    await context.store.delete_person(user.id)
    if context.user_data is not None:
        context.user_data.clear()
    await query.edit_message_text(context.texts.render("umum/privacy/erased"))

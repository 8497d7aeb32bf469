"""Personal data: /hapusdata lets anyone erase what the bot keeps about them.

/hapusdata (private chat) → what will be erased → Hapus / Batal buttons → erased.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, ConversationHandler

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
    # Memory first: a persistence flush meanwhile then writes nothing back to the file.
    for scratch in (context.user_data, context.chat_data):
        if scratch is not None:
            scratch.clear()
    end_conversations(context.application, user.id)
    handle = f"@{user.username}" if user.username else None
    names = (user.first_name, user.full_name, user.username, handle)
    await context.store.delete_person(user.id, names, placeholder=labels.ERASED_NAME)
    await query.edit_message_text(context.texts.render("umum/privacy/erased"))


def end_conversations(app: Application[Any, Any, Any, Any, Any, Any], user_id: int) -> None:
    """End every conversation the person is in (its draft is gone), and its timeout.

    PTB has no public call for this: its own `_update_state(END)` removes the key and marks
    it for the persistence, as when a step returns END.
    """
    for group in app.handlers.values():
        for handler in group:
            if not isinstance(handler, ConversationHandler):
                continue
            keys = [key for key in handler._conversations if user_id in key]
            for key in keys:
                handler._update_state(ConversationHandler.END, key)
                job = handler.timeout_jobs.pop(key, None)
                if job is not None:
                    job.schedule_removal()

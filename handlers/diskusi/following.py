"""Following a thread (Diskusi): every group message is looked at, in a handler group of its
own, so counting never takes an update from another activity's conversation.

A message counts when it is in the thread's forum topic, or replies to one of the thread's
messages (the bot's opening message, or a message counted before: so replies to replies
count too, when the bot sees them). Only counts and who took part are kept, never the text.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.store import utcnow
from handlers.diskusi.groups import thread_of


async def count_message(update: Update, context: BotContext) -> None:
    """Count a group message and its sender if it belongs to an open thread."""
    message, user, chat = update.effective_message, update.effective_user, update.effective_chat
    if message is None or user is None or chat is None or user.is_bot:
        return
    replied = message.reply_to_message.message_id if message.reply_to_message else None
    discussion = await context.store.discussion_in_chat(chat.id, thread_of(update), replied)
    if discussion is not None:
        await context.store.count_discussion_message(
            discussion.id, message.message_id, user.id, utcnow()
        )

"""Concluding a thread (Diskusi).

/kesimpulan <teks>, inside the thread's forum topic or as a reply in its reply thread, by its
opener or a group admin: the thread is closed, a summary card (title, duration, participants,
messages, conclusion) is posted with "Jadikan rencana implementasi" and "Jadikan aspirasi",
then the forum topic is closed, or the card pinned in a reply thread; what the bot may not do
there, it says, with where to change it. Anyone else is told who may close it; nothing
changes. Handled again after a restart, the command finishes what it began.
"""

from __future__ import annotations

from collections.abc import Awaitable

from telegram import Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.models.diskusi import MAX_CONCLUSION, MIN_CONCLUSION, Discussion
from bot.store import utcnow
from handlers.common.access import is_group_admin
from handlers.common.replies import person_name, reply
from handlers.diskusi import keyboards
from handlers.diskusi.groups import after_command, kim_of_group, thread_of

UNCHANGED = ("topic_not_modified", "chat_not_modified")  # closed or pinned already: done
NO_RIGHTS = ("not enough rights", "chat_admin_required")


async def conclude(update: Update, context: BotContext) -> None:
    """/kesimpulan <teks>: close the thread this command is in, with its conclusion."""
    kim = await kim_of_group(update, context)
    message, user = update.effective_message, update.effective_user
    if kim is None or message is None or user is None:
        return
    replay = await context.store.closed_by_message(kim.id, message.message_id)
    if replay is not None:
        await _finish(update, context, replay)
        return
    discussion = await _thread_here(update, context)
    if discussion is None:
        count = len(await context.store.open_discussions(kim.id))
        await reply(update, context, "diskusi/conclude_where", count=count)
        return
    if discussion.opened_by != user.id and not await is_group_admin(
        context, message.chat_id, user.id
    ):
        await reply(update, context, "diskusi/conclude_not_allowed", discussion=discussion)
        return
    text = after_command(update)
    if not MIN_CONCLUSION <= len(text) <= MAX_CONCLUSION:
        await reply(update, context, "diskusi/conclude_usage", min=MIN_CONCLUSION,
                    max=MAX_CONCLUSION)  # fmt: skip
        return
    closed = await context.store.close_discussion(
        discussion.id, user.id, text, message.message_id, utcnow()
    )
    if closed is None:  # concluded by someone else a moment ago
        await reply(update, context, "diskusi/already_closed", discussion=discussion)
        return
    try:
        await _finish(update, context, closed)
    except Exception:
        # No card went out: the thread stays open, so that /kesimpulan can be typed again.
        await context.store.undo_close(closed.id, message.message_id)
        raise


async def _thread_here(update: Update, context: BotContext) -> Discussion | None:
    """The open thread the command was typed in: its topic, or the thread it replies to."""
    message = update.effective_message
    assert message is not None
    replied = message.reply_to_message.message_id if message.reply_to_message else None
    return await context.store.discussion_in_chat(message.chat_id, thread_of(update), replied)


async def _finish(update: Update, context: BotContext, closed: Discussion) -> None:
    """Post the summary card (once), then close the topic or pin the card; say what was
    refused. Done again after a restart, closing and pinning find it done already."""
    chat = update.effective_chat
    assert chat is not None
    card = closed.summary_message_id
    if card is None:
        markup = keyboards.summary_keyboard(closed.id)
        sent = await reply(update, context, "diskusi/summary", markup, discussion=closed,
                           name=person_name(update))  # fmt: skip
        card = sent.message_id
        await context.store.set_summary_message(closed.id, card)
    if closed.thread_id is not None:
        if await _refused(context.bot.close_forum_topic(chat.id, closed.thread_id)):
            await reply(update, context, "diskusi/close_refused")
    elif await _refused(context.bot.pin_chat_message(chat.id, card, True)):
        await reply(update, context, "diskusi/pin_refused")


async def _refused(call: Awaitable[bool]) -> bool:
    """Whether Telegram refused the bot the right to do it (done already is no refusal)."""
    try:
        await call
    except BadRequest as error:
        message = error.message.lower()
        if message.startswith(UNCHANGED):
            return False
        if any(words in message for words in NO_RIGHTS):
            return True
        raise
    return False

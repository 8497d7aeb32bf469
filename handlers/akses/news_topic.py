"""/topik's view, and where a KIM's forum group receives news and broadcasts.

/topik shows the group's news topics as toggles (group_news.py). In a forum supergroup it
also says which forum topic receives news and broadcasts (General unless chosen, so news does
not drown discussions) and offers group admins: 📌 this topic (when /topik was typed in one),
↩️ back to General, ➕ a topic the bot creates for them (when it may manage topics; if not,
it says where to allow it). Buttons: topikforum:<thread_id> (0: General), topikforum:baru.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.models.diskusi import NewsThread
from bot.models.registrasi import Kim, KimStatus
from bot.store import utcnow
from broadcasts.akses.feeds import FeedsConfig, Topic
from handlers.akses import callbacks as cb
from handlers.akses import keyboards as kb
from handlers.akses import labels
from handlers.common.access import is_group_admin
from handlers.common.replies import alert, answer, callback_data

NO_TOPIC = ("not enough rights", "the chat is not a forum", "chat_admin_required")


async def verified_kim(update: Update, context: BotContext) -> Kim | None:
    """The verified KIM of the update's group, if any."""
    chat = update.effective_chat
    kim = await context.store.kim_by_chat(chat.id) if chat else None
    return kim if kim is not None and kim.status == KimStatus.VERIFIED else None


async def enabled_topics(context: BotContext, kim: Kim, topics: tuple[Topic, ...]) -> set[str]:
    """The news topics a KIM receives (all but those it switched off)."""
    choices = await context.store.kim_topic_choices(kim.id)
    return {t.id for t in topics if choices.get(t.id, True)}


async def topics_view(
    update: Update, context: BotContext, kim: Kim, enabled: set[str] | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    """/topik's text and buttons: the news topics and, in a forum, where news goes."""
    topics = context.service(FeedsConfig).topics
    if enabled is None:
        enabled = await enabled_topics(context, kim, topics)
    chat, message = update.effective_chat, update.effective_message
    forum = bool(chat and chat.is_forum)
    current = await context.store.news_thread(kim.id) if forum else None
    here = message.message_thread_id if message and message.is_topic_message else None
    text = context.texts.render("akses/topics", kim=kim, enabled_count=len(enabled),
                                forum=forum, news_thread=current)  # fmt: skip
    rows = kb.news_thread_rows(here, current.thread_id if current else None) if forum else []
    return text, kb.kim_topics_keyboard(topics, enabled, rows)


async def choose_news_thread(update: Update, context: BotContext) -> None:
    """topikforum:<thread>|baru: a group admin chooses the topic that receives news."""
    user, chat, query = update.effective_user, update.effective_chat, update.callback_query
    kim = await verified_kim(update, context)
    if user is None or chat is None or query is None or kim is None or not chat.is_forum:
        await alert(update, context, "akses/news_topic_unavailable")
        return
    if not await is_group_admin(context, chat.id, user.id):
        await alert(update, context, "akses/topic_admin_only")
        return
    chosen = await _chosen(update, context, chat.id)
    if chosen is None:
        await alert(update, context, "akses/news_topic_no_rights")
        return
    await context.store.set_news_thread(kim.id, chosen.thread_id or None, chosen.name,
                                        user.id, utcnow())  # fmt: skip
    await answer(update)
    text, markup = await topics_view(update, context, kim)
    await query.edit_message_text(text, reply_markup=markup)


async def _chosen(update: Update, context: BotContext, chat_id: int) -> NewsThread | None:
    """The topic a button names (thread 0: General), or a new one the bot creates; None when
    the bot may not create one."""
    data = callback_data(update)
    if cb.NEW_NEWS_THREAD.parse(data) is None:
        (thread,) = cb.NEWS_THREAD.parse(data) or ("0",)
        return NewsThread(0, int(thread), None)
    try:
        topic = await context.bot.create_forum_topic(chat_id, labels.NEWS_TOPIC_NAME)
    except BadRequest as error:
        if error.message.lower().startswith(NO_TOPIC):
            return None
        raise
    return NewsThread(0, topic.message_thread_id, topic.name)

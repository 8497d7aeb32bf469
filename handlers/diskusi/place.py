"""Where a new thread lives: a forum topic of its own when the bot may create one, else a
reply thread under the bot's opening message (the anchor).

Topic: createForumTopic named after the title, the opening message in it, then the news item
(or a copy of the broadcast); the place it was asked from gets a link. Reply thread: the
anchor answers the command or the pressed news message; it says plainly what the bot cannot
do there and where to change it (no right to manage topics, privacy mode).
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Chat, Message, Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.models.akses import News
from bot.models.diskusi import Discussion
from broadcasts.akses.digest import render_item
from broadcasts.akses.feeds import FeedsConfig
from handlers.common.replies import person_name
from handlers.diskusi.groups import Reach, reach_of

TOPIC_NAME_LIMIT = 128
# How Telegram refuses a topic to a bot that may not create one here.
NO_TOPIC = ("not enough rights", "the chat is not a forum", "chat_admin_required")


@dataclass(frozen=True)
class Seed:
    """What a new thread starts from, and where it was asked for."""

    title: str
    opener_text: str | None
    origin: str  # "berita:<id>", "siaran:<run id>", "pesan:<message id>"
    reply_to: int  # the command, or the pressed news or broadcast message
    thread_id: int | None  # the forum topic it was asked from (None: General)
    news: News | None = None  # posted in the new topic
    copy_of: int | None = None  # a message of the group copied into the new topic


@dataclass(frozen=True)
class Placed:
    """Where the thread went: its topic (None: a reply thread), its anchor, other messages."""

    thread_id: int | None
    anchor: Message
    others: tuple[int, ...] = ()
    no_topic_rights: bool = False


async def place(update: Update, context: BotContext, discussion: Discussion, seed: Seed) -> Placed:
    """Open the thread's place: a topic when the bot may create one, else a reply thread."""
    chat = update.effective_chat
    assert chat is not None
    reach = await reach_of(context, chat)
    if reach.topics:
        try:
            return await _in_topic(update, context, discussion, seed)
        except BadRequest as error:
            if not error.message.lower().startswith(NO_TOPIC):
                raise
    return await _in_replies(update, context, discussion, seed, reach)


async def _in_topic(
    update: Update, context: BotContext, discussion: Discussion, seed: Seed
) -> Placed:
    chat = update.effective_chat
    assert chat is not None
    topic = await context.bot.create_forum_topic(chat.id, seed.title[:TOPIC_NAME_LIMIT])
    thread = topic.message_thread_id
    text = context.texts.render("diskusi/opened_topic", discussion=discussion,
                                name=person_name(update))  # fmt: skip
    anchor = await context.bot.send_message(chat.id, text, message_thread_id=thread)
    others = [await _post_seed(context, chat, seed, thread)]
    return Placed(thread, anchor, tuple(m for m in others if m is not None))


async def _post_seed(context: BotContext, chat: Chat, seed: Seed, thread: int) -> int | None:
    """Post what the thread is about in its topic: the news item, or a copy of the broadcast."""
    if seed.news is not None:
        sources = {s.id: s for s in context.service(FeedsConfig).sources}
        text = render_item(context.texts, seed.news, sources.get(seed.news.source_id))
        return (await context.bot.send_message(chat.id, text, message_thread_id=thread)).message_id
    if seed.copy_of is not None:
        # A copy carries no buttons of the original (its receipt stays on the original).
        copied = await context.bot.copy_message(chat.id, chat.id, seed.copy_of,
                                                message_thread_id=thread)  # fmt: skip
        return copied.message_id
    return None


async def _in_replies(
    update: Update, context: BotContext, discussion: Discussion, seed: Seed, reach: Reach
) -> Placed:
    chat = update.effective_chat
    assert chat is not None
    text = context.texts.render(
        "diskusi/opened_replies", discussion=discussion, name=person_name(update),
        no_topic_rights=reach.forum, privacy=not reach.sees_all,
    )  # fmt: skip
    anchor = await context.bot.send_message(
        chat.id, text, message_thread_id=seed.thread_id, reply_to_message_id=seed.reply_to,
        allow_sending_without_reply=True,
    )  # fmt: skip
    # Replies to the command belong to the thread; not to a news digest, which carries more.
    asked = (seed.reply_to,) if seed.news is None and seed.copy_of is None else ()
    return Placed(None, anchor, asked, no_topic_rights=reach.forum)

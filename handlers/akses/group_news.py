"""News for KIM groups and citizens: topic choices, dissemination receipts, latest news.

Commands: /topik in a KIM group shows its topics as toggles (anyone may look, group admins
switch; all topics are on until switched off), and in a forum group where news goes
(news_topic.py); /berita [topik] in private lists the latest
approved items, a page at a time (berita:hal:[<topic>]:<page>). Buttons: topik:<topic_id>;
berita:sebar:<news_id> under each news message records that a member passed the item on.
"""

from __future__ import annotations

from markupsafe import Markup
from telegram import Update

from bot.context import BotContext
from bot.models.akses import MANUAL_SOURCE
from bot.user_text import clean
from broadcasts.akses.feeds import FeedsConfig, Topic
from handlers.akses import callbacks as cb
from handlers.akses.news_topic import enabled_topics, topics_view, verified_kim
from handlers.common.access import is_group, is_group_admin
from handlers.common.pager import Page, keyboard, page_number, page_text, show
from handlers.common.replies import alert, answer, callback_data, person_name, reply, toast

LATEST_COUNT = 10
WORD_LIMIT = 64  # a topic is one or two words; a longer one is shown cut, as unknown


async def show_topics(update: Update, context: BotContext) -> None:
    """/topik: the group's topics as toggles (and, in a forum, where news goes)."""
    if not is_group(update):
        await reply(update, context, "akses/group_only")
        return
    kim = await verified_kim(update, context)
    topics = context.service(FeedsConfig).topics
    if kim is None or not topics:
        await reply(update, context, "akses/not_kim" if kim is None else "akses/no_topics")
        return
    text, markup = await topics_view(update, context, kim)
    await reply(update, context, "common/prepared", markup, html=Markup(text))


async def toggle_kim_topic(update: Update, context: BotContext) -> None:
    """topik:<id>: a group admin switches one topic; others are told only admins may."""
    user, chat = update.effective_user, update.effective_chat
    kim = await verified_kim(update, context)
    topics = context.service(FeedsConfig).topics
    (topic,) = cb.KIM_TOPIC.parse(callback_data(update)) or ("",)
    if user is None or chat is None or kim is None or topic not in {t.id for t in topics}:
        await alert(update, context, "akses/unknown_topic_alert")
        return
    if not await is_group_admin(context, chat.id, user.id):
        await alert(update, context, "akses/topic_admin_only")
        return
    enabled = await enabled_topics(context, kim, topics)
    await context.store.set_kim_topic(kim.id, topic, topic not in enabled)
    enabled ^= {topic}
    await answer(update)
    text, markup = await topics_view(update, context, kim, enabled)
    assert update.callback_query is not None
    await update.callback_query.edit_message_text(text, reply_markup=markup)


async def confirm_dissemination(update: Update, context: BotContext) -> None:
    """berita:sebar:<id>: record that a member of this KIM passed the item on, and thank them."""
    user = update.effective_user
    kim = await verified_kim(update, context)
    (news_id,) = cb.SEBAR.parse(callback_data(update)) or ("0",)
    news = await context.store.get_news(int(news_id))
    if user is None or kim is None or news is None:
        await alert(update, context, "akses/unknown_item")
        return
    member_of = await context.store.kim_of_member(user.id)
    if member_of is None or member_of.id != kim.id:
        await alert(update, context, "akses/sebar_not_member")
        return
    if not await context.store.record_dissemination(news.id, kim.id, user.id):
        await toast(update, context, "akses/sebar_again")
        return
    await answer(update)
    await reply(update, context, "akses/sebar_thanks", name=person_name(update), news=news, kim=kim)


def _find_topic(word: str, topics: tuple[Topic, ...]) -> Topic | None:
    word = word.strip().casefold()
    return next((t for t in topics if word in (t.id.casefold(), t.label.casefold())), None)


async def show_latest(update: Update, context: BotContext) -> None:
    """/berita [topik] and its ‹ ›: the latest approved items, of one topic when asked."""
    feeds = context.service(FeedsConfig)
    await answer(update)  # a forged page of an unknown topic is told so in the chat
    word, number = _asked(update, context)
    topic = _find_topic(word, feeds.topics) if word else None
    if word and topic is None:
        await reply(update, context, "akses/unknown_topic", word=word, topics=feeds.topics)
        return
    topic_id = topic.id if topic else None
    page = Page.of(number, await context.store.count_latest_news(topic_id), LATEST_COUNT)
    if not page.total:
        await reply(update, context, "akses/latest_empty", topic=topic)
        return
    items = await context.store.latest_news(page.size, topic_id, page.offset)
    sources = {s.id: s.name for s in feeds.sources}
    rows = [
        context.texts.render(
            "akses/latest_row", news=news, number=n, sources=sources, manual_source=MANUAL_SOURCE
        )
        for n, news in enumerate(items, start=page.first)
    ]
    example = feeds.topics[0].id if feeds.topics else "kesehatan"
    text = page_text(context.texts, "akses/latest", rows, page=page, topic=topic, example=example)
    await show(update, context, text, keyboard(page, cb.NEWS_PAGE, topic_id or ""))


def _asked(update: Update, context: BotContext) -> tuple[str, int]:
    """The topic word and page asked for: typed after /berita, or carried by a ‹ › button."""
    pressed = cb.NEWS_PAGE.parse(callback_data(update))
    if pressed is not None:
        return pressed[0], page_number(update, cb.NEWS_PAGE)
    return clean(" ".join(context.args or []))[:WORD_LIMIT], 0

"""Curation of news (Akses) by Diskominfo curators.

Commands: /kurasi shows the item that has waited longest, with Setujui / Tolak / Ubah topik
and how many wait, and ‹ › (kurasi:hal:<n>) to the other waiting items in place; after a
decision the next one follows. /kurasi tambah, then a message (title on the first line, then
summary and/or link), posts an item by hand (approved). Buttons: kurasi:ok|tolak|topik|
lihat:<id>, kurasi:t:<id>:<topic>; curators only.
"""

from __future__ import annotations

import contextlib
from enum import IntEnum
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.models.akses import News, NewsStatus
from bot.models.people import Role
from bot.outbox import edit_text
from bot.store import utcnow
from broadcasts.akses.feeds import FeedsConfig
from broadcasts.akses.manual import MIN_TITLE, manual_item
from broadcasts.akses.poll import Poller
from handlers.akses import callbacks as cb
from handlers.akses import keyboards as kb
from handlers.akses import labels
from handlers.common.access import has_role
from handlers.common.pager import Page, fit, keyboard, page_number, show
from handlers.common.replies import (
    alert,
    answer,
    ask_text,
    callback_data,
    drop_keyboard,
    message_text,
    reply,
)


class Step(IntEnum):
    """The hand-posting conversation's state."""

    MANUAL = 0


def _card(context: BotContext, news: News) -> dict[str, Any]:
    feeds = context.service(FeedsConfig)
    labels = {t.id: t.label for t in feeds.topics}
    source = next((s.name for s in feeds.sources if s.id == news.source_id), None)
    return {
        "news": news,
        "source_name": source or "Diskominfo Kapuas Hulu",
        "topic_labels": [labels.get(t, t) for t in news.topics],
    }


async def _is_curator(update: Update, context: BotContext) -> bool:
    user = update.effective_user
    return user is not None and await has_role(context, user.id, Role.CURATOR)


async def start_curation(update: Update, context: BotContext) -> int:
    """/kurasi: show the next waiting item; /kurasi tambah: ask for a hand-posted item."""
    if not await _is_curator(update, context):
        await reply(update, context, "akses/not_curator")
        return ConversationHandler.END
    args = [a.lower() for a in context.args or []]
    if args == ["tambah"]:
        await reply(update, context, "akses/ask_manual", ask_text(labels.PLACEHOLDER_MANUAL))
        return Step.MANUAL
    if args:
        await reply(update, context, "akses/kurasi_usage")
        return ConversationHandler.END
    await show_next(update, context)
    return ConversationHandler.END


async def show_next(
    update: Update, context: BotContext, number: int = 0, in_place: bool = False
) -> None:
    """Send the card of the item that has waited longest (or `number` places later), with ‹ ›."""
    page = Page.of(number, await context.store.count_pending_news(), 1)
    news = await context.store.next_pending_news(page.offset) if page.total else None
    if news is None:
        await show(update, context, context.texts.render("akses/queue_empty"), None, in_place)
        return
    text = context.texts.render("akses/card", waiting=page.total, note=None, page=page,
                                **_card(context, news))  # fmt: skip
    buttons = kb.card_keyboard(news.id).inline_keyboard
    markup = keyboard(page, cb.QUEUE_PAGE, above=buttons)
    await show(update, context, fit(text), markup, in_place)


async def turn_queue(update: Update, context: BotContext) -> None:
    """‹ › under a curation card: show another waiting item in its place (curators only)."""
    if not await _is_curator(update, context):
        await alert(update, context, "akses/not_curator_alert")
        return
    await answer(update)
    await show_next(update, context, page_number(update, cb.QUEUE_PAGE), in_place=True)


async def save_manual(update: Update, context: BotContext) -> int:
    """Store a hand-posted item (approved) unless it lacks a title or is already known."""
    user = update.effective_user
    assert user is not None
    item = manual_item(message_text(update), context.service(FeedsConfig).topics)
    if item is None:
        await reply(update, context, "akses/bad_manual", min_title=MIN_TITLE)
        return Step.MANUAL
    ingest = context.service(Poller).ingest
    counts = await ingest.ingest([item], NewsStatus.APPROVED, utcnow(), by=user.id)
    if counts.new_ids:
        news = await context.store.get_news(counts.new_ids[0])
        assert news is not None
        markup = kb.added_keyboard(news.id)
        await reply(update, context, "akses/manual_added", markup, **_card(context, news))
    elif counts.duplicates:
        await reply(update, context, "akses/manual_duplicate", original=None)
    else:
        await reply(update, context, "akses/manual_known")
    return ConversationHandler.END


async def expect_manual(update: Update, context: BotContext) -> int:
    """Anything but text while a hand-posted item is expected."""
    await reply(update, context, "akses/bad_manual", min_title=MIN_TITLE)
    return Step.MANUAL


def _news_id(update: Update) -> int:
    """The news id every kurasi button carries first."""
    data = callback_data(update)
    for action in (cb.APPROVE, cb.REJECT, cb.CHANGE_TOPICS, cb.TOGGLE_TOPIC, cb.SHOW_CARD):
        values = action.parse(data)
        if values is not None:
            return int(values[0])
    return 0


async def _guard(update: Update, context: BotContext) -> News | None:
    """The item a curator's button is about; refuses non-curators and missing items."""
    if not await _is_curator(update, context):
        await alert(update, context, "akses/not_curator_alert")
        return None
    news = await context.store.get_news(_news_id(update))
    if news is None:
        await alert(update, context, "akses/unknown_item")
        await drop_keyboard(update)
    return news


async def decide(update: Update, context: BotContext) -> None:
    """Setujui / Tolak: decide the item and queue its card's edit as one unit; show the next."""
    news = await _guard(update, context)
    user = update.effective_user
    query = update.callback_query
    if news is None or user is None or query is None or query.message is None:
        return
    approve = cb.APPROVE.parse(callback_data(update)) is not None
    status = NewsStatus.APPROVED if approve else NewsStatus.REJECTED
    card = (query.message.chat.id, query.message.message_id)
    async with context.store.transaction():  # the decision and its card's edit: one unit
        decided = await context.store.decide_news(news.id, status, user.id)
        if decided is not None:
            edit = edit_text(*card, _decided_text(context, decided))
            await context.outbox.submit_effects(f"news:{news.id}", [edit])  # decided once
    if decided is None:  # decided meanwhile: tell how it stands now
        await _already_decided(update, context, await context.store.get_news(news.id) or news)
        return
    await answer(update)
    await show_next(update, context)


async def _already_decided(update: Update, context: BotContext, news: News) -> None:
    """A card of an item decided earlier: say by whom and when, and show it on the card."""
    user = update.effective_user
    await alert(update, context, "akses/already_decided", news=news,
                viewer=user.id if user else 0)  # fmt: skip
    query = update.callback_query
    if query is None or query.message is None:
        return
    with contextlib.suppress(TelegramError):  # deleted, or already showing the decision
        await query.edit_message_text(_decided_text(context, news), reply_markup=None)


def _decided_text(context: BotContext, news: News) -> str:
    """A card's text once its item is decided: the outcome, who decided and when."""
    return context.texts.render("akses/decided", **_card(context, news))


async def choose_topics(update: Update, context: BotContext) -> None:
    """Ubah topik: turn the card's buttons into topic toggles."""
    news = await _guard(update, context)
    if news is None:
        return
    await answer(update)
    topics = context.service(FeedsConfig).topics
    assert update.callback_query is not None
    await update.callback_query.edit_message_reply_markup(
        kb.item_topics_keyboard(news.id, topics, news.topics)
    )


async def toggle_topic(update: Update, context: BotContext) -> None:
    """Switch one topic of an item (at least one stays)."""
    news = await _guard(update, context)
    if news is None:
        return
    _, topic = cb.TOGGLE_TOPIC.parse(callback_data(update)) or ("", "")
    topics = context.service(FeedsConfig).topics
    if topic not in {t.id for t in topics}:
        await alert(update, context, "akses/unknown_topic_alert")
        return
    chosen = [t for t in news.topics if t != topic] if topic in news.topics else [
        t.id for t in topics if t.id in news.topics or t.id == topic
    ]  # fmt: skip
    if not chosen:
        await alert(update, context, "akses/last_topic")
        return
    await context.store.set_news_topics(news.id, chosen)
    await answer(update)
    assert update.callback_query is not None
    await update.callback_query.edit_message_reply_markup(
        kb.item_topics_keyboard(news.id, topics, chosen)
    )


async def close_topics(update: Update, context: BotContext) -> None:
    """Selesai: show the card again with its topics as now chosen."""
    news = await _guard(update, context)
    if news is None:
        return
    await answer(update)
    pending = news.status == NewsStatus.PENDING
    markup = kb.card_keyboard(news.id) if pending else None
    waiting = await context.store.count_pending_news()
    text = context.texts.render("akses/card", waiting=waiting, note=None, **_card(context, news))
    assert update.callback_query is not None
    await update.callback_query.edit_message_text(text, reply_markup=markup)

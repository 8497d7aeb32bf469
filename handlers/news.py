"""Curation of news (Akses) by Diskominfo curators.

Commands: /kurasi shows the item that has waited longest, with Setujui / Tolak / Ubah topik
and how many wait; after a decision the next one follows. /kurasi tambah, then a message
(title on the first line, then summary and/or link), posts an item by hand (approved).
Buttons: kurasi:ok|tolak|topik|lihat:<id>, kurasi:t:<id>:<topic>; curators only.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from telegram import Update
from telegram.ext import (
    CommandHandler,
    ConversationHandler,
)

from bot.context import BotContext, KimApplication
from bot.models import Role
from bot.news_models import News, NewsStatus
from bot.store import utcnow
from broadcasts.news import feeds_of, poller_of
from broadcasts.news_manual import MIN_TITLE, manual_item
from handlers import news_keyboards as kb
from handlers import start
from handlers.common import answer, ask_text, callback_data, has_role, message_text, reply
from handlers.wiring import ANY_MESSAGE, TEXT, button, command, on_message


class Step(IntEnum):
    """The hand-posting conversation's state."""

    MANUAL = 0


def _card(context: BotContext, news: News) -> dict[str, Any]:
    feeds = feeds_of(context.application)
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
        await reply(update, context, "news/not_curator")
        return ConversationHandler.END
    args = [a.lower() for a in context.args or []]
    if args == ["tambah"]:
        await reply(update, context, "news/ask_manual", ask_text("Judul berita, lalu ringkasan"))
        return Step.MANUAL
    if args:
        await reply(update, context, "news/kurasi_usage")
        return ConversationHandler.END
    await show_next(update, context)
    return ConversationHandler.END


async def show_next(update: Update, context: BotContext) -> None:
    """Send the card of the item that has waited longest, or say nothing waits."""
    news = await context.store.next_pending_news()
    if news is None:
        await reply(update, context, "news/queue_empty")
        return
    waiting = await context.store.count_pending_news()
    markup = kb.card_keyboard(news.id)
    await reply(update, context, "news/card", markup, waiting=waiting, note=None,
                **_card(context, news))  # fmt: skip


async def save_manual(update: Update, context: BotContext) -> int:
    """Store a hand-posted item (approved) unless it lacks a title or is already known."""
    user = update.effective_user
    assert user is not None
    item = manual_item(message_text(update), feeds_of(context.application).topics)
    if item is None:
        await reply(update, context, "news/bad_manual", min_title=MIN_TITLE)
        return Step.MANUAL
    ingest = poller_of(context.application).ingest
    counts = await ingest.ingest([item], NewsStatus.APPROVED, utcnow(), by=user.id)
    if counts.new_ids:
        news = await context.store.get_news(counts.new_ids[0])
        assert news is not None
        markup = kb.added_keyboard(news.id)
        await reply(update, context, "news/manual_added", markup, **_card(context, news))
    elif counts.duplicates:
        await reply(update, context, "news/manual_duplicate", original=None)
    else:
        await reply(update, context, "news/manual_known")
    return ConversationHandler.END


async def expect_manual(update: Update, context: BotContext) -> int:
    """Anything but text while a hand-posted item is expected."""
    await reply(update, context, "news/bad_manual", min_title=MIN_TITLE)
    return Step.MANUAL


def _target(update: Update) -> tuple[str, int, str]:
    """(action, news id, rest) of a kurasi:<action>:<id>[:<rest>] button."""
    _, action, news_id, *rest = callback_data(update).split(":")
    return action, int(news_id), ":".join(rest)


async def _guard(update: Update, context: BotContext) -> News | None:
    """The item a curator's button is about; refuses non-curators and missing items."""
    if not await _is_curator(update, context):
        await answer(update, context.texts.render("news/not_curator_alert"), alert=True)
        return None
    news = await context.store.get_news(_target(update)[1])
    if news is None:
        await answer(update, context.texts.render("news/unknown_item"), alert=True)
    return news


async def decide(update: Update, context: BotContext) -> None:
    """Setujui / Tolak: decide the item, close its card, and show the next one."""
    news = await _guard(update, context)
    user = update.effective_user
    if news is None or user is None:
        return
    approve = _target(update)[0] == "ok"
    status = NewsStatus.APPROVED if approve else NewsStatus.REJECTED
    decided = await context.store.decide_news(news.id, status, user.id)
    if decided is None:
        await answer(update, context.texts.render("news/already_decided"), alert=True)
        return
    await answer(update)
    text = context.texts.render("news/decided", approved=approve, by=user.first_name,
                                **_card(context, decided))  # fmt: skip
    assert update.callback_query is not None
    await update.callback_query.edit_message_text(text, reply_markup=None)
    await show_next(update, context)


async def choose_topics(update: Update, context: BotContext) -> None:
    """Ubah topik: turn the card's buttons into topic toggles."""
    news = await _guard(update, context)
    if news is None:
        return
    await answer(update)
    topics = feeds_of(context.application).topics
    assert update.callback_query is not None
    await update.callback_query.edit_message_reply_markup(
        kb.item_topics_keyboard(news.id, topics, news.topics)
    )


async def toggle_topic(update: Update, context: BotContext) -> None:
    """Switch one topic of an item (at least one stays)."""
    news = await _guard(update, context)
    if news is None:
        return
    topic = _target(update)[2]
    topics = feeds_of(context.application).topics
    if topic not in {t.id for t in topics}:
        await answer(update, context.texts.render("news/unknown_topic_alert"), alert=True)
        return
    chosen = [t for t in news.topics if t != topic] if topic in news.topics else [
        t.id for t in topics if t.id in news.topics or t.id == topic
    ]  # fmt: skip
    if not chosen:
        await answer(update, context.texts.render("news/last_topic"), alert=True)
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
    text = context.texts.render("news/card", waiting=waiting, note=None, **_card(context, news))
    assert update.callback_query is not None
    await update.callback_query.edit_message_text(text, reply_markup=markup)


def add_conversations(app: KimApplication) -> None:
    """/kurasi (and /kurasi tambah, which waits for the item's text)."""
    app.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler(command("kurasi"), start_curation)],
            states={
                Step.MANUAL: [
                    on_message(TEXT, save_manual),
                    on_message(ANY_MESSAGE, expect_manual),
                ]
            },
            fallbacks=[CommandHandler(command("batal"), start.cancel)],
            allow_reentry=True,
            name="news_manual",
            persistent=True,
        )
    )


def add_handlers(app: KimApplication) -> None:
    """Curation buttons, /topik and its toggles, receipts, /berita."""
    from handlers import news_group

    for callback, pattern in (
        (decide, r"^kurasi:(ok|tolak):\d+$"),
        (choose_topics, r"^kurasi:topik:\d+$"),
        (toggle_topic, r"^kurasi:t:\d+:[a-z0-9_-]+$"),
        (close_topics, r"^kurasi:lihat:\d+$"),
        (news_group.toggle_kim_topic, r"^topik:[a-z0-9_-]+$"),
        (news_group.confirm_dissemination, r"^berita:sebar:\d+$"),
    ):
        app.add_handler(button(callback, pattern))
    app.add_handler(CommandHandler(command("topik"), news_group.show_topics))
    app.add_handler(CommandHandler(command("berita"), news_group.show_latest))

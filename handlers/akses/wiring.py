"""How the akses handlers are wired: conversations first, then commands and buttons."""

from __future__ import annotations

from telegram.ext import CommandHandler, ConversationHandler

from bot.context import KimApplication
from handlers.akses import callbacks as cb
from handlers.akses import curation, group_news, news_topic
from handlers.common.draft import CONVERSATION_TIMEOUT, cancel_with, timed_out
from handlers.common.wiring import (
    ANY_MESSAGE,
    TEXT,
    Handler,
    button,
    command,
    command_button,
    on_message,
    timeout_state,
)


def add_handlers(app: KimApplication) -> None:
    """/kurasi (a conversation for hand-posted items), curation buttons, /topik, /berita."""
    app.add_handler(_curation())
    app.add_handler(button(curation.decide, cb.APPROVE, cb.REJECT))
    app.add_handler(button(curation.choose_topics, cb.CHANGE_TOPICS))
    app.add_handler(button(curation.toggle_topic, cb.TOGGLE_TOPIC))
    app.add_handler(button(curation.close_topics, cb.SHOW_CARD))
    app.add_handler(button(curation.turn_queue, cb.QUEUE_PAGE))
    app.add_handler(button(group_news.toggle_kim_topic, cb.KIM_TOPIC))
    app.add_handler(button(news_topic.choose_news_thread, cb.NEWS_THREAD, cb.NEW_NEWS_THREAD))
    app.add_handler(button(group_news.confirm_dissemination, cb.SEBAR))
    app.add_handler(CommandHandler(command("topik"), group_news.show_topics))
    app.add_handler(CommandHandler(command("berita"), group_news.show_latest))
    app.add_handler(button(group_news.show_latest, cb.NEWS_PAGE))
    app.add_handler(command_button("berita", group_news.show_latest))


def _curation() -> Handler:
    """/kurasi, and /kurasi tambah, which waits for the item's text."""
    return ConversationHandler(
        entry_points=[
            CommandHandler(command("kurasi"), curation.start_curation),
            command_button("kurasi", curation.start_curation),
        ],
        states={
            curation.Step.MANUAL: [
                on_message(TEXT, curation.save_manual),
                on_message(ANY_MESSAGE, curation.expect_manual),
            ],
            **timeout_state(timed_out(None, "akses/manual_timed_out")),
        },
        fallbacks=[CommandHandler(command("batal"), cancel_with(None))],
        allow_reentry=True,
        conversation_timeout=CONVERSATION_TIMEOUT,
        name="news_manual",
        persistent=True,
    )

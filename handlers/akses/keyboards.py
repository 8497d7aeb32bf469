"""Inline keyboards of Akses: the curation card, an item's topics, a KIM group's topics and,
in a forum group, the topic that receives news."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from broadcasts.akses.feeds import Topic
from handlers.akses import callbacks as cb
from handlers.akses import labels
from handlers.common.keyboards import rows

Row = list[InlineKeyboardButton]


def card_keyboard(news_id: int) -> InlineKeyboardMarkup:
    """Setujui / Tolak / Ubah topik for an item waiting for a curator."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(labels.APPROVE, callback_data=cb.APPROVE.data(news_id)),
                InlineKeyboardButton(labels.REJECT, callback_data=cb.REJECT.data(news_id)),
            ],
            [_change_topics(news_id)],
        ]
    )


def added_keyboard(news_id: int) -> InlineKeyboardMarkup:
    """A hand-posted item: only its topics can still change."""
    return InlineKeyboardMarkup([[_change_topics(news_id)]])


def _change_topics(news_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(labels.CHANGE_TOPICS, callback_data=cb.CHANGE_TOPICS.data(news_id))


def item_topics_keyboard(
    news_id: int, topics: Sequence[Topic], chosen: Collection[str]
) -> InlineKeyboardMarkup:
    """Toggle an item's topics; Selesai returns to the card."""
    buttons = [
        InlineKeyboardButton(
            _toggle(t, t.id in chosen), callback_data=cb.TOGGLE_TOPIC.data(news_id, t.id)
        )
        for t in topics
    ]
    done = InlineKeyboardButton(labels.DONE, callback_data=cb.SHOW_CARD.data(news_id))
    return InlineKeyboardMarkup([*rows(buttons, 2), [done]])


def kim_topics_keyboard(
    topics: Sequence[Topic], enabled: Collection[str], below: Sequence[Row] = ()
) -> InlineKeyboardMarkup:
    """A KIM's topics, each a toggle (and `below` them, where a forum group gets news)."""
    buttons = [
        InlineKeyboardButton(_toggle(t, t.id in enabled), callback_data=cb.KIM_TOPIC.data(t.id))
        for t in topics
    ]
    return InlineKeyboardMarkup([*rows(buttons, 2), *below])


def news_thread_rows(here: int | None, current: int | None) -> list[Row]:
    """A forum group's choice of the topic for news: this topic (`here`, when /topik was
    typed in a topic other than the chosen one), back to General, or a new topic."""
    found: list[Row] = []
    if here is not None and here != current:
        found.append([_button(labels.NEWS_HERE, cb.NEWS_THREAD.data(here))])
    if current is not None:
        found.append([_button(labels.NEWS_GENERAL, cb.NEWS_THREAD.data(0))])
    else:
        found.append([_button(labels.NEWS_NEW_TOPIC, cb.NEW_NEWS_THREAD.data())])
    return found


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def _toggle(topic: Topic, on: bool) -> str:
    return f"{labels.ON if on else labels.OFF} {topic.label}"

"""Inline keyboards of the news activity: curation card, topic choices (with their labels)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from broadcasts.feeds import Topic

# Indonesian button labels of this activity (handlers/labels.py holds the shared ones).
APPROVE: Final = "✅ Setujui"
REJECT: Final = "✖️ Tolak"
CHANGE_TOPICS: Final = "🏷 Ubah topik"
DONE: Final = "« Selesai"
ON: Final = "✅"
OFF: Final = "⬜"


def _rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def card_keyboard(news_id: int) -> InlineKeyboardMarkup:
    """Setujui / Tolak / Ubah topik for an item waiting for a curator."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(APPROVE, callback_data=f"kurasi:ok:{news_id}"),
                InlineKeyboardButton(REJECT, callback_data=f"kurasi:tolak:{news_id}"),
            ],
            [InlineKeyboardButton(CHANGE_TOPICS, callback_data=f"kurasi:topik:{news_id}")],
        ]
    )


def added_keyboard(news_id: int) -> InlineKeyboardMarkup:
    """A hand-posted item: only its topics can still change."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(CHANGE_TOPICS, callback_data=f"kurasi:topik:{news_id}")]]
    )


def item_topics_keyboard(
    news_id: int, topics: Sequence[Topic], chosen: Collection[str]
) -> InlineKeyboardMarkup:
    """Toggle an item's topics; Selesai returns to the card."""
    buttons = [
        InlineKeyboardButton(
            f"{ON if t.id in chosen else OFF} {t.label}", callback_data=f"kurasi:t:{news_id}:{t.id}"
        )
        for t in topics
    ]
    done = InlineKeyboardButton(DONE, callback_data=f"kurasi:lihat:{news_id}")
    return InlineKeyboardMarkup([*_rows(buttons, 2), [done]])


def kim_topics_keyboard(topics: Sequence[Topic], enabled: Collection[str]) -> InlineKeyboardMarkup:
    """A KIM's topics, each a toggle (callback ``topik:<topic_id>``)."""
    buttons = [
        InlineKeyboardButton(
            f"{ON if t.id in enabled else OFF} {t.label}", callback_data=f"topik:{t.id}"
        )
        for t in topics
    ]
    return InlineKeyboardMarkup(_rows(buttons, 2))

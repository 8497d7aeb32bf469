"""Inline keyboards of Diskusi: the summary card's next steps."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.diskusi import callbacks as cb
from handlers.diskusi import labels


def summary_keyboard(discussion_id: int) -> InlineKeyboardMarkup:
    """ "Jadikan rencana implementasi" and "Jadikan aspirasi" under a concluded thread."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(labels.TO_PLAN, callback_data=cb.TO_PLAN.data(discussion_id))],
            [
                InlineKeyboardButton(
                    labels.TO_ASPIRATION, callback_data=cb.TO_ASPIRATION.data(discussion_id)
                )
            ],
        ]
    )

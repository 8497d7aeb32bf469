"""Inline keyboards of umum: the short help's buttons to the main actions."""

from __future__ import annotations

from collections.abc import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.common.callbacks import run_command
from handlers.common.keyboards import rows
from handlers.umum import labels


def help_keyboard(
    staff: Iterable[tuple[str, str]] = (), as_aspiration: bool = False
) -> InlineKeyboardMarkup:
    """Aspirasi, Berita terbaru and Bantuan, then the commands of the person's Diskominfo roles.

    Under free text that could be an aspiration, the Aspirasi button says it takes that text
    (handlers/aspirasi fills it in from the message the help replies to).
    """
    everyone = list(labels.EVERYONE)
    if as_aspiration:
        everyone[0] = labels.AS_ASPIRATION
    buttons = [
        InlineKeyboardButton(label, callback_data=run_command(name).data())
        for name, label in (*everyone, *staff)
    ]
    return InlineKeyboardMarkup(rows(buttons, 2))

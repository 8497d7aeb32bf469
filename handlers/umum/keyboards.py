"""Inline keyboards of umum: the short help's buttons to the main actions."""

from __future__ import annotations

from collections.abc import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.common.callbacks import run_command
from handlers.common.keyboards import rows
from handlers.umum import labels


def help_keyboard(staff: Iterable[tuple[str, str]] = ()) -> InlineKeyboardMarkup:
    """Berita terbaru and Bantuan, then the commands of the person's Diskominfo roles."""
    buttons = [
        InlineKeyboardButton(label, callback_data=run_command(name).data())
        for name, label in (*labels.EVERYONE, *staff)
    ]
    return InlineKeyboardMarkup(rows(buttons, 2))

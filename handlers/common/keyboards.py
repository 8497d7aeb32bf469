"""Keyboard building blocks shared by the activities."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton


def rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    """Buttons laid out `width` to a row."""
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]

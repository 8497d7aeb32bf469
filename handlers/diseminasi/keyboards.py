"""Inline keyboards of Diseminasi: /siaran's choices, the receipt's channels, /jadwal's cards."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.models.diseminasi import Broadcast, BroadcastStatus
from handlers.common.keyboards import rows
from handlers.diseminasi import callbacks as cb
from handlers.diseminasi import labels


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def _cancel_row() -> list[InlineKeyboardButton]:
    return [_button(labels.CANCEL, cb.CANCEL.data())]


def target_keyboard() -> InlineKeyboardMarkup:
    """All verified KIMs, per kecamatan, per topic, or named KIMs."""
    buttons = [_button(label, cb.TARGET.data(key)) for key, label in labels.TARGETS.items()]
    return InlineKeyboardMarkup([*rows(buttons, 1), _cancel_row()])


def pick_keyboard(
    options: Sequence[tuple[str, str]], picked: Sequence[str]
) -> InlineKeyboardMarkup:
    """Toggle buttons (✅ when picked) and a done button."""
    buttons = [
        _button(f"✅ {label}" if value in picked else label, cb.PICK.data(value))
        for value, label in options
    ]
    done = [_button(labels.DONE, cb.PICK.data(PICK_DONE))]
    return InlineKeyboardMarkup([*rows(buttons, 2), done, _cancel_row()])


PICK_DONE = "ok"


def time_keyboard() -> InlineKeyboardMarkup:
    """Now, at a date and time, daily, weekly or monthly."""
    buttons = [_button(label, cb.TIME.data(key)) for key, label in labels.TIMES.items()]
    return InlineKeyboardMarkup([*rows(buttons, 1), _cancel_row()])


def weekday_keyboard() -> InlineKeyboardMarkup:
    """Senin … Minggu."""
    buttons = [_button(name, cb.WEEKDAY.data(i)) for i, name in enumerate(labels.WEEKDAYS)]
    return InlineKeyboardMarkup([*rows(buttons, 3), _cancel_row()])


def confirm_keyboard() -> InlineKeyboardMarkup:
    """Send or schedule, or cancel."""
    return InlineKeyboardMarkup(
        [[_button(labels.CONFIRM, cb.CONFIRM.data()), _button(labels.CANCEL, cb.CANCEL.data())]]
    )


def channel_keyboard() -> InlineKeyboardMarkup:
    """Through which channel a KIM passed a broadcast on; or cancel."""
    buttons = [_button(label, cb.CHANNEL.data(key)) for key, label in labels.CHANNELS.items()]
    cancel = [_button(labels.CANCEL, cb.RECEIPT_CANCEL.data())]
    return InlineKeyboardMarkup([*rows(buttons, 2), cancel])


def card_keyboard(broadcast: Broadcast) -> InlineKeyboardMarkup:
    """Jeda / Lanjutkan / Hentikan, as the broadcast's status allows."""
    status = broadcast.status
    actions = []
    if status == BroadcastStatus.SCHEDULED:
        actions.append((labels.PAUSE, "pause"))
    if status == BroadcastStatus.PAUSED:
        actions.append((labels.RESUME, "resume"))
    if status in (BroadcastStatus.SCHEDULED, BroadcastStatus.PAUSED):
        actions.append((labels.STOP, "cancel"))
    row = [_button(text, cb.CHANGE.data(action, broadcast.id)) for text, action in actions]
    return InlineKeyboardMarkup([row] if row else [])

"""Inline keyboards of the desk and the OPD: a ticket's lifecycle buttons, the OPD choice,
and the citizen's buttons (rate 1–5, reopen, answer a question)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.models.aspirasi import Aspiration, Opd, Status
from handlers.aspirasi import callbacks as cb
from handlers.aspirasi import labels
from handlers.common import labels as common
from handlers.common.codec import CallbackDataError
from handlers.common.keyboards import rows


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def _status_button(aspiration: Aspiration, status: Status) -> InlineKeyboardButton:
    label = labels.STATUS_BUTTONS[status]
    if status == Status.FORWARDED:
        return _button(label, cb.FORWARD.data(aspiration.id))
    return _button(label, cb.SET_STATUS.data(aspiration.id, status))


def lifecycle_keyboard(aspiration: Aspiration) -> InlineKeyboardMarkup | None:
    """The statuses the ticket may move on to, and a question for the citizen; None if closed."""
    if aspiration.status.closed:
        return None
    buttons = [_status_button(aspiration, s) for s in dict.fromkeys(aspiration.status.next)]
    buttons.append(_button(labels.ASK, cb.ASK.data(aspiration.id)))
    return InlineKeyboardMarkup(rows(buttons, 2))


def opd_keyboard(aspiration: Aspiration, choices: Sequence[Opd]) -> InlineKeyboardMarkup:
    """The OPD to forward to (those that handle the category first), and back to the card."""
    buttons = []
    for opd in choices:
        if opd.id == aspiration.opd_id:
            continue
        try:
            buttons.append(_button(opd.name[:60], cb.SEND_TO.data(aspiration.id, opd.id)))
        except CallbackDataError:  # an id opd.yaml's check lets through but a button cannot hold
            continue
    back = _button(common.BACK, cb.SHOW_CARD.data(aspiration.id))
    return InlineKeyboardMarkup([[b] for b in buttons] + [[back]])


def no_note_keyboard() -> InlineKeyboardMarkup:
    """Skip the optional note."""
    return InlineKeyboardMarkup([[_button(labels.NO_NOTE, cb.NO_NOTE.data())]])


def finished_keyboard(aspiration: Aspiration) -> InlineKeyboardMarkup:
    """Under the citizen's "selesai": rate 1–5, and reopen (once)."""
    stars = [_button(f"{n}{labels.STARS}", cb.RATE.data(aspiration.id, n)) for n in range(1, 6)]
    keyboard = [stars]
    if not aspiration.reopened:
        keyboard.append([_button(labels.REOPEN, cb.REOPEN.data(aspiration.id))])
    return InlineKeyboardMarkup(keyboard)


def reopen_keyboard(aspiration: Aspiration) -> InlineKeyboardMarkup | None:
    """Once rated: only Buka kembali, while the ticket was not reopened before."""
    if aspiration.reopened:
        return None
    return InlineKeyboardMarkup([[_button(labels.REOPEN, cb.REOPEN.data(aspiration.id))]])


def answer_keyboard(aspiration_id: int) -> InlineKeyboardMarkup:
    """Under a question to the citizen: answer it."""
    return InlineKeyboardMarkup([[_button(labels.ANSWER, cb.ANSWER.data(aspiration_id))]])


def open_keyboard(aspirations: Sequence[Aspiration]) -> list[list[InlineKeyboardButton]]:
    """One button per listed ticket, opening its card (two per row)."""
    buttons = [_button(f"{labels.OPEN} {a.code}", cb.OPEN.data(a.id)) for a in aspirations]
    return rows(buttons, 2)

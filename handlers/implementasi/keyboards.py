"""Inline keyboards of Implementasi: the report conversation, the desk's decision, the notices."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.models.implementasi import FOLLOW_UP_WEEKS, Source
from handlers.common import labels as common
from handlers.common.keyboards import rows
from handlers.implementasi import callbacks as cb
from handlers.implementasi import labels

SOURCE_LABEL = 48  # characters of a source's title on its button


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def cancel_row() -> list[InlineKeyboardButton]:
    """The row that leaves the report."""
    return [_button(common.CANCEL, cb.CANCEL.data())]


def continue_keyboard(url: str) -> InlineKeyboardMarkup:
    """The group's button that opens the member's private chat with the bot."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(labels.CONTINUE_PRIVATE, url=url)]])


def source_label(source: Source) -> str:
    """A source on its button: its kind's icon and the start of its title."""
    title = source.label if len(source.label) <= SOURCE_LABEL else source.label[:47] + "…"
    return f"{labels.SOURCE_ICONS[source.kind.value]} {title}"


def sources_keyboard(sources: Sequence[Source]) -> InlineKeyboardMarkup:
    """The news, broadcasts and discussions that reached the KIM lately, and "none"."""
    keyboard = [[_button(source_label(s), cb.SOURCE.data(s.kind.value, s.id))] for s in sources]
    keyboard.append([_button(labels.NO_SOURCE, cb.NO_SOURCE.data())])
    return InlineKeyboardMarkup([*keyboard, cancel_row()])


def unit_keyboard() -> InlineKeyboardMarkup:
    """How the benefit is counted."""
    buttons = [_button(name, cb.UNIT.data(key)) for key, name in labels.SATUAN.items()]
    return InlineKeyboardMarkup([buttons, cancel_row()])


def bidang_keyboard() -> InlineKeyboardMarkup:
    """The report's topic."""
    buttons = [_button(name, cb.BIDANG.data(key)) for key, name in labels.BIDANG.items()]
    return InlineKeyboardMarkup([*rows(buttons, 3), cancel_row()])


def photos_keyboard(count: int) -> InlineKeyboardMarkup:
    """Done with the photos (or none at all)."""
    label = labels.PHOTOS_DONE if count else labels.NO_PHOTOS
    return InlineKeyboardMarkup([[_button(label, cb.PHOTOS_DONE.data())], cancel_row()])


def location_keyboard() -> ReplyKeyboardMarkup:
    """Share the phone's location with one press, or go on without."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(labels.SHARE_LOCATION, request_location=True)],
         [KeyboardButton(labels.NO_LOCATION)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )  # fmt: skip


def summary_keyboard() -> InlineKeyboardMarkup:
    """Send, change or cancel the report."""
    return InlineKeyboardMarkup(
        [[_button(common.CONFIRM, cb.CONFIRM.data()), _button(common.EDIT, cb.EDIT.data()),
          _button(common.CANCEL, cb.CANCEL.data())]]
    )  # fmt: skip


def edit_keyboard() -> InlineKeyboardMarkup:
    """Which field to change."""
    buttons = [_button(name, cb.EDIT_FIELD.data(key)) for key, name in labels.EDIT_FIELDS.items()]
    return InlineKeyboardMarkup([*rows(buttons, 2), cancel_row()])


def desk_keyboard(report_id: int) -> InlineKeyboardMarkup:
    """The desk's three decisions on a waiting report."""
    return InlineKeyboardMarkup(
        [[_button(labels.VERIFY, cb.VERIFY.data(report_id)),
          _button(labels.ASK_FIX, cb.ASK_FIX.data(report_id))],
         [_button(labels.FOLLOW_UP, cb.FOLLOW_UP.data(report_id))]]
    )  # fmt: skip


def weeks_keyboard(report_id: int) -> InlineKeyboardMarkup:
    """In how many weeks the KIM is reminded to follow the report up."""
    buttons = [
        _button(labels.WEEKS.format(n=n), cb.FOLLOW_UP_WEEKS.data(report_id, n))
        for n in FOLLOW_UP_WEEKS
    ]
    return InlineKeyboardMarkup([buttons, [_button(labels.BACK, cb.BACK.data(report_id))]])


def fix_keyboard(report_id: int) -> InlineKeyboardMarkup:
    """The reporter's button to correct a report sent back."""
    return InlineKeyboardMarkup([[_button(labels.FIX_REPORT, cb.FIX.data(report_id))]])

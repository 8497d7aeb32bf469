"""Inline keyboards of the submission: category, kecamatan, paged desa, photos, identity."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.models.aspirasi import Identity
from handlers.aspirasi import callbacks as cb
from handlers.aspirasi import labels
from handlers.common import labels as common
from handlers.common.keyboards import rows
from handlers.common.places import PlacePicker


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


# The place buttons (kecamatan, paged desa, typed desa's matches), in this codec's words.
PLACES = PlacePicker(cb.KECAMATAN, cb.DESA, cb.DESA_PAGE, cb.BACK, cb.CANCEL)


def cancel_row() -> list[InlineKeyboardButton]:
    """The row that leaves the submission."""
    return PLACES.cancel_row()


def category_keyboard() -> InlineKeyboardMarkup:
    """The nine categories, two per row."""
    buttons = [_button(label, cb.CATEGORY.data(key)) for key, label in labels.CATEGORIES.items()]
    return InlineKeyboardMarkup([*rows(buttons, 2), cancel_row()])


def photos_keyboard(sent: int) -> InlineKeyboardMarkup:
    """Lewati before any photo, Selesai after one."""
    label = labels.DONE_PHOTOS if sent else common.SKIP
    return InlineKeyboardMarkup([[_button(label, cb.PHOTOS_DONE.data())], cancel_row()])


def identity_keyboard() -> InlineKeyboardMarkup:
    """Shown, confidential or anonymous: one per row, so the labels are read whole."""
    buttons = [[_button(labels.IDENTITIES[i], cb.IDENTITY.data(i))] for i in Identity]
    return InlineKeyboardMarkup([*buttons, cancel_row()])


def summary_keyboard() -> InlineKeyboardMarkup:
    """Send or cancel the aspiration."""
    return InlineKeyboardMarkup([[_button(labels.SEND, cb.CONFIRM.data()),
                                  _button(common.CANCEL, cb.CANCEL.data())]])  # fmt: skip

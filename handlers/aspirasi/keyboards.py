"""Inline keyboards of the submission: category, kecamatan, paged desa, photos, identity."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.models.aspirasi import Identity
from bot.wilayah import Desa, Kecamatan
from handlers.aspirasi import callbacks as cb
from handlers.aspirasi import labels
from handlers.common import labels as common
from handlers.common.keyboards import rows

DESA_PER_PAGE = 8


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def cancel_row() -> list[InlineKeyboardButton]:
    """The row that leaves the submission."""
    return [_button(common.CANCEL, cb.CANCEL.data())]


def category_keyboard() -> InlineKeyboardMarkup:
    """The nine categories, two per row."""
    buttons = [_button(label, cb.CATEGORY.data(key)) for key, label in labels.CATEGORIES.items()]
    return InlineKeyboardMarkup([*rows(buttons, 2), cancel_row()])


def kecamatan_keyboard(kecamatan: Sequence[Kecamatan]) -> InlineKeyboardMarkup:
    """Every kecamatan of the regency, two per row."""
    buttons = [_button(k.nama, cb.KECAMATAN.data(k.kode)) for k in kecamatan]
    return InlineKeyboardMarkup([*rows(buttons, 2), cancel_row()])


def desa_keyboard(desa: Sequence[Desa], kecamatan_kode: str, page: int) -> InlineKeyboardMarkup:
    """One page of a kecamatan's desa, with paging and a way back to the kecamatan list."""
    pages = max(1, -(-len(desa) // DESA_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    chunk = desa[page * DESA_PER_PAGE : (page + 1) * DESA_PER_PAGE]
    keyboard = rows([_button(d.nama, cb.DESA.data(d.kode)) for d in chunk], 2)
    paging = []
    if page > 0:
        paging.append(_button(common.PREV, cb.DESA_PAGE.data(kecamatan_kode, page - 1)))
    if page < pages - 1:
        paging.append(_button(common.NEXT, cb.DESA_PAGE.data(kecamatan_kode, page + 1)))
    if paging:
        keyboard.append(paging)
    return InlineKeyboardMarkup([*keyboard, [_button(common.BACK, cb.BACK.data())], cancel_row()])


def choices_keyboard(desa: Sequence[Desa]) -> InlineKeyboardMarkup:
    """Desa found by a typed name, to pick from."""
    buttons = [_button(d.nama, cb.DESA.data(d.kode)) for d in desa[:8]]
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

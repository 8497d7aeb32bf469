"""Inline keyboards of registrasi: kecamatan, paged desa, SK issuer, summary, desk, jabatan."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.models.registrasi import Kim, Member
from bot.wilayah import Desa, Kecamatan
from handlers.common import labels as common
from handlers.common.keyboards import rows
from handlers.registrasi import callbacks as cb
from handlers.registrasi import labels

DESA_PER_PAGE = 8


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def cancel_row() -> list[InlineKeyboardButton]:
    """The row that leaves the registration."""
    return [_button(common.CANCEL, cb.CANCEL.data())]


def kecamatan_keyboard(kecamatan: Sequence[Kecamatan]) -> InlineKeyboardMarkup:
    """Every kecamatan of the regency, two per row."""
    buttons = [_button(k.nama, cb.KECAMATAN.data(k.kode)) for k in kecamatan]
    return InlineKeyboardMarkup([*rows(buttons, 2), cancel_row()])


def desa_keyboard(desa: Sequence[Desa], kecamatan_kode: str, page: int) -> InlineKeyboardMarkup:
    """One page of a kecamatan's desa, with paging and a way back to the kecamatan list."""
    pages = max(1, -(-len(desa) // DESA_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    chunk = desa[page * DESA_PER_PAGE : (page + 1) * DESA_PER_PAGE]
    buttons = [_button(d.nama, cb.DESA.data(d.kode)) for d in chunk]
    paging = []
    if page > 0:
        paging.append(_button(common.PREV, cb.DESA_PAGE.data(kecamatan_kode, page - 1)))
    if page < pages - 1:
        paging.append(_button(common.NEXT, cb.DESA_PAGE.data(kecamatan_kode, page + 1)))
    keyboard = rows(buttons, 2)
    if paging:
        keyboard.append(paging)
    keyboard.append([_button(common.BACK, cb.BACK.data())])
    keyboard.append(cancel_row())
    return InlineKeyboardMarkup(keyboard)


def choices_keyboard(desa: Sequence[Desa]) -> InlineKeyboardMarkup:
    """Desa found by a typed name, to pick from."""
    buttons = [_button(d.nama, cb.DESA.data(d.kode)) for d in desa[:8]]
    return InlineKeyboardMarkup([*rows(buttons, 2), cancel_row()])


def link_keyboard(kims: Sequence[Kim]) -> InlineKeyboardMarkup:
    """Offer to link the group to an imported KIM of the same desa, or to make a new one."""
    keyboard = [[_button(f"{labels.LINK}: {k.nama}"[:60], cb.LINK.data(k.id))] for k in kims[:5]]
    keyboard.append([_button(labels.NEW_KIM, cb.NEW_KIM.data())])
    return InlineKeyboardMarkup([*keyboard, cancel_row()])


def penerbit_keyboard() -> InlineKeyboardMarkup:
    """Who issued the SK."""
    buttons = [_button(name, cb.PENERBIT.data(key)) for key, name in labels.SK_PENERBIT.items()]
    return InlineKeyboardMarkup([buttons, cancel_row()])


def skip_keyboard() -> InlineKeyboardMarkup:
    """Skip the optional SK photo."""
    return InlineKeyboardMarkup([[_button(common.SKIP, cb.SKIP_FOTO.data())], cancel_row()])


def summary_keyboard() -> InlineKeyboardMarkup:
    """Confirm, change or cancel the registration."""
    return InlineKeyboardMarkup(
        [
            [
                _button(common.CONFIRM, cb.CONFIRM.data()),
                _button(common.EDIT, cb.EDIT.data()),
                _button(common.CANCEL, cb.CANCEL.data()),
            ]
        ]
    )


def edit_keyboard(linked: bool) -> InlineKeyboardMarkup:
    """Which field to change (of a link to an official KIM, only the choice and the desa)."""
    fields = labels.EDIT_FIELDS_LINK if linked else labels.EDIT_FIELDS
    buttons = [_button(name, cb.EDIT_FIELD.data(key)) for key, name in fields.items()]
    return InlineKeyboardMarkup([*rows(buttons, 2), cancel_row()])


def verification_keyboard(kim_id: int) -> InlineKeyboardMarkup:
    """The desk's buttons on a registration."""
    return InlineKeyboardMarkup(
        [
            [
                _button(labels.VERIFY, cb.VERIFY.data(kim_id)),
                _button(labels.REJECT, cb.REJECT.data(kim_id)),
            ]
        ]
    )


def link_decision_keyboard(link_id: int) -> InlineKeyboardMarkup:
    """The desk's buttons on a group's request to be an official KIM's group."""
    return InlineKeyboardMarkup(
        [
            [
                _button(labels.APPROVE_LINK, cb.APPROVE_LINK.data(link_id)),
                _button(labels.REJECT_LINK, cb.REJECT_LINK.data(link_id)),
            ]
        ]
    )


def members_keyboard(members: Sequence[Member]) -> InlineKeyboardMarkup:
    """Each member as a button, to set their position."""
    return InlineKeyboardMarkup(
        [[_button(m.nama, cb.PICK_MEMBER.data(m.user_id))] for m in members]
    )


def jabatan_keyboard(user_id: int) -> InlineKeyboardMarkup:
    """The positions a picked member can get, and "no position"."""
    buttons = [
        _button(name, cb.SET_JABATAN.data(user_id, key)) for key, name in labels.JABATAN.items()
    ]
    extra = _button(labels.NO_JABATAN, cb.SET_JABATAN.data(user_id, "-"))
    return InlineKeyboardMarkup([buttons, [extra]])

"""Inline keyboards of registrasi: kecamatan, paged desa, SK issuer, summary, desk, jabatan."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.models.registrasi import Kim, Member
from handlers.common import labels as common
from handlers.common.keyboards import rows
from handlers.common.places import PlacePicker
from handlers.registrasi import callbacks as cb
from handlers.registrasi import labels


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


# The place buttons (kecamatan, paged desa, typed desa's matches), in this codec's words.
PLACES = PlacePicker(cb.KECAMATAN, cb.DESA, cb.DESA_PAGE, cb.BACK, cb.CANCEL)


def cancel_row() -> list[InlineKeyboardButton]:
    """The row that leaves the registration."""
    return PLACES.cancel_row()


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

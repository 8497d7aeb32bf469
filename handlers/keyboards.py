"""Inline keyboards for registration: kecamatan, paged desa, SK issuer, summary."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.models import Kim
from bot.wilayah import Desa, Kecamatan
from handlers import labels

DESA_PER_PAGE = 8


def _rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def cancel_row() -> list[InlineKeyboardButton]:
    """The row that leaves the registration."""
    return [InlineKeyboardButton(labels.CANCEL, callback_data="daftar:batal")]


def kecamatan_keyboard(kecamatan: Sequence[Kecamatan]) -> InlineKeyboardMarkup:
    """Every kecamatan of the regency, two per row."""
    buttons = [
        InlineKeyboardButton(k.nama, callback_data=f"daftar:kec:{k.kode}") for k in kecamatan
    ]
    return InlineKeyboardMarkup([*_rows(buttons, 2), cancel_row()])


def desa_keyboard(desa: Sequence[Desa], kecamatan_kode: str, page: int) -> InlineKeyboardMarkup:
    """One page of a kecamatan's desa, with paging and a way back to the kecamatan list."""
    pages = max(1, -(-len(desa) // DESA_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    chunk = desa[page * DESA_PER_PAGE : (page + 1) * DESA_PER_PAGE]
    buttons = [InlineKeyboardButton(d.nama, callback_data=f"daftar:desa:{d.kode}") for d in chunk]
    paging = []
    if page > 0:
        paging.append(
            InlineKeyboardButton(
                labels.PREV, callback_data=f"daftar:hal:{kecamatan_kode}:{page - 1}"
            )
        )
    if page < pages - 1:
        paging.append(
            InlineKeyboardButton(
                labels.NEXT, callback_data=f"daftar:hal:{kecamatan_kode}:{page + 1}"
            )
        )
    rows = _rows(buttons, 2)
    if paging:
        rows.append(paging)
    rows.append([InlineKeyboardButton(labels.BACK, callback_data="daftar:kembali")])
    rows.append(cancel_row())
    return InlineKeyboardMarkup(rows)


def choices_keyboard(desa: Sequence[Desa]) -> InlineKeyboardMarkup:
    """Desa found by a typed name, to pick from."""
    buttons = [
        InlineKeyboardButton(d.nama, callback_data=f"daftar:desa:{d.kode}") for d in desa[:8]
    ]
    return InlineKeyboardMarkup([*_rows(buttons, 2), cancel_row()])


def link_keyboard(kims: Sequence[Kim]) -> InlineKeyboardMarkup:
    """Offer to link the group to an imported KIM of the same desa, or to make a new one."""
    rows = [
        [
            InlineKeyboardButton(
                f"{labels.LINK}: {k.nama}"[:60], callback_data=f"daftar:tautkan:{k.id}"
            )
        ]
        for k in kims[:5]
    ]
    rows.append([InlineKeyboardButton(labels.NEW_KIM, callback_data="daftar:baru")])
    return InlineKeyboardMarkup([*rows, cancel_row()])


def penerbit_keyboard() -> InlineKeyboardMarkup:
    """Who issued the SK."""
    buttons = [
        InlineKeyboardButton(name, callback_data=f"daftar:sk:{key}")
        for key, name in labels.SK_PENERBIT.items()
    ]
    return InlineKeyboardMarkup([buttons, cancel_row()])


def skip_keyboard() -> InlineKeyboardMarkup:
    """Skip the optional SK photo."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(labels.SKIP, callback_data="daftar:lewati")], cancel_row()]
    )


def summary_keyboard() -> InlineKeyboardMarkup:
    """Confirm, change or cancel the registration."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(labels.CONFIRM, callback_data="daftar:ok"),
                InlineKeyboardButton(labels.EDIT, callback_data="daftar:ubah"),
                InlineKeyboardButton(labels.CANCEL, callback_data="daftar:batal"),
            ]
        ]
    )


def edit_keyboard() -> InlineKeyboardMarkup:
    """Which field to change."""
    buttons = [
        InlineKeyboardButton(name, callback_data=f"daftar:ubah:{key}")
        for key, name in labels.EDIT_FIELDS.items()
    ]
    return InlineKeyboardMarkup([*_rows(buttons, 2), cancel_row()])


def verification_keyboard(kim_id: int) -> InlineKeyboardMarkup:
    """The desk's buttons on a registration."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(labels.VERIFY, callback_data=f"verif:ok:{kim_id}"),
                InlineKeyboardButton(labels.REJECT, callback_data=f"verif:tolak:{kim_id}"),
            ]
        ]
    )

"""Inline keyboards of Jaringan: directory settings, the ketua's consent, sharing, contact,
and the new event's choices."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.models.jaringan import NetworkOption, NetworkProfile
from bot.models.registrasi import Kim
from bot.wilayah import Kecamatan
from handlers.common import labels as common
from handlers.common.keyboards import rows
from handlers.jaringan import callbacks as cb
from handlers.jaringan import labels


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def settings_keyboard(profile: NetworkProfile, ketua_id: int | None) -> InlineKeyboardMarkup:
    """One switch per option, showing its state (the ketua's: asked, or agreed)."""
    keyboard = []
    for option in NetworkOption:
        on = profile.value(option)
        mark = labels.ON if on else labels.OFF
        if option == NetworkOption.KETUA and on and not profile.consented(ketua_id):
            mark = labels.WAITING
        text = f"{mark} {labels.OPTIONS[option.value]}"
        keyboard.append([_button(text, cb.SETTING.data(option.value))])
    return InlineKeyboardMarkup(keyboard)


def consent_keyboard(kim_id: int) -> InlineKeyboardMarkup:
    """The ketua's answer: show their username in /jaringan, or not."""
    return InlineKeyboardMarkup(
        [[_button(labels.CONSENT_YES, cb.CONSENT.data(kim_id, "ya")),
          _button(labels.CONSENT_NO, cb.CONSENT.data(kim_id, "tidak"))]]
    )  # fmt: skip


def withdraw_keyboard(kim_id: int) -> InlineKeyboardMarkup:
    """The ketua's way back."""
    return InlineKeyboardMarkup([[_button(labels.WITHDRAW, cb.WITHDRAW.data(kim_id))]])


def scope_keyboard(report_id: int) -> InlineKeyboardMarkup:
    """Share with every opted-in KIM, or with those of chosen kecamatan."""
    return InlineKeyboardMarkup(
        [[_button(labels.SCOPE_ALL, cb.SCOPE_ALL.data(report_id))],
         [_button(labels.SCOPE_PICK, cb.SCOPE_PICK.data(report_id))]]
    )  # fmt: skip


def kecamatan_toggles(report_id: int, kecamatan: Sequence[Kecamatan],
                      chosen: Sequence[str]) -> InlineKeyboardMarkup:  # fmt: skip
    """Every kecamatan, ticked when chosen, and the button that sends the choice."""
    buttons = [
        _button(f"{labels.ON if k.kode in chosen else labels.OFF} {k.nama}",
                cb.TOGGLE_KECAMATAN.data(report_id, k.kode))
        for k in kecamatan
    ]  # fmt: skip
    send = [_button(labels.SEND, cb.SEND.data(report_id))]
    return InlineKeyboardMarkup([*rows(buttons, 2), send])


def share_decision_keyboard(report_id: int) -> InlineKeyboardMarkup:
    """The desk's decision on a share."""
    return InlineKeyboardMarkup(
        [[_button(labels.APPROVE, cb.APPROVE.data(report_id)),
          _button(labels.DECLINE, cb.DECLINE.data(report_id))]]
    )  # fmt: skip


def contact_keyboard(request_id: int) -> InlineKeyboardMarkup:
    """The sharing KIM's admins accept or decline a contact request."""
    return InlineKeyboardMarkup(
        [[_button(labels.ACCEPT, cb.ACCEPT.data(request_id)),
          _button(labels.REFUSE, cb.REFUSE.data(request_id))]]
    )  # fmt: skip


def agenda_kinds() -> InlineKeyboardMarkup:
    """What kind of event."""
    buttons = [_button(name, cb.KIND.data(key)) for key, name in labels.AGENDA_KINDS.items()]
    return InlineKeyboardMarkup([*rows(buttons, 2), _cancel_row()])


def agenda_scopes(choices: dict[str, str]) -> InlineKeyboardMarkup:
    """Which KIMs an event concerns (Diskominfo's choices, or a KIM admin's)."""
    buttons = [[_button(name, cb.SCOPE.data(key))] for key, name in choices.items()]
    return InlineKeyboardMarkup([*buttons, _cancel_row()])


def agenda_kecamatan(kecamatan: Sequence[Kecamatan]) -> InlineKeyboardMarkup:
    """The kecamatan whose KIMs an event concerns."""
    buttons = [_button(k.nama, cb.KECAMATAN.data(k.kode)) for k in kecamatan]
    return InlineKeyboardMarkup([*rows(buttons, 2), _cancel_row()])


def agenda_kims(kims: Sequence[Kim]) -> InlineKeyboardMarkup:
    """The verified KIMs of one kecamatan, for Diskominfo's event that concerns one of them."""
    buttons = [_button(k.nama, cb.TARGET_KIM.data(k.id)) for k in kims]
    return InlineKeyboardMarkup([*rows(buttons, 1), _cancel_row()])


def agenda_summary() -> InlineKeyboardMarkup:
    """Save or cancel the new event."""
    return InlineKeyboardMarkup(
        [[_button(labels.SAVE, cb.SAVE.data()), _button(common.CANCEL, cb.CANCEL.data())]]
    )


def _cancel_row() -> list[InlineKeyboardButton]:
    return [_button(common.CANCEL, cb.CANCEL.data())]

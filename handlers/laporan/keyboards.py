"""Laporan's inline keyboards: months, kecamatan, a kecamatan's KIMs."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.models.laporan import Month, ReportKim
from broadcasts.laporan.document import month_name
from handlers.laporan import callbacks as cb
from handlers.laporan import labels

Row = list[InlineKeyboardButton]
PER_ROW = 2


def _cancel() -> Row:
    return [InlineKeyboardButton(labels.CANCEL, callback_data=cb.CANCEL.data())]


def _rows(buttons: Sequence[InlineKeyboardButton]) -> list[Row]:
    return [list(buttons[i : i + PER_ROW]) for i in range(0, len(buttons), PER_ROW)]


def months(choices: Sequence[Month]) -> InlineKeyboardMarkup:
    """One button per month, newest first."""
    buttons = [InlineKeyboardButton(month_name(m), callback_data=cb.MONTH.data(str(m)))
               for m in choices]  # fmt: skip
    return InlineKeyboardMarkup([*_rows(buttons), _cancel()])


def kecamatan(choices: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    """Every kecamatan (kode, name) with KIMs, after "all"."""
    everything = [InlineKeyboardButton(labels.SCOPE_ALL, callback_data=cb.ALL.data())]
    buttons = [InlineKeyboardButton(name, callback_data=cb.KECAMATAN.data(kode))
               for kode, name in choices]  # fmt: skip
    return InlineKeyboardMarkup([everything, *_rows(buttons), _cancel()])


def kims(kode: str, choices: Sequence[ReportKim]) -> InlineKeyboardMarkup:
    """The whole kecamatan, then each of its KIMs."""
    whole = [InlineKeyboardButton(labels.SCOPE_WHOLE, callback_data=cb.WHOLE.data(kode))]
    buttons = [InlineKeyboardButton(k.nama[:60], callback_data=cb.KIM.data(k.id))
               for k in choices]  # fmt: skip
    return InlineKeyboardMarkup([whole, *_rows(buttons), _cancel()])

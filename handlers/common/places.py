"""Choosing a place from the shipped wilayah data, for every conversation that asks for one
(registrasi's KIM, aspirasi's ticket): kecamatan buttons, a kecamatan's desa as paged buttons
by official code, or a typed desa name matched within the kecamatan.

Each activity keeps its own callback data (its codec's actions) and steps; `PlacePicker`
builds the keyboards from those actions and does the two steps that are the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.user_text import clean
from bot.wilayah import Desa, Kecamatan
from handlers.common import labels as common
from handlers.common.codec import Action
from handlers.common.keyboards import rows
from handlers.common.replies import answer, callback_data, message_text, reply

DESA_PER_PAGE = 8
CHOICES = 8  # desa offered for a typed name
TYPED_LIMIT = 100  # characters of a typed name looked at


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


@dataclass(frozen=True)
class PlacePicker:
    """The place buttons of one conversation, spelled with its own codec's actions."""

    kecamatan: Action  # one value: the kecamatan's code
    desa: Action  # one value: the desa's code
    desa_page: Action  # two values: the kecamatan's code and the page
    back: Action  # from the desa list to the kecamatan list
    cancel: Action  # leaves the conversation

    def cancel_row(self) -> list[InlineKeyboardButton]:
        """The row that leaves the conversation."""
        return [_button(common.CANCEL, self.cancel.data())]

    def kecamatan_keyboard(self, kecamatan: Sequence[Kecamatan]) -> InlineKeyboardMarkup:
        """Every kecamatan of the regency, two per row."""
        buttons = [_button(k.nama, self.kecamatan.data(k.kode)) for k in kecamatan]
        return InlineKeyboardMarkup([*rows(buttons, 2), self.cancel_row()])

    def desa_keyboard(self, desa: Sequence[Desa], kode: str, page: int) -> InlineKeyboardMarkup:
        """One page of a kecamatan's desa, with paging and a way back to the kecamatan list."""
        pages = max(1, -(-len(desa) // DESA_PER_PAGE))
        page = min(max(page, 0), pages - 1)
        chunk = desa[page * DESA_PER_PAGE : (page + 1) * DESA_PER_PAGE]
        keyboard = rows([_button(d.nama, self.desa.data(d.kode)) for d in chunk], 2)
        paging = []
        if page > 0:
            paging.append(_button(common.PREV, self.desa_page.data(kode, page - 1)))
        if page < pages - 1:
            paging.append(_button(common.NEXT, self.desa_page.data(kode, page + 1)))
        if paging:
            keyboard.append(paging)
        back = [_button(common.BACK, self.back.data())]
        return InlineKeyboardMarkup([*keyboard, back, self.cancel_row()])

    def choices_keyboard(self, desa: Sequence[Desa]) -> InlineKeyboardMarkup:
        """Desa found by a typed name, to pick from."""
        buttons = [_button(d.nama, self.desa.data(d.kode)) for d in desa[:CHOICES]]
        return InlineKeyboardMarkup([*rows(buttons, 2), self.cancel_row()])

    async def turn_desa_page(self, update: Update, context: BotContext) -> None:
        """‹ › under the desa list: the next page, edited in place."""
        kode, page = self.desa_page.parse(callback_data(update)) or ("", "0")
        await answer(update)
        markup = self.desa_keyboard(context.region.desa_of(kode), kode, int(page))
        if update.callback_query and update.callback_query.message:
            await update.callback_query.edit_message_reply_markup(markup)

    async def find_typed_desa(
        self, update: Update, context: BotContext, kecamatan_kode: str | None
    ) -> None:
        """A typed desa name: the matches within the chosen kecamatan, or why there are none."""
        typed = clean(message_text(update))[:TYPED_LIMIT]
        found = context.region.find_desa(typed, kecamatan_kode)
        if not found:
            await reply(update, context, "common/desa_not_found", text=typed)
            return
        await reply(update, context, "common/desa_choices", self.choices_keyboard(found))

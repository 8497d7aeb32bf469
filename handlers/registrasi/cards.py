"""The verification cards: every message that shows a waiting KIM with Verifikasi / Tolak.

Cards go to the desk (or to each admin without one) and to whoever asks /verifikasi; each
one is remembered (bot/store, kim_card). Once the KIM is decided — by a button in the desk,
or by a reason typed in another admin's private chat — every card shows the decision and
loses its buttons, so that nobody decides the same KIM twice from an old card.
"""

from __future__ import annotations

import contextlib
from typing import Any

from telegram import Message, Update
from telegram.error import TelegramError

from bot.context import BotContext
from bot.models.registrasi import Kim


def card_values(context: BotContext, kim: Kim) -> dict[str, Any]:
    """What a KIM's card shows besides the KIM itself: its kecamatan and desa."""
    return {
        "kim": kim,
        "kecamatan": context.region.kecamatan_by_code(kim.kecamatan_kode),
        "desa": context.region.desa_by_code(kim.desa_kode),
    }


async def remember(context: BotContext, kim: Kim, card: Message) -> None:
    """Keep a card that was just shown, to show the decision on it later."""
    await context.store.remember_kim_card(kim.id, card.chat_id, card.message_id)


async def show_decision(context: BotContext, kim: Kim, by: str | None) -> None:
    """Replace the buttons of every card of the KIM with the decision."""
    cards = {(c.chat_id, c.message_id) for c in await context.store.take_kim_cards(kim.id)}
    desk = context.config.desk_chat_id
    if desk is not None and kim.desk_message_id is not None:  # shown before cards were kept
        cards.add((desk, kim.desk_message_id))
    text = _decided(context, kim, by)
    for chat_id, message_id in sorted(cards):
        with contextlib.suppress(TelegramError):  # deleted, or already showing the decision
            await context.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)


async def show_decision_here(update: Update, context: BotContext, kim: Kim) -> None:
    """A pressed card of a KIM decided earlier: show it as decided, without buttons."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    with contextlib.suppress(TelegramError):
        await query.edit_message_text(_decided(context, kim, None))


def _decided(context: BotContext, kim: Kim, by: str | None) -> str:
    return context.texts.render("registrasi/verifikasi/decided", by=by, **card_values(context, kim))

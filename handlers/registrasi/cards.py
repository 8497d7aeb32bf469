"""The verification cards: every message that shows a waiting KIM with Verifikasi / Tolak.

Cards go to the desk (or to each admin without one) and to whoever asks /verifikasi; each
one is remembered (bot/store, kim_card). Once the KIM is decided — by a button in the desk,
or by a reason typed in another admin's private chat — every card shows the decision and
loses its buttons, so that nobody decides the same KIM twice from an old card. Those edits
are queued in the outbox in the decision's own transaction: they happen after any crash.
"""

from __future__ import annotations

import contextlib
from typing import Any

from telegram import Message, Update
from telegram.error import TelegramError

from bot.context import BotContext
from bot.models.registrasi import Kim
from bot.outbox import OutboxMessage, edit_text


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


async def decision_edits(context: BotContext, kim: Kim) -> list[OutboxMessage]:
    """Edits that show the decision on every card of the KIM; the cards are forgotten.

    Called inside the decision's transaction: if it rolls back, the cards stay remembered.
    """
    cards = {(c.chat_id, c.message_id) for c in await context.store.take_kim_cards(kim.id)}
    desk = context.config.desk_chat_id
    if desk is not None and kim.desk_message_id is not None:  # shown before cards were kept
        cards.add((desk, kim.desk_message_id))
    text = decided_text(context, kim)
    return [edit_text(chat_id, message_id, text) for chat_id, message_id in sorted(cards)]


async def show_decision_here(update: Update, context: BotContext, kim: Kim) -> None:
    """A pressed card of a KIM decided earlier: show it as decided, without buttons."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    with contextlib.suppress(TelegramError):  # deleted, or already showing the decision
        await query.edit_message_text(decided_text(context, kim))


def decided_text(context: BotContext, kim: Kim) -> str:
    """A card's text once its KIM is decided: the outcome, who decided and when."""
    return context.texts.render("registrasi/verifikasi/decided", **card_values(context, kim))

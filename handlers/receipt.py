"""Receipts: a KIM confirms that it passed a broadcast on to citizens (Diseminasi).

"Sudah disebarluaskan" under a broadcast in a KIM group (any registered member of that KIM;
who confirmed is recorded) → how many citizens were reached (typed, as a reply) → through
which channel (buttons) → saved. A second confirmation by the same KIM is politely refused.
"""

from __future__ import annotations

import html
from enum import IntEnum
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.models import Kim
from broadcasts import labels
from handlers.common import (
    alert,
    answer,
    ask_text,
    callback_data,
    end_scratch,
    message_text,
    reply,
    scratch,
)

SCRATCH = "sebar"
MAX_CITIZENS = 1_000_000


class Step(IntEnum):
    """The receipt conversation's states."""

    COUNT = 0
    CHANNEL = 1


async def start(update: Update, context: BotContext) -> int:
    """Begin confirming a run for this group's KIM, if the presser is one of its members."""
    run_id = int(callback_data(update).removeprefix("sebar:"))
    kim = await _own_kim(update, context, run_id)
    if kim is None:
        return _end(context)
    receipt = await context.store.receipt(run_id, kim.id)
    if receipt is not None:
        await _alert(update, context, "receipt/already_alert", receipt=receipt)
        return _end(context)
    await answer(update)
    assert context.user_data is not None
    context.user_data[SCRATCH] = {"run_id": run_id, "kim_id": kim.id}
    await reply(update, context, "receipt/ask_count", ask_text("Jumlah warga, mis. 45"))
    return Step.COUNT


async def save_count(update: Update, context: BotContext) -> int:
    """Take the number of citizens reached, then ask for the channel."""
    text = message_text(update).replace(".", "").replace(" orang", "")
    if not text.isdigit() or int(text) > MAX_CITIZENS:
        await reply(update, context, "receipt/bad_count", ask_text("Jumlah warga, mis. 45"))
        return Step.COUNT
    _scratch(context)["citizens"] = int(text)
    await reply(update, context, "receipt/ask_channel", _channel_keyboard(), citizens=int(text))
    return Step.CHANNEL


async def save_channel(update: Update, context: BotContext) -> int:
    """Save the confirmation with its channel and thank the KIM."""
    user = update.effective_user
    channel = callback_data(update).removeprefix("sebar:kanal:")
    scratch = _scratch(context)
    if user is None or channel not in labels.CHANNELS or "citizens" not in scratch:
        await alert(update, context, "common/unknown_choice")
        return Step.CHANNEL
    run_id, kim_id, citizens = scratch["run_id"], scratch["kim_id"], scratch["citizens"]
    saved = await context.store.add_receipt(run_id, kim_id, citizens, channel, user.id)
    await answer(update)
    query = update.callback_query
    if query and query.message:
        await query.edit_message_reply_markup(None)
    receipt = await context.store.receipt(run_id, kim_id)
    template = "receipt/saved" if saved else "receipt/already"
    await reply(update, context, template, receipt=receipt, channels=labels.CHANNELS, user=user)
    return _end(context)


async def expect_count(update: Update, context: BotContext) -> int:
    """Explain that a number is wanted, as a reply."""
    await reply(update, context, "receipt/bad_count", ask_text("Jumlah warga, mis. 45"))
    return Step.COUNT


async def expect_channel(update: Update, context: BotContext) -> int:
    """Explain that a channel button is wanted."""
    await reply(update, context, "receipt/use_buttons")
    return Step.CHANNEL


async def cancel(update: Update, context: BotContext) -> int:
    """Leave the confirmation; nothing is saved."""
    await answer(update)
    query = update.callback_query
    if query and query.message:
        await query.edit_message_reply_markup(None)
    await reply(update, context, "receipt/cancelled")
    return _end(context)


async def busy_elsewhere(update: Update, context: BotContext) -> None:
    """Channel buttons of a confirmation that belongs to another member (or is over)."""
    await _alert(update, context, "receipt/not_yours_alert")


async def _own_kim(update: Update, context: BotContext, run_id: int) -> Kim | None:
    """The group's KIM, if the run went to it and the presser is a member; else alert."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    kim = await context.store.kim_by_chat(chat.id)
    if kim is None or await context.store.delivery(run_id, kim.id) is None:
        await _alert(update, context, "receipt/wrong_group_alert")
        return None
    member_of = await context.store.kim_of_member(user.id)
    if member_of is None or member_of.id != kim.id:
        await _alert(update, context, "receipt/not_member_alert", kim=kim)
        return None
    return kim


async def _alert(update: Update, context: BotContext, template: str, **values: Any) -> None:
    # Alerts are plain text: undo the HTML escaping of the template.
    text = html.unescape(context.texts.render(template, **values))
    await answer(update, text[:200], alert=True)


def _scratch(context: BotContext) -> dict[str, Any]:
    return scratch(context, SCRATCH)


def _end(context: BotContext) -> int:
    return end_scratch(context, SCRATCH)


def _channel_keyboard() -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(label, callback_data=f"sebar:kanal:{key}")
        for key, label in labels.CHANNELS.items()
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([InlineKeyboardButton(labels.CANCEL, callback_data="sebar:batal")])
    return InlineKeyboardMarkup(rows)

"""Receipts: a KIM confirms that it passed a broadcast on to citizens (Diseminasi).

"Sudah disebarluaskan" under a broadcast in a KIM group (any registered member of that KIM;
who confirmed is recorded) → how many citizens were reached (typed, as a reply) → through
which channel (buttons) → saved. A second confirmation by the same KIM is politely refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from telegram import Update

from bot.context import BotContext
from bot.models.registrasi import Kim
from handlers.common.draft import DraftSlot, JsonDraft
from handlers.common.replies import (
    alert,
    answer,
    ask_text,
    callback_data,
    message_text,
    reply,
    retire_buttons,
)
from handlers.diseminasi import callbacks as cb
from handlers.diseminasi import keyboards, labels

MAX_CITIZENS = 1_000_000


class Step(IntEnum):
    """The receipt conversation's states."""

    COUNT = 0
    CHANNEL = 1


@dataclass
class ReceiptDraft(JsonDraft):
    """The run being confirmed, for which KIM, and how many citizens it reached."""

    run_id: int = 0
    kim_id: int = 0
    citizens: int | None = None


DRAFT = DraftSlot("sebar", ReceiptDraft)


async def start(update: Update, context: BotContext) -> int:
    """Begin confirming a run for this group's KIM, if the presser is one of its members."""
    (raw_id,) = cb.RECEIPT.parse(callback_data(update)) or ("0",)
    run_id = int(raw_id)
    kim = await _own_kim(update, context, run_id)
    if kim is None:
        return DRAFT.clear(context)
    receipt = await context.store.receipt(run_id, kim.id)
    if receipt is not None:
        viewer = update.effective_user.id if update.effective_user else 0
        await alert(update, context, "diseminasi/receipt/already_alert", receipt=receipt,
                    viewer=viewer)  # fmt: skip
        return DRAFT.clear(context)
    await answer(update)
    DRAFT.save(context, ReceiptDraft(run_id, kim.id))
    await reply(update, context, "diseminasi/receipt/ask_count", ask_text(labels.ASK_CITIZENS))
    return Step.COUNT


async def save_count(update: Update, context: BotContext) -> int:
    """Take the number of citizens reached, then ask for the channel."""
    text = message_text(update).replace(".", "").replace(" orang", "")
    if not text.isdigit() or int(text) > MAX_CITIZENS:
        await reply(update, context, "diseminasi/receipt/bad_count", ask_text(labels.ASK_CITIZENS))
        return Step.COUNT
    with DRAFT.edit(context) as draft:
        draft.citizens = int(text)
    markup = keyboards.channel_keyboard()
    await reply(update, context, "diseminasi/receipt/ask_channel", markup, citizens=int(text))
    return Step.CHANNEL


async def save_channel(update: Update, context: BotContext) -> int:
    """Save the confirmation with its channel and thank the KIM."""
    user = update.effective_user
    (channel,) = cb.CHANNEL.parse(callback_data(update)) or ("",)
    draft = DRAFT.load(context)
    if user is None or channel not in labels.CHANNELS or draft.citizens is None:
        await alert(update, context, "common/unknown_choice")
        return Step.CHANNEL
    run_id, kim_id, citizens = draft.run_id, draft.kim_id, draft.citizens
    saved = await context.store.add_receipt(run_id, kim_id, citizens, channel, user.id)
    await answer(update)
    query = update.callback_query
    if query and query.message:
        await query.edit_message_reply_markup(None)
    receipt = await context.store.receipt(run_id, kim_id)
    template = "diseminasi/receipt/saved" if saved else "diseminasi/receipt/already"
    await reply(update, context, template, receipt=receipt, channels=labels.CHANNELS, user=user)
    return DRAFT.clear(context)


async def expect_count(update: Update, context: BotContext) -> int:
    """Explain that a number is wanted, as a reply."""
    await reply(update, context, "diseminasi/receipt/bad_count", ask_text(labels.ASK_CITIZENS))
    return Step.COUNT


async def expect_channel(update: Update, context: BotContext) -> int:
    """Explain that a channel button is wanted."""
    await reply(update, context, "diseminasi/receipt/use_buttons")
    return Step.CHANNEL


async def cancel(update: Update, context: BotContext) -> int:
    """Leave the confirmation; nothing is saved."""
    await answer(update)
    query = update.callback_query
    if query and query.message:
        await query.edit_message_reply_markup(None)
    await reply(update, context, "diseminasi/receipt/cancelled")
    return DRAFT.clear(context)


async def busy_elsewhere(update: Update, context: BotContext) -> None:
    """Channel buttons outside their step: another member's confirmation, or one that is over."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    assert user is not None
    kim = await context.store.kim_by_chat(chat.id)
    if kim and DRAFT.held_by_others(context, user.id, lambda draft: draft.kim_id == kim.id):
        await alert(update, context, "diseminasi/receipt/not_yours_alert")
        return
    await retire_buttons(update, context, "diseminasi/receipt/step_over")


async def _own_kim(update: Update, context: BotContext, run_id: int) -> Kim | None:
    """The group's KIM, if the run went to it and the presser is a member; else alert."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    assert user is not None
    kim = await context.store.kim_by_chat(chat.id)
    if kim is None or await context.store.delivery(run_id, kim.id) is None:
        await alert(update, context, "diseminasi/receipt/wrong_group_alert")
        return None
    member_of = await context.store.kim_of_member(user.id)
    if member_of is None or member_of.id != kim.id:
        await alert(update, context, "diseminasi/receipt/not_member_alert", kim=kim)
        return None
    return kim

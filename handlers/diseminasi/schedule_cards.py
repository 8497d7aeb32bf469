"""/jadwal: scheduled and recurring broadcasts, with pause, resume and cancel (broadcasters).

Each broadcast is one card: what, to whom, when next, and per recent run how many KIMs it
reached, how many confirmed and how many citizens they reached. Its buttons (callbacks.CHANGE)
change it and edit the card in place.
"""

from __future__ import annotations

import contextlib

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.models.diseminasi import Broadcast, BroadcastStatus
from bot.models.people import Role
from bot.store import utcnow
from broadcasts.diseminasi.schedule import plan, unschedule
from broadcasts.diseminasi.siaran import next_run
from handlers.common.access import has_role
from handlers.common.replies import alert, callback_data, drop_keyboard, reply, toast
from handlers.diseminasi import callbacks as cb
from handlers.diseminasi import keyboards, labels

S = BroadcastStatus
ACTIVE = (S.SCHEDULED, S.PAUSED)


async def list_schedules(update: Update, context: BotContext) -> None:
    """Show every scheduled or paused broadcast, and the latest finished ones, as cards."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None
    assert chat is not None
    if not await has_role(context, user.id, Role.BROADCASTER):
        await reply(update, context, "diseminasi/jadwal/not_broadcaster")
        return
    active = await context.store.list_broadcasts(ACTIVE, 20)
    finished = await context.store.list_broadcasts([S.DONE, S.CANCELLED], 5)
    await reply(update, context, "diseminasi/jadwal/header", active=active, finished=finished)
    for broadcast in [*active, *finished]:
        text, markup = await _card(context, broadcast)
        await context.bot.send_message(chat.id, text, reply_markup=markup)


async def change(update: Update, context: BotContext) -> None:
    """Pause, resume or cancel a broadcast and refresh its card."""
    user, query = update.effective_user, update.callback_query
    assert user is not None
    assert query is not None
    if not await has_role(context, user.id, Role.BROADCASTER):
        await alert(update, context, "diseminasi/jadwal/not_broadcaster_alert")
        return
    action, raw_id = cb.CHANGE.parse(callback_data(update)) or ("", "0")
    updated = await _apply(context, action, int(raw_id))
    if updated is None:
        # Changed elsewhere meanwhile: show the card as it now is, with the buttons that fit.
        await alert(update, context, "diseminasi/jadwal/unchanged_alert")
        current = await context.store.get_broadcast(int(raw_id))
        if current is None:
            await drop_keyboard(update)
            return
        updated = current
    else:
        await toast(update, context, "diseminasi/jadwal/changed_alert", action=action)
    text, markup = await _card(context, updated)
    if query.message:
        with contextlib.suppress(BadRequest):  # the card already shows just this
            await query.edit_message_text(text, reply_markup=markup)


async def _apply(context: BotContext, action: str, broadcast_id: int) -> Broadcast | None:
    """The broadcast after the action, or None when its status did not allow it."""
    store, now = context.store, utcnow()
    if action == "pause":
        unschedule(context, broadcast_id)
        return await store.change_broadcast(broadcast_id, S.PAUSED, [S.SCHEDULED])
    if action == "cancel":
        unschedule(context, broadcast_id)
        return await store.change_broadcast(broadcast_id, S.CANCELLED, ACTIVE)
    current = await store.get_broadcast(broadcast_id)
    if action != "resume" or current is None or current.status != S.PAUSED:
        return None
    resume_at = next_run(current.schedule, now, context.config.timezone)
    if resume_at is None:  # a one-off whose time passed while paused goes out now
        resume_at = max(current.next_run_at or now, now)
    resumed = await store.change_broadcast(broadcast_id, S.SCHEDULED, [S.PAUSED], resume_at)
    if resumed is not None:
        await plan(context, resumed, now)
    return await store.get_broadcast(broadcast_id)


async def _card(context: BotContext, broadcast: Broadcast) -> tuple[str, InlineKeyboardMarkup]:
    """A broadcast's card text and its buttons."""
    stats = await context.store.run_stats(broadcast.id, 3)
    text = context.texts.render(
        "diseminasi/jadwal/card",
        broadcast=broadcast,
        stats=stats,
        labels=labels,
        schedule=broadcast.schedule,
        weekdays=labels.WEEKDAYS,
    )
    return text, keyboards.card_keyboard(broadcast)

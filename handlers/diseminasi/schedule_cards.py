"""/jadwal: scheduled and recurring broadcasts, with pause, resume and cancel (broadcasters).

Each broadcast is one card: what, to whom, when next, and per recent run how many KIMs it
reached, how many confirmed and how many citizens they reached. /jadwal shows one card at a
time, every scheduled or paused broadcast then the latest finished ones, turned in place with
‹ › (callbacks.SCHEDULES_PAGE). Its buttons (callbacks.CHANGE) change it and edit the card.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.models.diseminasi import Broadcast, BroadcastStatus
from bot.models.people import Role
from bot.store import utcnow
from broadcasts.diseminasi.schedule import plan, unschedule
from broadcasts.diseminasi.siaran import next_run
from handlers.common.access import has_role
from handlers.common.pager import Page, fit, keyboard, page_number, show
from handlers.common.replies import (
    alert,
    answer,
    callback_data,
    reply,
    retire_buttons,
    toast,
)
from handlers.diseminasi import callbacks as cb
from handlers.diseminasi import keyboards, labels

S = BroadcastStatus
ACTIVE = (S.SCHEDULED, S.PAUSED)
FINISHED_SHOWN = 5


async def list_schedules(update: Update, context: BotContext) -> None:
    """/jadwal and its ‹ ›: one broadcast's card, active ones first, then the latest finished."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.BROADCASTER):
        if update.callback_query:
            await alert(update, context, "diseminasi/jadwal/not_broadcaster_alert")
        else:
            await reply(update, context, "diseminasi/jadwal/not_broadcaster")
        return
    await answer(update)
    active, finished = await _listed(context)
    if not active and not finished:
        await show(update, context, context.texts.render("diseminasi/jadwal/empty"), None)
        return
    number = page_number(update, cb.SCHEDULES_PAGE)
    await _show_page(update, context, (active, finished), number)


async def _listed(context: BotContext) -> tuple[list[Broadcast], list[Broadcast]]:
    """Every scheduled or paused broadcast, and the latest finished ones, newest first."""
    active = await context.store.list_broadcasts(ACTIVE, None)
    finished = await context.store.list_broadcasts([S.DONE, S.CANCELLED], FINISHED_SHOWN)
    return active, finished


async def _show_page(
    update: Update, context: BotContext, listed: tuple[list[Broadcast], list[Broadcast]],
    number: int,
) -> None:  # fmt: skip
    """Show card `number` of the list under a line that counts the list, with ‹ ›."""
    active, finished = listed
    page = Page.of(number, len(active) + len(finished), 1)
    (broadcast,) = page.rows([*active, *finished])
    values = await _card_values(context, broadcast)
    text = context.texts.render("diseminasi/jadwal/page", page=page, active=len(active),
                                finished=len(finished), **values)  # fmt: skip
    above = keyboards.card_keyboard(broadcast).inline_keyboard
    await show(update, context, fit(text), keyboard(page, cb.SCHEDULES_PAGE, above=above))


async def change(update: Update, context: BotContext) -> None:
    """Pause, resume or cancel a broadcast and refresh its card."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.BROADCASTER):
        await alert(update, context, "diseminasi/jadwal/not_broadcaster_alert")
        return
    action, raw_id = cb.CHANGE.parse(callback_data(update)) or ("", "0")
    updated = await _apply(context, action, int(raw_id), user.id)
    if updated is None:
        # Changed elsewhere meanwhile: say by whom and when, show the card as it now is.
        updated = await context.store.get_broadcast(int(raw_id))
        if updated is None:
            await retire_buttons(update, context, "diseminasi/jadwal/gone_alert", id=raw_id)
            return
        await alert(update, context, "diseminasi/jadwal/unchanged_alert", broadcast=updated,
                    viewer=user.id)  # fmt: skip
    else:
        await toast(update, context, "diseminasi/jadwal/changed_alert", action=action)
    active, finished = await _listed(context)
    ids = [b.id for b in (*active, *finished)]
    if updated.id in ids:  # the card keeps its place in the list, and its ‹ ›
        await _show_page(update, context, (active, finished), ids.index(updated.id))
        return
    text, markup = await _card(context, updated)
    await show(update, context, text, markup)


async def _apply(context: BotContext, action: str, broadcast_id: int, by: int) -> Broadcast | None:
    """The broadcast after the action, or None when its status did not allow it.

    The stored status is the decision; the job follows it (a job that fires in between finds
    the broadcast no longer scheduled and does nothing)."""
    store, now = context.store, utcnow()
    if action in ("pause", "cancel"):
        status, allowed = (S.PAUSED, [S.SCHEDULED]) if action == "pause" else (S.CANCELLED, ACTIVE)
        changed = await store.change_broadcast(broadcast_id, status, allowed, by=by)
        if changed is not None:
            unschedule(context, broadcast_id)
        return changed
    current = await store.get_broadcast(broadcast_id)
    if action != "resume" or current is None or current.status != S.PAUSED:
        return None
    resume_at = next_run(current.schedule, now, context.config.timezone)
    if resume_at is None:  # a one-off whose time passed while paused goes out now
        resume_at = max(current.next_run_at or now, now)
    resumed = await store.change_broadcast(broadcast_id, S.SCHEDULED, [S.PAUSED], resume_at, by=by)
    if resumed is None:
        return None
    await plan(context, resumed, now)
    return await store.get_broadcast(broadcast_id)


async def _card_values(context: BotContext, broadcast: Broadcast) -> dict[str, Any]:
    """What the card template shows of a broadcast."""
    stats = await context.store.run_stats(broadcast.id, 3)
    return {"broadcast": broadcast, "stats": stats, "labels": labels,
            "schedule": broadcast.schedule, "weekdays": labels.WEEKDAYS}  # fmt: skip


async def _card(context: BotContext, broadcast: Broadcast) -> tuple[str, InlineKeyboardMarkup]:
    """A broadcast's card text and its buttons."""
    values = await _card_values(context, broadcast)
    text = fit(context.texts.render("diseminasi/jadwal/card", **values))
    return text, keyboards.card_keyboard(broadcast)

"""/siaran, second half: when it goes out, the preview for one real KIM, and confirmation.

Time: now, a date and time in WIB (not in the past), or daily / weekly (weekday) / monthly
(day of month, clamped to month end) at a time of day. Confirming saves the broadcast and
either runs it at once or plans its job (broadcasts.schedule).
"""

from __future__ import annotations

import asyncio
from datetime import datetime, tzinfo
from typing import Any

from telegram import Update
from telegram.error import TelegramError

from bot.context import BotContext
from bot.dates import parse_date_id, parse_time_id
from bot.models.diseminasi import ScheduleKind
from bot.models.people import Role
from bot.models.registrasi import Kim
from bot.store import utcnow
from bot.texts import TemplateInputError
from broadcasts.diseminasi.schedule import plan, run_due, target_kims
from broadcasts.diseminasi.siaran import (
    KimVars,
    first_too_long,
    kim_vars,
    limit_of,
    local_moment,
    message_for,
    next_run,
    render,
)
from handlers.common.access import has_role
from handlers.common.replies import alert, answer, callback_data, close_buttons, message_text, reply
from handlers.diseminasi import callbacks as cb
from handlers.diseminasi import labels
from handlers.diseminasi.draft import DRAFT, SiaranDraft, Step
from handlers.diseminasi.keyboards import (
    confirm_keyboard,
    target_keyboard,
    time_keyboard,
    weekday_keyboard,
)

NOW = "now"  # the "Kirim sekarang" choice: once, at once
_ASK = {
    ScheduleKind.ONCE: ("diseminasi/siaran/ask_datetime", Step.DATETIME),
    ScheduleKind.MONTHLY: ("diseminasi/siaran/ask_monthday", Step.MONTHDAY),
    ScheduleKind.DAILY: ("diseminasi/siaran/ask_clock", Step.CLOCK),
}


async def ask_time(update: Update, context: BotContext) -> int:
    """Ask when the broadcast goes out."""
    await reply(update, context, "diseminasi/siaran/ask_time", time_keyboard())
    return Step.TIME


async def choose_time(update: Update, context: BotContext) -> int:
    """Take now / once / daily / weekly / monthly and ask what that one needs."""
    (key,) = cb.TIME.parse(callback_data(update)) or ("",)
    if key not in labels.TIMES:
        await alert(update, context, "common/unknown_choice")
        return Step.TIME
    await answer(update)
    await close_buttons(update, context, labels.CHOSEN_TIME, labels.TIMES[key])
    kind = ScheduleKind.ONCE if key == NOW else ScheduleKind(key)
    with DRAFT.edit(context) as draft:
        draft.plan(kind)
    if key == NOW:
        return await show_preview(update, context)
    if kind == ScheduleKind.WEEKLY:
        await reply(update, context, "diseminasi/siaran/ask_weekday", weekday_keyboard())
        return Step.WEEKDAY
    template, step = _ASK[kind]
    await reply(update, context, template)
    return step


async def save_datetime(update: Update, context: BotContext) -> int:
    """Take "17/08/2026 14.30" (WIB); a time in the past is refused and asked again."""
    moment = _parse_datetime(message_text(update)[:60], context.config.timezone)
    if moment is None or moment <= utcnow():
        await reply(update, context, "diseminasi/siaran/bad_datetime", past=moment is not None)
        return Step.DATETIME
    with DRAFT.edit(context) as draft:
        draft.run_at = moment.isoformat()
    return await show_preview(update, context)


async def save_weekday(update: Update, context: BotContext) -> int:
    """Take the weekday of a weekly broadcast, then ask the time of day."""
    (day,) = cb.WEEKDAY.parse(callback_data(update)) or ("0",)
    await answer(update)
    weekday = int(day)
    with DRAFT.edit(context) as draft:
        draft.weekday = weekday
    await close_buttons(update, context, labels.CHOSEN_DAY, labels.WEEKDAYS[weekday])
    await reply(update, context, "diseminasi/siaran/ask_clock")
    return Step.CLOCK


async def save_monthday(update: Update, context: BotContext) -> int:
    """Take the day of month (1–31) of a monthly broadcast, then ask the time of day."""
    text = message_text(update)
    if not text.isdigit() or not 1 <= int(text) <= 31:
        await reply(update, context, "diseminasi/siaran/bad_monthday")
        return Step.MONTHDAY
    with DRAFT.edit(context) as draft:
        draft.day = int(text)
    await reply(update, context, "diseminasi/siaran/ask_clock")
    return Step.CLOCK


async def save_clock(update: Update, context: BotContext) -> int:
    """Take the time of day of a recurring broadcast; the first run follows from it."""
    at = parse_time_id(message_text(update)[:10])
    if at is None:
        await reply(update, context, "diseminasi/siaran/bad_clock")
        return Step.CLOCK
    with DRAFT.edit(context) as draft:
        draft.at = at.strftime("%H:%M")
        first = next_run(draft.schedule, utcnow(), context.config.timezone)
        draft.run_at = first.isoformat() if first else None
    return await show_preview(update, context)


async def show_preview(update: Update, context: BotContext) -> int:
    """Send the broadcast as one real KIM would get it, then the summary to confirm."""
    draft = DRAFT.load(context)
    kims = await target_kims(context, draft.target)
    values = [kim_vars(k, context.region) for k in kims]
    if await _content_refused(update, context, values):
        return Step.CONTENT
    if not kims:
        await reply(update, context, "diseminasi/siaran/target_empty", target_keyboard())
        return Step.TARGET
    await _send_preview(update, context, values[0])
    await reply(
        update,
        context,
        "diseminasi/siaran/summary",
        confirm_keyboard(),
        **_summary(draft, kims),
    )
    return Step.CONFIRM


async def confirm(update: Update, context: BotContext) -> int:
    """Save the broadcast; run it now or plan its job."""
    await answer(update)
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.BROADCASTER):
        await reply(update, context, "diseminasi/siaran/not_broadcaster")
        return DRAFT.clear(context)
    draft, now = DRAFT.load(context), utcnow()
    first = _first_run(context, draft, now)
    if first is not None and first <= now:
        await close_buttons(update, context)
        await reply(update, context, "diseminasi/siaran/bad_datetime", past=True)
        return Step.DATETIME
    broadcast = await context.store.create_broadcast(
        user.id, draft.content, draft.target, draft.schedule, first or now
    )
    await close_buttons(update, context, labels.CONFIRMED)
    if first is None:
        run = await run_due(context, broadcast.id, now)
        await reply(update, context, "diseminasi/siaran/sent", broadcast=broadcast, run=run)
    else:
        await plan(context, broadcast, now)
        await reply(
            update, context, "diseminasi/siaran/scheduled", broadcast=broadcast, first=first
        )
    return DRAFT.clear(context)


def _first_run(context: BotContext, draft: SiaranDraft, now: datetime) -> datetime | None:
    """When the first run is due: None for now; recurring ones from the current time."""
    if draft.schedule.recurring:
        return next_run(draft.schedule, now, context.config.timezone)
    return draft.first_run


async def _content_refused(update: Update, context: BotContext, values: list[KimVars]) -> bool:
    """Explain a template that fails or is too long for some target KIM (asked again)."""
    content = DRAFT.load(context).content
    try:
        too_long = await asyncio.to_thread(first_too_long, context.texts, content, values)
    except TemplateInputError as error:
        await reply(update, context, "diseminasi/siaran/bad_template", error=str(error))
        return True
    if too_long is None:
        return False
    kim, length = too_long
    await reply(
        update, context, "diseminasi/siaran/too_long", kind=content.kind, length=length,
        limit=limit_of(content), kim=kim,
    )  # fmt: skip
    return True


async def _send_preview(update: Update, context: BotContext, values: KimVars) -> None:
    """The content rendered for one KIM, sent to the broadcaster as it will look."""
    chat = update.effective_chat
    assert chat is not None
    content = DRAFT.load(context).content
    rendered = await asyncio.to_thread(render, context.texts, content, values)
    message = message_for(content, chat.id, rendered, None)
    await reply(update, context, "diseminasi/siaran/preview_title", kim=values)
    params = message.params | {"chat_id": chat.id}
    try:
        # Lower-case: Bot API names are case-insensitive and PTB warns on camelCase here.
        await context.bot.do_api_request(message.method.lower(), api_kwargs=params)
    except TelegramError as error:
        await reply(update, context, "diseminasi/siaran/preview_failed", error=str(error))


def _parse_datetime(text: str, tz: tzinfo) -> datetime | None:
    """Read "17/08/2026 14.30" or "17 Agustus 2026 pukul 14.30" in local time, as UTC."""
    words = text.lower().replace("pukul", " ").replace("jam", " ").split()
    if len(words) < 2:
        return None
    day = parse_date_id(" ".join(words[:-1]), datetime.now(tz).date())
    at = parse_time_id(words[-1])
    return local_moment(day, at, tz) if day and at else None


def _summary(draft: SiaranDraft, kims: list[Kim]) -> dict[str, Any]:
    """What the summary shows: content, target, KIM names, schedule and first run."""
    return {
        "content": draft.content,
        "contents": labels.CONTENT,
        "target": labels.TARGETS[draft.target.kind],
        "kims": kims,
        "schedule": draft.schedule,
        "first": draft.first_run,
        "weekdays": labels.WEEKDAYS,
    }

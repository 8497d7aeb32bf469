"""/siaran, second half: when it goes out, the preview for one real KIM, and confirmation.

Time: now, a date and time in WIB (not in the past), or daily / weekly (weekday) / monthly
(day of month, clamped to month end) at a time of day. Confirming saves the broadcast and
either runs it at once or plans its job (broadcasts.schedule).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from telegram import Update
from telegram.error import TelegramError

from bot.broadcast_models import ScheduleKind
from bot.context import BotContext
from bot.dates import parse_date_id, parse_time_id
from bot.models import Kim, Role
from bot.store import utcnow
from bot.texts import TemplateInputError
from broadcasts import labels
from broadcasts.schedule import plan, run_due, target_kims
from broadcasts.siaran import (
    KimVars,
    first_too_long,
    kim_vars,
    limit_of,
    local_moment,
    message_for,
    next_run,
    render,
)
from handlers.broadcast_flow import (
    Step,
    confirm_keyboard,
    draft_content,
    draft_first_run,
    draft_of,
    draft_schedule,
    draft_target,
    finish,
    target_keyboard,
    time_keyboard,
    weekday_keyboard,
)
from handlers.common import answer, callback_data, close_buttons, has_role, message_text, reply

_ASK = {
    ScheduleKind.ONCE: ("siaran/ask_datetime", Step.DATETIME),
    ScheduleKind.MONTHLY: ("siaran/ask_monthday", Step.MONTHDAY),
    ScheduleKind.DAILY: ("siaran/ask_clock", Step.CLOCK),
}


async def ask_time(update: Update, context: BotContext) -> int:
    """Ask when the broadcast goes out."""
    await reply(update, context, "siaran/ask_time", time_keyboard())
    return Step.TIME


async def choose_time(update: Update, context: BotContext) -> int:
    """Take now / once / daily / weekly / monthly and ask what that one needs."""
    await answer(update)
    key = callback_data(update).removeprefix("siaran:waktu:")
    if key not in labels.TIMES:
        return Step.TIME
    await close_buttons(update, context, labels.CHOSEN_TIME, labels.TIMES[key])
    draft = draft_of(context)
    if key == "now":
        draft["schedule"], draft["run_at"] = {"kind": ScheduleKind.ONCE}, None
        return await show_preview(update, context)
    kind = ScheduleKind(key)
    draft["schedule"] = {"kind": kind}
    if kind == ScheduleKind.WEEKLY:
        await reply(update, context, "siaran/ask_weekday", weekday_keyboard())
        return Step.WEEKDAY
    template, step = _ASK[kind]
    await reply(update, context, template)
    return step


async def save_datetime(update: Update, context: BotContext) -> int:
    """Take "17/08/2026 14.30" (WIB); a time in the past is refused and asked again."""
    moment = _parse_datetime(message_text(update)[:60], context.config.timezone)
    if moment is None or moment <= utcnow():
        await reply(update, context, "siaran/bad_datetime", past=moment is not None)
        return Step.DATETIME
    draft_of(context)["run_at"] = moment.isoformat()
    return await show_preview(update, context)


async def save_weekday(update: Update, context: BotContext) -> int:
    """Take the weekday of a weekly broadcast, then ask the time of day."""
    await answer(update)
    weekday = int(callback_data(update).removeprefix("siaran:hari:"))
    draft_of(context)["schedule"]["weekday"] = weekday
    await close_buttons(update, context, labels.CHOSEN_DAY, labels.WEEKDAYS[weekday])
    await reply(update, context, "siaran/ask_clock")
    return Step.CLOCK


async def save_monthday(update: Update, context: BotContext) -> int:
    """Take the day of month (1–31) of a monthly broadcast, then ask the time of day."""
    text = message_text(update)
    if not text.isdigit() or not 1 <= int(text) <= 31:
        await reply(update, context, "siaran/bad_monthday")
        return Step.MONTHDAY
    draft_of(context)["schedule"]["day"] = int(text)
    await reply(update, context, "siaran/ask_clock")
    return Step.CLOCK


async def save_clock(update: Update, context: BotContext) -> int:
    """Take the time of day of a recurring broadcast; the first run follows from it."""
    at = parse_time_id(message_text(update)[:10])
    if at is None:
        await reply(update, context, "siaran/bad_clock")
        return Step.CLOCK
    draft = draft_of(context)
    draft["schedule"]["at"] = at.strftime("%H:%M")
    first = next_run(draft_schedule(draft), utcnow(), context.config.timezone)
    draft["run_at"] = first.isoformat() if first else None
    return await show_preview(update, context)


async def show_preview(update: Update, context: BotContext) -> int:
    """Send the broadcast as one real KIM would get it, then the summary to confirm."""
    draft = draft_of(context)
    kims = await target_kims(context, draft_target(draft))
    values = [kim_vars(k, context.region) for k in kims]
    if await _content_refused(update, context, values):
        return Step.CONTENT
    if not kims:
        await reply(update, context, "siaran/target_empty", target_keyboard())
        return Step.TARGET
    await _send_preview(update, context, values[0])
    await reply(
        update, context, "siaran/summary", confirm_keyboard(), **_summary(context, draft, kims)
    )
    return Step.CONFIRM


async def confirm(update: Update, context: BotContext) -> int:
    """Save the broadcast; run it now or plan its job."""
    await answer(update)
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.BROADCASTER):
        await reply(update, context, "siaran/not_broadcaster")
        return finish(context)
    draft, now = draft_of(context), utcnow()
    first = _first_run(context, draft, now)
    if first is not None and first <= now:
        await close_buttons(update, context)
        await reply(update, context, "siaran/bad_datetime", past=True)
        return Step.DATETIME
    broadcast = await context.store.create_broadcast(
        user.id, draft_content(draft), draft_target(draft), draft_schedule(draft), first or now
    )
    await close_buttons(update, context, labels.CONFIRMED)
    if first is None:
        run = await run_due(context, broadcast.id, now)
        await reply(update, context, "siaran/sent", broadcast=broadcast, run=run)
    else:
        await plan(context, broadcast, now)
        await reply(update, context, "siaran/scheduled", broadcast=broadcast, first=first)
    return finish(context)


def _first_run(context: BotContext, draft: dict[str, Any], now: datetime) -> datetime | None:
    """When the first run is due: None for now; recurring ones from the current time."""
    schedule = draft_schedule(draft)
    if schedule.recurring:
        return next_run(schedule, now, context.config.timezone)
    return draft_first_run(draft)


async def _content_refused(update: Update, context: BotContext, values: list[KimVars]) -> bool:
    """Explain a template that fails or is too long for some target KIM (asked again)."""
    content = draft_content(draft_of(context))
    try:
        too_long = first_too_long(context.texts, content, values)
    except TemplateInputError as error:
        await reply(update, context, "siaran/bad_template", error=str(error))
        return True
    if too_long is None:
        return False
    kim, length = too_long
    await reply(
        update, context, "siaran/too_long", kind=content.kind, length=length,
        limit=limit_of(content), kim=kim,
    )  # fmt: skip
    return True


async def _send_preview(update: Update, context: BotContext, values: KimVars) -> None:
    """The content rendered for one KIM, sent to the broadcaster as it will look."""
    chat = update.effective_chat
    assert chat is not None
    content = draft_content(draft_of(context))
    message = message_for(content, chat.id, render(context.texts, content, values), None)
    await reply(update, context, "siaran/preview_title", kim=values)
    params = message.params | {"chat_id": chat.id}
    try:
        # Lower-case: Bot API names are case-insensitive and PTB warns on camelCase here.
        await context.bot.do_api_request(message.method.lower(), api_kwargs=params)
    except TelegramError as error:
        await reply(update, context, "siaran/preview_failed", error=str(error))


def _parse_datetime(text: str, tz: tzinfo) -> datetime | None:
    """Read "17/08/2026 14.30" or "17 Agustus 2026 pukul 14.30" in local time, as UTC."""
    words = text.lower().replace("pukul", " ").replace("jam", " ").split()
    if len(words) < 2:
        return None
    day = parse_date_id(" ".join(words[:-1]), datetime.now(tz).date())
    at = parse_time_id(words[-1])
    return local_moment(day, at, tz) if day and at else None


def _summary(context: BotContext, draft: dict[str, Any], kims: list[Kim]) -> dict[str, Any]:
    """What the summary shows: content, target, KIM names, schedule and first run."""
    return {
        "content": draft_content(draft),
        "contents": labels.CONTENT,
        "target": labels.TARGETS[draft_target(draft).kind],
        "kims": kims,
        "schedule": draft_schedule(draft),
        "first": draft_first_run(draft),
        "weekdays": labels.WEEKDAYS,
    }

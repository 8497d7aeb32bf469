"""The daily deadlines job: the desk reminded of overdue tickets, long-overdue ones escalated.

"broadcast:aspirasi:deadlines" runs every day at RUN_AT in KIM_TIMEZONE (on days off
`desk_reminder` finds nothing to say). It queues one reminder to the desk group (to each
configured admin when there is no desk), keyed by the date, so a restart or a second run the
same day sends nothing again. A ticket overdue for ESCALATE_AFTER working days is escalated
to the admins' private chats (the first admins from KIM_ADMIN_IDS and everyone granted the
role with /peran; the desk when there is none), keyed by its code, so once; the desk's
reminder marks it too. Only the code, category and dates travel: never who reported.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from telegram.ext import Application

from bot.context import BotContext, services_of
from bot.models.people import Role
from bot.outbox import text_message
from broadcasts.aspirasi.deadlines import DeskReminder, Overdue, desk_reminder
from broadcasts.aspirasi.holidays import Holidays
from handlers.aspirasi import labels

log = logging.getLogger(__name__)
AnyApp = Application[Any, Any, Any, Any, Any, Any]
JOB_NAME = "broadcast:aspirasi:deadlines"
MAKE_UP_JOB = "broadcast:aspirasi:deadlines:missed"
RUN_AT = time(8, 0)
REMINDER_ROWS = 30  # rows of one reminder: 30 bounded rows stay far under 4096 characters
MAX_OPEN = 100_000  # every open ticket of a regency
REMINDER_KIND = "aspirasi_pengingat"
ESCALATION_KIND = "aspirasi_eskalasi"
NOTICE_KIND = "notice"


@dataclass(frozen=True)
class ReminderRow:
    """One overdue ticket as the desk's reminder lists it."""

    code: str
    category: str  # its label
    due_on: date
    days: int  # working days overdue
    escalated: bool


@dataclass(frozen=True)
class DeadlineRun:
    """What a run queued: the reminder's outbox item (None: nothing to remind), escalations."""

    reminder: str | None
    escalated: tuple[str, ...]


def desk_targets(context: BotContext) -> list[int]:
    """Where Aspirasi's notices go: the desk group, or each configured admin without one."""
    desk = context.config.desk_chat_id
    return [desk] if desk is not None else sorted(context.config.admin_ids)


def schedule_deadlines(app: AnyApp) -> None:
    """Run the deadlines job every day at RUN_AT in the regency's time zone."""
    assert app.job_queue is not None
    zone = services_of(app).config.timezone
    app.job_queue.run_daily(send_deadlines, RUN_AT.replace(tzinfo=zone), name=JOB_NAME)


async def send_deadlines(context: BotContext) -> None:
    """Job: remind the desk of overdue tickets and escalate the long-overdue ones."""
    await warn_incomplete_year(context)
    await remind_deadlines(context, context.config.clock())


async def remind_deadlines(context: BotContext, now: datetime) -> DeadlineRun:
    """Queue today's reminder and the escalations due (repeats are dropped by the outbox)."""
    tickets = await context.store.open_aspirations(MAX_OPEN)
    holidays = context.service(Holidays)
    reminder = desk_reminder(tickets, now, context.config.timezone, holidays)
    if reminder is None:
        return DeadlineRun(None, ())
    item = await _queue_reminder(context, reminder)
    escalated = [await _escalate(context, o) for o in reminder.escalated]
    log.info("aspirasi: %d lewat batas verifikasi, %d dieskalasi", len(reminder.overdue),
             len(escalated))  # fmt: skip
    return DeadlineRun(item, tuple(escalated))


def reminder_rows(overdue: Sequence[Overdue]) -> list[ReminderRow]:
    """The rows of a reminder, in the order given (the longest overdue first)."""
    return [_row(o) for o in overdue]


def _row(o: Overdue) -> ReminderRow:
    category = labels.CATEGORIES[o.aspiration.category]
    return ReminderRow(o.aspiration.code, category, o.due_on, o.days_overdue, o.escalate)


async def _queue_reminder(context: BotContext, reminder: DeskReminder) -> str:
    rows = reminder_rows(reminder.overdue)
    shown = rows[:REMINDER_ROWS]
    text = context.texts.render(
        "aspirasi/reminder", today=reminder.today, open_count=reminder.open_count,
        overdue_rows=shown, overdue_count=len(rows), more=len(rows) - len(shown),
    )  # fmt: skip
    item = f"aspirasi:pengingat:{reminder.today.isoformat()}"
    messages = [text_message(chat_id, text) for chat_id in desk_targets(context)]
    if messages:
        await context.outbox.submit(kind=REMINDER_KIND, item=item, messages=messages)
    return item


async def _escalate(context: BotContext, overdue: Overdue) -> str:
    row = _row(overdue)
    text = context.texts.render("aspirasi/escalation", row=row, filed_on=overdue.filed_on)
    chats = await escalation_targets(context)
    item = f"aspirasi:eskalasi:{row.code}"
    messages = [text_message(chat_id, text) for chat_id in chats]
    await context.outbox.submit(kind=ESCALATION_KIND, item=item, messages=messages)
    return row.code


async def escalation_targets(context: BotContext) -> list[int]:
    """Every admin's private chat (configured and granted); the desk when there is none."""
    granted = {g.user_id for g in await context.store.list_roles() if g.role is Role.ADMIN}
    admins = sorted(context.config.admin_ids | granted)
    return admins or desk_targets(context)


async def warn_incomplete_year(context: BotContext) -> None:
    """Log, and tell the desk once per year, when this year's holidays are not all known."""
    year = context.config.today().year
    if context.service(Holidays).is_complete(year):
        return
    log.warning("Daftar libur nasional %d belum lengkap: batas verifikasi bisa terlalu awal",
                year)  # fmt: skip
    text = context.texts.render("aspirasi/holidays_incomplete", year=year,
                                file=context.config.holidays_file.name)  # fmt: skip
    messages = [text_message(chat_id, text) for chat_id in desk_targets(context)]
    if messages:
        await context.outbox.submit(kind=NOTICE_KIND, item=f"aspirasi:libur:{year}",
                                    messages=messages)  # fmt: skip

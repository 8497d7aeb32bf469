"""Aspirasi's start: opd.yaml and the national holidays loaded (leniently, in a thread) and
registered as services, the desk told of their problems once per file content and of a year
whose holidays are incomplete once per year, and the daily deadlines job scheduled (a run
missed while the bot was down made up at start when it is still the same day).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from bot import config_files
from bot.context import BotContext, KimApplication, services_of
from broadcasts.aspirasi.holidays import load_holidays
from broadcasts.aspirasi.opd import load_opd_config
from broadcasts.aspirasi.reminders import (
    MAKE_UP_JOB,
    RUN_AT,
    desk_targets,
    schedule_deadlines,
    send_deadlines,
    warn_incomplete_year,
)

log = logging.getLogger(__name__)
MAKE_UP_AFTER = timedelta(seconds=20)  # once the bot is up, so its errors reach the desk


async def start(app: KimApplication) -> None:
    """Load and register opd.yaml and the holidays, tell the desk of their problems, and
    schedule the daily deadlines job (made up soon when today's 08:00 has passed)."""
    context = BotContext(app)
    await load_files(context)
    await warn_incomplete_year(context)
    schedule_deadlines(app)
    if missed_today(context.config.clock(), context):
        assert app.job_queue is not None
        app.job_queue.run_once(send_deadlines, MAKE_UP_AFTER, name=MAKE_UP_JOB)


async def load_files(context: BotContext) -> None:
    """opd.yaml and the holidays, what of them is usable, registered; their notes announced."""
    services = services_of(context.application)
    config = services.config
    opds = await asyncio.to_thread(load_opd_config, config.opd_file)
    holidays = await asyncio.to_thread(load_holidays, config.holidays_file)
    services.add(opds.value)
    services.add(holidays.value)
    targets = desk_targets(context)
    await config_files.announce(opds, context.outbox, context.texts, targets,
                                "aspirasi/opd_problems")  # fmt: skip
    await config_files.announce(holidays, context.outbox, context.texts, targets,
                                "aspirasi/holidays_problems")  # fmt: skip
    if not opds.usable:
        log.error("opd.yaml tidak bisa dipakai: aspirasi tidak dapat diteruskan ke OPD")


def missed_today(now: datetime, context: BotContext) -> bool:
    """Whether today's run time (RUN_AT in the regency's time zone) has already passed."""
    local = now.astimezone(context.config.timezone)
    return local.time() >= RUN_AT

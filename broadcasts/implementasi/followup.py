"""The "Tindak lanjut dalam N minggu" reminder: the KIM group hears of it at 08:00 WIB then.

The database is the truth: a report's follow_up_at says when. At start every reminder not
yet sent is planned again as a PTB job; one that fell due while the bot was down goes out at
once (a nudge is still worth sending late). The reminder is claimed (follow_up_sent_at) in
the transaction that queues it in the outbox, so it goes out once, whatever restarts happen.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import cast

from telegram.ext import JobQueue

from bot.context import BotContext, KimApplication
from bot.models.implementasi import Report
from bot.outbox import text_message

log = logging.getLogger(__name__)
JOB_PREFIX = "broadcast:tindak_lanjut:"
KIND = "tindak_lanjut"


def job_name(report_id: int) -> str:
    """The JobQueue name of a report's follow-up reminder."""
    return f"{JOB_PREFIX}{report_id}"


async def start_follow_ups(app: KimApplication) -> None:
    """At start: plan every reminder not sent yet; send those that fell due meanwhile."""
    context = BotContext(app)
    now = context.config.clock()
    for report in await context.store.pending_follow_ups():
        if report.follow_up_at is not None and report.follow_up_at <= now:
            log.info("Pengingat tindak lanjut laporan #%d terlewat; dikirim sekarang", report.id)
            await remind(context, report.id, now)
        else:
            plan_follow_up(context, report)


def plan_follow_up(context: BotContext, report: Report) -> None:
    """Schedule a report's reminder at its time (replacing any job planned before)."""
    jobs = cast("JobQueue[BotContext] | None", context.job_queue)
    assert jobs is not None
    for job in jobs.get_jobs_by_name(job_name(report.id)):
        job.schedule_removal()
    if report.follow_up_at is not None:
        jobs.run_once(send_follow_up, report.follow_up_at, data=report.id,
                      name=job_name(report.id))  # fmt: skip


async def send_follow_up(context: BotContext) -> None:
    """Job: remind the KIM whose follow-up is due now."""
    assert context.job is not None
    assert isinstance(context.job.data, int)
    await remind(context, context.job.data, context.config.clock())


async def remind(context: BotContext, report_id: int, now: datetime) -> bool:
    """Claim a due reminder and queue it for the KIM's group, in one transaction."""
    async with context.store.transaction():
        report = await context.store.claim_follow_up(report_id, now)
        kim = await context.store.get_kim(report.kim_id) if report else None
        if report is None or kim is None or kim.chat_id is None:
            return False
        text = context.texts.render("implementasi/follow_up_reminder", report=report, kim=kim)
        await context.outbox.submit(KIND, str(report.id), [text_message(kim.chat_id, text)])
    return True

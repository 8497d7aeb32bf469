"""Agenda reminders: the KIMs an event concerns hear of it the day before at 08:00 WIB, once.

The database is the truth: an event's remind_at says when, reminded_at that it went out. At
start every reminder not sent yet is planned again as a PTB job; one that fell due while the
bot was down goes out at once if the event has not begun, and is given up if it has. The
reminder is claimed (reminded_at) in the transaction that queues it in the outbox, so it goes
out once whatever restarts happen around it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import cast

from telegram.ext import JobQueue

from bot.context import BotContext, KimApplication
from bot.models.jaringan import Agenda, AgendaScope
from bot.outbox import text_message
from bot.wilayah import Region
from handlers.jaringan import labels

log = logging.getLogger(__name__)
JOB_PREFIX = "broadcast:agenda:"
KIND = "agenda"


def job_name(agenda_id: int) -> str:
    """The JobQueue name of an event's reminder."""
    return f"{JOB_PREFIX}{agenda_id}"


def audience(region: Region, agenda: Agenda) -> str:
    """Whom an event concerns, in words: every KIM, those of a kecamatan, or one KIM."""
    if agenda.scope == AgendaScope.KECAMATAN:
        kecamatan = region.kecamatan_by_code(agenda.scope_value or "")
        return labels.AUDIENCE_KECAMATAN.format(kecamatan.nama if kecamatan else "-")
    if agenda.scope == AgendaScope.KIM:
        return agenda.target_nama or labels.AUDIENCE_ONE_KIM
    return labels.AUDIENCE_ALL


async def start_reminders(app: KimApplication) -> None:
    """At start: plan every reminder not sent yet; send or give up those that fell due."""
    context = BotContext(app)
    for agenda in await context.store.pending_agenda_reminders():
        await schedule_reminder(context, agenda)


async def schedule_reminder(context: BotContext, agenda: Agenda) -> None:
    """Plan an event's reminder; one already due goes out now (or never, once it began)."""
    now = context.config.clock()
    if agenda.mulai <= now:
        log.info("Agenda #%d sudah dimulai; pengingatnya tidak dikirim", agenda.id)
        await context.store.skip_agenda_reminder(agenda.id, now)
    elif agenda.remind_at <= now:
        await remind(context, agenda.id, now)
    else:
        jobs = cast("JobQueue[BotContext] | None", context.job_queue)
        assert jobs is not None
        for job in jobs.get_jobs_by_name(job_name(agenda.id)):
            job.schedule_removal()
        jobs.run_once(send_reminder, agenda.remind_at, data=agenda.id,
                      name=job_name(agenda.id))  # fmt: skip


async def send_reminder(context: BotContext) -> None:
    """Job: remind the KIMs of the event whose reminder is due now."""
    assert context.job is not None
    assert isinstance(context.job.data, int)
    await remind(context, context.job.data, context.config.clock())


async def remind(context: BotContext, agenda_id: int, now: datetime) -> bool:
    """Claim a due reminder and queue it for each KIM concerned, in one transaction."""
    async with context.store.transaction():
        agenda = await context.store.claim_agenda_reminder(agenda_id, now)
        if agenda is None:
            return False
        kims = await context.store.agenda_kims(agenda)
        text = context.texts.render(
            "jaringan/agenda_reminder", agenda=agenda, audience=audience(context.region, agenda),
            jenis=labels.AGENDA_KINDS[agenda.jenis.value],
        )  # fmt: skip
        messages = [text_message(k.chat_id, text) for k in kims if k.chat_id is not None]
        if messages:
            await context.outbox.submit(KIND, str(agenda.id), messages)
    return True

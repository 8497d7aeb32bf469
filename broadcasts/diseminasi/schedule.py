"""Running broadcasts on time: one PTB job per scheduled broadcast, rebuilt from the database.

The database is the truth: `next_run_at` says when a broadcast is due. A run claims its
occurrence with a UNIQUE (broadcast, scheduled_for) row in the same transaction that moves
`next_run_at` on, so a run missed while the bot was down happens once on return (within
Config.missed_run_grace_s), never twice; older misses are skipped to the next occurrence.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import cast

from telegram.ext import JobQueue

from bot.context import BotContext, KimApplication
from bot.models.diseminasi import Broadcast, BroadcastRun, BroadcastStatus, Target, TargetKind
from bot.models.registrasi import Kim, KimStatus
from bot.outbox.records import SentMessage
from bot.store import utcnow
from broadcasts.diseminasi.reminders import start_reminders
from broadcasts.diseminasi.siaran import KIND, addressees, build_messages, next_run, select_targets

log = logging.getLogger(__name__)
JOB_PREFIX = "broadcast:siaran:"
NOTHING_TO_SEND = 0  # batch_id of a run that found no reachable KIM


def job_name(broadcast_id: int) -> str:
    """The JobQueue name of a broadcast's next run."""
    return f"{JOB_PREFIX}{broadcast_id}"


async def start_broadcasts(app: KimApplication) -> None:
    """At start: rebuild every broadcast's job from the database; start receipt reminders."""
    await rebuild_schedules(BotContext(app))
    start_reminders(app)


async def rebuild_schedules(context: BotContext) -> None:
    """Listen for deliveries, finish interrupted runs, plan every scheduled broadcast."""
    context.outbox.add_sent_listener(KIND, _delivery_recorder(context))
    await resubmit_interrupted(context)
    now = utcnow()
    for broadcast in await context.store.list_broadcasts([BroadcastStatus.SCHEDULED], 100_000):
        await plan(context, broadcast, now)


async def plan(context: BotContext, broadcast: Broadcast, now: datetime) -> None:
    """Schedule a broadcast's next run; a missed one runs now within the grace period."""
    unschedule(context, broadcast.id)
    due = broadcast.next_run_at
    if broadcast.status != BroadcastStatus.SCHEDULED or due is None:
        return
    if due > now:
        _add_job(context, broadcast.id, due)
    elif now - due <= timedelta(seconds=context.config.missed_run_grace_s):
        log.info("Siaran #%d terlewat %s; dijalankan sekarang", broadcast.id, now - due)
        await run_due(context, broadcast.id, now)
    else:
        following = next_run(broadcast.schedule, now, context.config.timezone)
        log.warning("Siaran #%d terlewat melebihi masa tenggang; dilewati", broadcast.id)
        await context.store.move_schedule(broadcast.id, following)
        if following is not None:
            _add_job(context, broadcast.id, following)


def unschedule(context: BotContext, broadcast_id: int) -> None:
    """Remove a broadcast's pending job (paused, cancelled, or about to be re-planned)."""
    assert context.job_queue is not None
    for job in context.job_queue.get_jobs_by_name(job_name(broadcast_id)):
        job.schedule_removal()


async def send_siaran(context: BotContext) -> None:
    """Job: run the broadcast that is due now."""
    assert context.job is not None
    assert isinstance(context.job.data, int)
    await run_due(context, context.job.data, utcnow())


async def run_due(context: BotContext, broadcast_id: int, now: datetime) -> BroadcastRun | None:
    """Claim the due occurrence, hand its messages to the outbox, and plan the next one."""
    broadcast = await context.store.get_broadcast(broadcast_id)
    if broadcast is None or broadcast.status != BroadcastStatus.SCHEDULED:
        return None
    assert broadcast.next_run_at is not None
    kims = await target_kims(context, broadcast.target)
    after = max(now, broadcast.next_run_at)
    following = next_run(broadcast.schedule, after, context.config.timezone)
    targets = [(k.id, k.chat_id) for k in kims if k.chat_id is not None]
    run = await context.store.start_run(broadcast, following, targets)
    if run is not None:
        await submit_run(context, broadcast, run)
    updated = await context.store.get_broadcast(broadcast_id)
    if updated is not None and updated.status == BroadcastStatus.SCHEDULED:
        assert updated.next_run_at is not None
        unschedule(context, broadcast_id)
        _add_job(context, broadcast_id, updated.next_run_at)
    return run


async def target_kims(context: BotContext, target: Target) -> list[Kim]:
    """The reachable KIMs a target names now."""
    kims = await context.store.list_kims(KimStatus.VERIFIED)
    topic_ids: frozenset[int] = frozenset()
    if target.kind == TargetKind.TOPIC:
        topic_ids = frozenset(k.id for k in await context.store.kims_for_topics(target.values))
    return select_targets(kims, target, topic_ids)


async def submit_run(context: BotContext, broadcast: Broadcast, run: BroadcastRun) -> None:
    """Render a run for each KIM it is addressed to and queue it in the outbox."""
    wanted = {d.kim_id for d in await context.store.deliveries(run.id)}
    kims = [k for k in await context.store.list_kims() if k.id in wanted]
    to = addressees(kims, context.region, await context.store.news_threads(wanted))
    if not to:
        log.warning("Siaran #%d putaran %d: tidak ada KIM tujuan", broadcast.id, run.run_no)
        await context.store.set_run_batch(run.id, NOTHING_TO_SEND)
        return
    batch_id = await context.outbox.submit(
        kind=KIND,
        item=f"{broadcast.id}:{run.run_no}",
        messages=await asyncio.to_thread(
            build_messages, context.texts, broadcast.content, to, run.id
        ),
        created_by=broadcast.created_by,
        progress_chat_id=broadcast.created_by,
    )
    await context.store.set_run_batch(run.id, batch_id)


async def resubmit_interrupted(context: BotContext) -> None:
    """Queue runs that were claimed but not handed over (the outbox drops repeats)."""
    for run in await context.store.unsubmitted_runs():
        broadcast = await context.store.get_broadcast(run.broadcast_id)
        if broadcast is not None:
            await submit_run(context, broadcast, run)


def _add_job(context: BotContext, broadcast_id: int, when: datetime) -> None:
    # CallbackContext types its job queue generically; the application's is ours.
    jobs = cast("JobQueue[BotContext] | None", context.job_queue)
    assert jobs is not None
    jobs.run_once(send_siaran, when, data=broadcast_id, name=job_name(broadcast_id))


def _delivery_recorder(context: BotContext) -> Callable[[SentMessage], Awaitable[None]]:
    store = context.store

    async def record(sent: SentMessage) -> None:
        """Remember that a broadcast run arrived in a KIM group."""
        broadcast_id, _, run_no = sent.item.partition(":")
        run = await store.find_run(int(broadcast_id), int(run_no))
        if run is not None:
            await store.mark_delivered(run.id, sent.chat_id, sent.message_id)

    return record

"""Curated news on a schedule: one poll job per source, and the digest job that delivers.

Jobs: "broadcast:feed:<source_id>" polls a source, then re-schedules itself for the time
the source is next due (its interval, Cache-Control, or backoff when failing; persisted, so
a restart keeps the schedule). "broadcast:news:digest" gathers approved, undelivered items
per KIM and queues one message (or one digest) per group in the outbox (a forum group's in
the topic it chose with /topik); during quiet hours
it composes nothing, so the night's items leave together as one digest in the morning.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import Application

from bot import config_files
from bot.context import BotContext, KimApplication, services_of
from bot.errors import report_failure
from bot.logs import redact
from bot.models.akses import News
from bot.models.registrasi import Kim
from bot.outbox import text_message
from bot.quiet_hours import is_quiet
from bot.store import utcnow
from broadcasts.akses import health as feed_health
from broadcasts.akses.digest import compose
from broadcasts.akses.feeds import FeedsConfig, Source, load_feeds_leniently, make_client
from broadcasts.akses.poll import Poller, PollReport
from broadcasts.akses.workers import FeedWorkers, WorkerCrash

log = logging.getLogger(__name__)
AnyApp = Application[Any, Any, Any, Any, Any, Any]  # jobs see the context-generic type
DIGEST_JOB = "broadcast:news:digest"
DIGEST_EVERY = timedelta(minutes=10)
DELIVERY_WINDOW = timedelta(hours=48)  # older approved items are not pushed to new KIMs
FIRST_POLL_STAGGER = timedelta(seconds=3)


def feed_job_name(source_id: str) -> str:
    """The job name of a source's poll."""
    return f"broadcast:feed:{source_id}"


async def start_news(app: KimApplication) -> None:
    """Load what of feeds.yaml is usable (the desk told of the rest), start the feed workers,
    schedule each source's poll from its saved state, and the digest."""
    services = services_of(app)
    feeds = await _load_feeds(app)
    services.add(feeds)
    workers = FeedWorkers()
    workers.start()
    services.add(Poller(services.store, feeds, make_client(feeds.defaults), workers=workers))
    states = await services.store.feed_states()
    now = utcnow()
    for index, source in enumerate(feeds.sources):
        due = states[source.id].next_due if source.id in states else None
        earliest = now + FIRST_POLL_STAGGER * (index + 1)
        schedule_poll(app, source, max(due or earliest, earliest))
    assert app.job_queue is not None
    app.job_queue.run_repeating(send_news, DIGEST_EVERY, first=60, name=DIGEST_JOB)


async def _load_feeds(app: KimApplication) -> FeedsConfig:
    """feeds.yaml, entry by entry: a broken entry is dropped, one line logged for each, and
    the desk told once per file content; without a usable source no news is polled."""
    services = services_of(app)
    loaded = await asyncio.to_thread(load_feeds_leniently, services.config.feeds_file)
    assert services.outbox is not None  # started before the activities
    targets = feed_health.desk_targets(BotContext(app))
    await config_files.announce(loaded, services.outbox, services.texts, targets,
                                "akses/feeds_problems")  # fmt: skip
    if not loaded.usable:
        log.error("%s: tidak ada sumber berita yang bisa dipakai; berita tidak diambil",
                  redact(str(loaded.path)))  # fmt: skip
    return loaded.value


async def stop_news(app: KimApplication) -> None:
    """Close the poller's HTTP client and stop its feed workers."""
    poller = services_of(app).discard(Poller)
    if poller is not None:
        try:
            await poller.client.close()
        finally:
            await poller.workers.close()


def schedule_poll(app: AnyApp, source: Source, when: datetime) -> None:
    """(Re)schedule a source's poll job for `when`, replacing any earlier one."""
    assert app.job_queue is not None
    name = feed_job_name(source.id)
    for job in app.job_queue.get_jobs_by_name(name):
        job.schedule_removal()
    app.job_queue.run_once(poll_feed, when, data=source.id, name=name)


async def poll_feed(context: BotContext) -> None:
    """Poll one source (the job's data), tell the desk about health changes, re-schedule."""
    assert context.job is not None
    source_id = str(context.job.data)
    feeds = context.service(FeedsConfig)
    source = next((s for s in feeds.sources if s.id == source_id), None)
    if source is None:
        return
    now = utcnow()
    next_due = now + timedelta(minutes=feeds.interval_for(source))
    try:
        report = await context.service(Poller).poll(source, now)
        next_due = report.result.next_due
        _log_report(report)
        if report.crash is not None:
            await report_failure(context, WorkerCrash(report.crash), f"feed {source.id}")
        if report.health is not None:
            await feed_health.announce(context, report.health)
    finally:  # whatever happened, the source is polled again
        schedule_poll(context.application, source, next_due)


def _log_report(report: PollReport) -> None:
    """One log line per poll: what is new, or what went wrong."""
    result, source_id = report.result, report.source.id
    if result.error:
        log.warning("feed %s: %s (gagal %d kali berturut-turut, coba lagi %s)", source_id,
                    result.error, result.consecutive_failures,
                    result.next_due.isoformat())  # fmt: skip
    elif report.problem:
        log.warning("feed %s: %s (%d entri terbaca, %d baru)", source_id, report.problem,
                    report.entries, report.counts.new)  # fmt: skip
    else:
        log.info("feed %s: %d baru, %d duplikat", source_id, report.counts.new,
                 report.counts.duplicates)  # fmt: skip


async def send_news(context: BotContext) -> None:
    """The digest job: deliver what is due now."""
    await deliver_digests(context, utcnow())


async def deliver_digests(context: BotContext, now: datetime) -> list[str]:
    """Queue one message or digest per KIM with due items; return the outbox item keys."""
    if is_quiet(now, context.config.quiet_hours, context.config.timezone):
        return []
    due: dict[int, list[News]] = defaultdict(list)
    kims: dict[int, Kim] = {}
    for kim, news in await context.store.undelivered_news(now - DELIVERY_WINDOW):
        if news.published_at is None or news.published_at >= now - DELIVERY_WINDOW:
            kims[kim.id] = kim
            due[kim.id].append(news)
    keys: list[str] = []
    threads = await context.store.news_threads(due)  # forum groups: their news topic
    for kim_id, items in due.items():
        keys += await _deliver(context, kims[kim_id], items, threads.get(kim_id))
    return keys


async def _deliver(
    context: BotContext, kim: Kim, items: list[News], thread_id: int | None
) -> list[str]:
    """Queue one KIM's message(s), in its news topic if it chose one; remember what they carry."""
    assert kim.chat_id is not None
    sources = {s.id: s for s in context.service(FeedsConfig).sources}
    # Off the loop: a feeds.yaml item template renders within limits, but may take a moment.
    parts = await asyncio.to_thread(compose, context.texts, kim.nama, items, sources)
    carried = ",".join(str(i) for part in parts for i in part.news_ids)
    digest = hashlib.sha1(carried.encode(), usedforsecurity=False).hexdigest()[:12]
    keys = []
    for number, part in enumerate(parts, 1):
        key = f"news:{kim.id}:{digest}:{number}"
        message = text_message(kim.chat_id, part.text, part.markup, thread_id)
        await context.outbox.submit(kind="news", item=key, messages=[message])
        await context.store.record_deliveries(kim.id, part.news_ids, key)
        keys.append(key)
    return keys

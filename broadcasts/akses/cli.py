"""`kim-bot feeds check` and `kim-bot feeds poll --once`: feeds.yaml from the command line.

check: validate feeds.yaml, fetch and parse every source once (nothing stored), print a
table of source, HTTP status, items, warnings and time; a source that cannot be fetched, or
whose document is not well-formed, counts as failed. poll --once: poll every source now,
whatever its schedule, store what is new, and print it (desk notices stay with the bot).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.config import Config
from bot.models.akses import NewsStatus
from bot.store import Store, utcnow
from broadcasts.akses.feeds import (
    FeedsConfig,
    FeedsConfigError,
    Source,
    fetch,
    load_feeds_config,
    make_client,
)
from broadcasts.akses.poll import Poller, PollReport
from broadcasts.akses.workers import FeedWorkers, WorkerCrash

CONCURRENCY = 8
_STATUS = {NewsStatus.APPROVED: "disetujui", NewsStatus.PENDING: "menunggu kurasi"}


@dataclass(frozen=True)
class CheckRow:
    """One line of `feeds check`."""

    source: Source
    status: int | None
    items: int
    warnings: str
    seconds: float
    failed: bool


def add_feeds_parser(sub: Any) -> None:
    """Add `feeds check` and `feeds poll --once` to kim-bot's subcommands."""
    feeds = sub.add_parser("feeds", help="periksa dan ambil sumber berita (feeds.yaml)")
    actions = feeds.add_subparsers(dest="feeds_command", metavar="AKSI", required=True)
    actions.add_parser("check", help="validasi feeds.yaml dan ambil tiap sumber sekali (uji)")
    poll = actions.add_parser("poll", help="ambil semua sumber sekarang dan simpan berita baru")
    poll.add_argument("--once", action="store_true", required=True,
                      help="sekali jalan, tanpa menunggu jadwal")  # fmt: skip


def feeds_command(config: Config, args: argparse.Namespace) -> Coroutine[Any, Any, int]:
    """The coroutine that runs the chosen `feeds` action."""
    return check(config) if args.feeds_command == "check" else poll_once(config)


def _load(config: Config) -> FeedsConfig | None:
    try:
        return load_feeds_config(config.feeds_file)
    except FeedsConfigError as error:
        print(f"Berkas sumber berita belum benar:\n{error}", file=sys.stderr)
        return None


async def _gather_limited(jobs: list[Coroutine[Any, Any, Any]]) -> list[Any]:
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(job: Coroutine[Any, Any, Any]) -> Any:
        async with gate:
            return await job

    return await asyncio.gather(*(one(j) for j in jobs))


async def check(config: Config) -> int:
    """Validate feeds.yaml and fetch every source once; 0 when every source is healthy."""
    feeds = _load(config)
    if feeds is None:
        return 2
    print(f"{config.feeds_file}: valid — {len(feeds.topics)} topik, {len(feeds.sources)} sumber.")
    workers = FeedWorkers()
    try:
        async with make_client(feeds.defaults) as client:
            jobs = [_check_one(client, workers, feeds, s) for s in feeds.sources]
            rows = await _gather_limited(jobs)
    finally:
        await workers.close()
    print(f"{'SUMBER':<24} {'HTTP':>4} {'ITEM':>5} {'WAKTU':>7}  PERINGATAN")
    for row in rows:
        status = str(row.status) if row.status is not None else "-"
        print(f"{row.source.id[:24]:<24} {status:>4} {row.items:>5} {row.seconds:>6.2f}s  "
              f"{row.warnings or '-'}")  # fmt: skip
    failing = sum(1 for r in rows if r.failed)
    print(f"{len(rows) - failing} dari {len(rows)} sumber dapat diambil dan dibaca.")
    return 1 if failing else 0


async def _check_one(
    client: aiohttp.ClientSession, workers: FeedWorkers, feeds: FeedsConfig, source: Source
) -> CheckRow:
    started = time.perf_counter()
    result = await fetch(client, source, None, defaults=feeds.defaults)
    if result.body is None:
        return CheckRow(source, result.status, 0, result.error or "", _since(started), True)
    url = result.final_url or source.url
    try:
        digested = await workers.digest(result.body, url, result.content_type, source,
                                        feeds.topics)  # fmt: skip
    except WorkerCrash as crash:
        return CheckRow(source, result.status, 0, str(crash), _since(started), True)
    warnings = [digested.problem] if digested.problem else []
    if digested.entries and not digested.items:
        warnings.append(f"{digested.entries} entri tersaring semua (include/exclude)")
    return CheckRow(source, result.status, len(digested.items), "; ".join(warnings),
                    _since(started), digested.malformed)  # fmt: skip


def _since(started: float) -> float:
    return time.perf_counter() - started


async def poll_once(config: Config) -> int:
    """Poll every source now, store new items, print them; 0 when every source answered."""
    feeds = _load(config)
    if feeds is None:
        return 2
    store = await Store.connect(config.db_path)
    workers = FeedWorkers()
    try:
        async with make_client(feeds.defaults) as client:
            poller = Poller(store, feeds, client, workers=workers, notify=False)
            now = utcnow()
            reports = await _gather_limited([poller.poll(s, now) for s in feeds.sources])
            for report in reports:
                await _print_report(store, report)
    finally:
        await workers.close()
        await store.close()
    new = sum(r.counts.new for r in reports)
    failing = sum(1 for r in reports if r.result.error or r.malformed)
    print(f"Selesai: {new} berita baru dari {len(reports)} sumber; {failing} sumber gagal.")
    return 1 if failing else 0


async def _print_report(store: Store, report: PollReport) -> None:
    result, counts = report.result, report.counts
    if result.error:
        when = result.next_due.strftime("%Y-%m-%d %H:%M UTC")
        print(f"{report.source.id}: GAGAL — {result.error} (coba lagi {when})")
        return
    state = (
        "304 tidak berubah" if result.not_modified else f"{result.status}, {report.entries} entri"
    )
    problem = f"; {report.problem}" if report.problem else ""
    print(f"{report.source.id}: {state}; {counts.new} baru, {counts.duplicates} duplikat, "
          f"{counts.known} sudah ada{problem}")  # fmt: skip
    for news_id in counts.new_ids:
        news = await store.get_news(news_id)
        if news is not None:
            print(f"  + [{_STATUS.get(news.status, news.status)}] {news.title}")

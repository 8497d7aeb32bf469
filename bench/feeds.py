"""Feed polling benchmark: 200 sources × 50 items served by a local HTTP server.

Measures one full poll cycle when every source changed (fetch, parse, route, de-duplicate,
store) and one when every source answers 304, items parsed per second, and peak memory
(ru_maxrss of this process, and this process plus the feed workers sampled during the
cycles), with feedparser alone on the same documents as the in-process baseline. Meanwhile
the bot runs in this process against the local Bot API emulator, and /start is sent again
and again: its reply latency during the changed cycles is compared with the idle bot's.
Prints medians over --runs runs as one JSON line.
Run: `python bench/feeds.py [--sources 200] [--items 50] [--runs 3] [--workers N]`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import running_bot
from bot.config import Config
from bot.emulator import BotApiEmulator
from bot.store import Store
from broadcasts.akses.feeds import FeedsConfig, Source, Topic, make_client
from broadcasts.akses.poll import Poller
from broadcasts.akses.workers import FeedWorkers
from tests.feeds_server import running_feeds_server

TOKEN = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"
NO_SOURCES = "topics:\n  - {id: umum, label: Umum, keywords: [desa]}\nsources: []\n"

WORDS = (
    "petani", "padi", "sawah", "pupuk", "puskesmas", "posyandu", "sekolah", "guru", "banjir",
    "jembatan", "desa", "karet", "sawit", "harga", "pasar", "nelayan", "danau", "sentarum",
    "bupati", "camat", "warga", "listrik", "sinyal", "beasiswa", "kebun", "ikan", "rumah",
    "gotong", "royong", "festival", "gawai", "dayak", "melayu", "hutan", "sungai", "kapuas",
)  # fmt: skip
# Real titles draw on a long-tailed vocabulary; pseudo-words of 2–4 syllables stand in for it.
SYLLABLES = ("ka", "pu", "as", "hu", "lu", "se", "ma", "ri", "ta", "ba", "du", "ng", "ra", "wi")
VOCABULARY = WORDS + tuple(
    a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "n", "an", "ng", "ran")
)
TOPICS = (
    Topic("pertanian", "Pertanian", ("padi", "petani", "pupuk", "sawah")),
    Topic("kesehatan", "Kesehatan", ("puskesmas", "posyandu")),
    Topic("pendidikan", "Pendidikan", ("sekolah", "guru")),
)


def feed(source: int, items: int, version: int) -> bytes:
    """An RSS document with unique, realistic-length items (titles differ per source)."""
    when = format_datetime(datetime.now(UTC))
    pick = random.Random(source * 1000 + version)
    entries = []
    for i in range(items):
        words = " ".join([*pick.sample(WORDS, 3), *pick.sample(VOCABULARY, 6)])
        title = f"{words.capitalize()} {pick.randrange(10**6)}"
        body = f"<p>{words} " * 12 + f"<img src='https://img.contoh.id/{source}/{i}.jpg'></p>"
        entries.append(
            f"<item><title>{title}</title><link>https://s{source}.contoh.id/{version}/{i}</link>"
            f"<guid>s{source}-{version}-{i}</guid><pubDate>{when}</pubDate>"
            f"<description><![CDATA[{body}]]></description></item>"
        )
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
    return f"{head}<title>Sumber {source}</title>{''.join(entries)}</channel></rss>".encode()


async def cycle(poller: Poller, sources: list[Source], now: datetime) -> tuple[float, int, int]:
    """Poll every source concurrently once; (seconds, entries parsed, items stored)."""
    started = time.perf_counter()
    reports = await asyncio.gather(*(poller.poll(s, now) for s in sources))
    elapsed = time.perf_counter() - started
    return elapsed, sum(r.entries for r in reports), sum(r.counts.new for r in reports)


class Probe:
    """Sends /start to the in-process bot, one after another, and records reply latencies;
    samples the memory of this process and the feed workers meanwhile."""

    def __init__(self, emu: BotApiEmulator, workers: FeedWorkers) -> None:
        self.emu, self.workers = emu, workers
        self.peak_total_mb = 0.0

    async def start_latency_ms(self) -> float:
        """One /start from a new user, answered: milliseconds."""
        user = self.emu.user("Warga")
        chat = self.emu.private_chat(user)
        started = time.perf_counter()
        self.emu.push(self.emu.text(user, chat, "/start"))
        await self.emu.wait_for(lambda e: len(e.sent(chat)) > 0, timeout=30)
        return (time.perf_counter() - started) * 1000

    async def during(self, stop: asyncio.Event) -> list[float]:
        """Latencies until `stop` is set (a pause of 50 ms between two /start)."""
        latencies = []
        while not stop.is_set():
            latencies.append(await self.start_latency_ms())
            self.sample_memory()
            await asyncio.sleep(0.05)
        return latencies

    def sample_memory(self) -> None:
        """Resident memory of this process plus the workers, in MB."""
        pids = [os.getpid(), *self.workers.worker_pids()]
        total = sum(_rss_kb(pid) for pid in pids) / 1024
        self.peak_total_mb = max(self.peak_total_mb, total)


def _rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((ln for ln in status.splitlines() if ln.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1])


async def measured_cycle(
    poller: Poller, sources: list[Source], now: datetime, probe: Probe
) -> tuple[tuple[float, int, int], list[float]]:
    """A cycle while the probe keeps asking the bot for /start."""
    stop = asyncio.Event()
    probing = asyncio.create_task(probe.during(stop))
    try:
        result = await cycle(poller, sources, now)
    finally:
        stop.set()
    return result, await probing


async def one_run(
    count: int, items: int, workers: FeedWorkers, probe: Probe
) -> tuple[float, float, int, list[float]]:
    """Serve fresh feeds into a fresh database; (changed s, all-304 s, entries, latencies)."""
    async with running_feeds_server() as server:
        sources = []
        for n in range(count):
            server.add(f"/{n}.xml", feed(n, items, 1), etag=f'"{n}-1"')
            sources.append(Source(f"s{n}", f"Sumber {n}", server.url(f"/{n}.xml"),
                                  ("pertanian", "kesehatan", "pendidikan"), "auto"))  # fmt: skip
        config = FeedsConfig(topics=TOPICS, sources=tuple(sources))
        with tempfile.TemporaryDirectory() as tmp:
            store = await Store.connect(Path(tmp) / "bench.sqlite3")
            async with make_client(config.defaults) as client:
                poller = Poller(store, config, client, workers=workers)
                now = datetime.now(UTC)
                changed, latencies = await measured_cycle(poller, sources, now, probe)
                unchanged, _ = await measured_cycle(
                    poller, sources, now + timedelta(minutes=30), probe
                )
            await store.close()
    return changed[0], unchanged[0], changed[1], latencies


def baseline(count: int, items: int) -> tuple[float, int]:
    """feedparser alone on the same documents, in this process: (seconds, entries)."""
    docs = [feed(n, items, 1) for n in range(count)]
    started = time.perf_counter()
    entries = sum(len(feedparser.parse(doc).entries) for doc in docs)
    return time.perf_counter() - started, entries


@asynccontextmanager
async def running_kim_bot(tmp: Path) -> AsyncIterator[BotApiEmulator]:
    """The bot, long polling the emulator, in this process and on this event loop."""
    feeds = tmp / "feeds.yaml"
    feeds.write_text(NO_SOURCES, encoding="utf-8")
    async with BotApiEmulator(TOKEN) as emu:
        config = Config(
            token=TOKEN, api_base=emu.base_url, db_path=tmp / "kim.sqlite3", feeds_file=feeds,
            admin_ids=frozenset(), desk_chat_id=None, kabupaten="61.06",
            timezone=ZoneInfo("Asia/Pontianak"), quiet_hours=None,
        )  # fmt: skip
        async with running_bot(config):
            await emu.wait_for(lambda e: e.polling > 0, timeout=60)
            yield emu


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1) if ordered else 0.0


async def run(count: int, items: int, runs: int, processes: int | None) -> None:
    """Alternate baseline and full runs; print medians and the ratio as one JSON line."""
    changed, unchanged, rates, base_rates, during = [], [], [], [], []
    workers = FeedWorkers(processes)
    workers.start()
    with tempfile.TemporaryDirectory() as tmp:
        async with running_kim_bot(Path(tmp)) as emu:
            probe = Probe(emu, workers)
            idle = [await probe.start_latency_ms() for _ in range(20)]
            for _ in range(runs):
                base_s, base_entries = baseline(count, items)
                base_rates.append(base_entries / base_s)
                changed_s, unchanged_s, entries, latencies = await one_run(
                    count, items, workers, probe
                )
                changed.append(changed_s)
                unchanged.append(unchanged_s)
                rates.append(entries / changed_s)
                during += latencies
    await workers.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate, base_rate = statistics.median(rates), statistics.median(base_rates)
    print(json.dumps({
        "sources": count, "items": items, "runs": runs, "workers": workers.processes,
        "changed_cycle_s": round(statistics.median(changed), 2),
        "all_304_cycle_s": round(statistics.median(unchanged), 2),
        "entries_per_s": round(rate), "feedparser_only_entries_per_s": round(base_rate),
        "ratio_to_feedparser": round(rate / base_rate, 2), "peak_mb": round(peak_mb),
        "peak_mb_with_workers": round(max(probe.peak_total_mb, peak_mb)),
        "start_idle_ms_median": _ms(idle, 0.5),
        "start_during_cycle_ms_median": _ms(during, 0.5),
        "start_during_cycle_ms_p95": _ms(during, 0.95),
        "start_during_cycle_ms_max": _ms(during, 1.0), "start_during_cycle_n": len(during),
    }))  # fmt: skip


def main() -> None:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--workers", type=int, default=None, help="feed processes (default: the CPUs; 1: a thread)"
    )
    args = parser.parse_args()
    asyncio.run(run(args.sources, args.items, args.runs, args.workers))


if __name__ == "__main__":
    main()

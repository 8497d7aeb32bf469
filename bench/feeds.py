"""Feed polling benchmark: 200 sources × 50 items served by a local HTTP server.

Measures one full poll cycle when every source changed (fetch, parse, route, de-duplicate,
store) and one when every source answers 304, items parsed per second, and peak memory
(ru_maxrss), with feedparser alone on the same documents as the in-process baseline.
Prints medians over --runs runs as one JSON line.
Run: `python bench/feeds.py [--sources 200] [--items 50] [--runs 3]`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import feedparser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.store import Store
from broadcasts.akses.feeds import FeedsConfig, Source, Topic, make_client
from broadcasts.akses.poll import Poller
from tests.feeds_server import running_feeds_server

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


async def one_run(count: int, items: int) -> tuple[float, float, int]:
    """Serve fresh feeds into a fresh database; (changed s, all-304 s, entries parsed)."""
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
                poller = Poller(store, config, client)
                now = datetime.now(UTC)
                changed = await cycle(poller, sources, now)
                unchanged = await cycle(poller, sources, now + timedelta(minutes=30))
            await store.close()
    return changed[0], unchanged[0], changed[1]


def baseline(count: int, items: int) -> tuple[float, int]:
    """feedparser alone on the same documents, in this process: (seconds, entries)."""
    docs = [feed(n, items, 1) for n in range(count)]
    started = time.perf_counter()
    entries = sum(len(feedparser.parse(doc).entries) for doc in docs)
    return time.perf_counter() - started, entries


async def run(count: int, items: int, runs: int) -> None:
    """Alternate baseline and full runs; print medians and the ratio as one JSON line."""
    changed, unchanged, rates, base_rates = [], [], [], []
    for _ in range(runs):
        base_s, base_entries = baseline(count, items)
        base_rates.append(base_entries / base_s)
        changed_s, unchanged_s, entries = await one_run(count, items)
        changed.append(changed_s)
        unchanged.append(unchanged_s)
        rates.append(entries / changed_s)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate, base_rate = statistics.median(rates), statistics.median(base_rates)
    print(json.dumps({
        "sources": count, "items": items, "runs": runs,
        "changed_cycle_s": round(statistics.median(changed), 2),
        "all_304_cycle_s": round(statistics.median(unchanged), 2),
        "entries_per_s": round(rate), "feedparser_only_entries_per_s": round(base_rate),
        "ratio_to_feedparser": round(rate / base_rate, 2), "peak_mb": round(peak_mb),
    }))  # fmt: skip


def main() -> None:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(run(args.sources, args.items, args.runs))


if __name__ == "__main__":
    main()

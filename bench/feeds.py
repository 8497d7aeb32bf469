"""Feed polling benchmark: 200 sources × 50 items served by a local HTTP server.

Measures one full poll cycle when every source changed (fetch, parse, route, de-duplicate,
store) and one when every source answers 304, items parsed per second, and peak memory
(ru_maxrss). Run: `python bench/feeds.py [--sources 200] [--items 50]`.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.store import Store
from broadcasts.feeds import FeedsConfig, Source, Topic, make_client
from broadcasts.news_poll import Poller
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


async def run(count: int, items: int) -> None:
    """Serve the feeds, run the two cycles and print the figures."""
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
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{count} sources x {items} items")
    print(f"all changed : {changed[0]:.2f} s, {changed[1]} entries parsed, {changed[2]} stored, "
          f"{changed[1] / changed[0]:.0f} entries/s")  # fmt: skip
    print(f"all 304     : {unchanged[0]:.2f} s, {unchanged[1]} entries parsed")
    print(f"peak memory : {peak_mb:.0f} MB (ru_maxrss, whole process incl. the server)")


def main() -> None:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(run(args.sources, args.items))


if __name__ == "__main__":
    main()

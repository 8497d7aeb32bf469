"""Feed workers: documents parsed in a process pool; a dying worker is replaced and reported."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Sequence
from contextlib import suppress
from functools import partial
from pathlib import Path

from bot.store import utcnow
from broadcasts.akses.feeds import FeedsConfig, Source, Topic
from broadcasts.akses.jobs import poll_feed
from broadcasts.akses.poll import Poller
from broadcasts.akses.workers import Digested, FeedWorkers, digest_document
from tests.akses.conftest import poller, rss, store_of
from tests.conftest import Hub
from tests.feeds_server import FeedsServer

DEADLY = b"<!-- MATI -->"
PADI_LIKE = ("Panen padi di Embaloh Hilir", "https://portal-a.contoh.id/padi", "Petani.")


def die_on_marker(
    marker: Path,
    body: bytes,
    url: str,
    content_type: str | None,
    source: Source,
    topics: Sequence[Topic],
) -> Digested:
    """In a worker: die the way a crashing parser does, when the document says so or once
    while the marker file exists (the worker that dies removes it)."""
    if DEADLY in body or marker.exists():
        marker.unlink(missing_ok=True)
        os._exit(70)
    return digest_document(body, url, content_type, source, topics)


def with_workers(hub: Hub, workers: FeedWorkers) -> Poller:
    """Give the hub's poller these workers (the old ones are closed by the test)."""
    old = poller(hub)
    fresh = Poller(old.store, old.feeds, old.client, workers=workers)
    hub.services.add(fresh)
    return fresh


async def run_poll(hub: Hub, source_id: str) -> None:
    """Run the scheduled poll job of one source now."""
    assert hub.app.job_queue is not None
    job = hub.app.job_queue.run_once(poll_feed, 3600, data=source_id, name="uji")
    await job.run(hub.app)
    job.schedule_removal()
    for scheduled in hub.app.job_queue.get_jobs_by_name(f"broadcast:feed:{source_id}"):
        scheduled.schedule_removal()


async def test_a_dying_worker_is_replaced_the_document_parsed_and_the_desk_told(
    news_hub: Hub, feeds_server: FeedsServer, tmp_path: Path
) -> None:
    hub = news_hub
    marker = tmp_path / "die-once"
    marker.touch()
    workers = FeedWorkers(processes=2, task=partial(die_on_marker, marker))
    try:
        with_workers(hub, workers)
        feeds_server.add("/a.xml", rss([PADI_LIKE]))
        await run_poll(hub, "portal-a")
    finally:
        await workers.close()
    assert workers.crashes == 1
    assert await store_of(hub).count_pending_news() == 1  # parsed again in the new pool
    desk = [m["text"] for m in hub.emu.sent(hub.desk)]
    assert any("berhenti mendadak" in text and "portal-a" in text for text in desk), desk


async def test_a_document_that_kills_every_worker_is_refetched_later(
    news_hub: Hub, feeds_server: FeedsServer
) -> None:
    hub = news_hub
    workers = FeedWorkers(processes=2, task=partial(die_on_marker, Path("/nonexistent")))
    source = hub.service(FeedsConfig).source("portal-a")
    try:
        fresh = with_workers(hub, workers)
        feeds_server.add("/a.xml", rss([PADI_LIKE]).replace("<channel>", "<channel><!-- MATI -->"),
                         etag='"v1"')  # fmt: skip
        report = await fresh.poll(source, utcnow())
        assert report.crash is not None
        assert report.problem is not None
        assert "berhenti mendadak" in report.problem
        assert workers.crashes == 2
        state = await store_of(hub).feed_state("portal-a")
        assert state is not None
        assert state.etag is None  # not stored: the next poll asks for the document again
        assert state.last_error is not None
        feeds_server.add("/a.xml", rss([PADI_LIKE]), etag='"v2"')
        again = await fresh.poll(source, utcnow())
    finally:
        await workers.close()
    assert feeds_server.requests[-1].headers.get("If-None-Match") is None
    assert (again.result.status, again.counts.new, again.crash) == (200, 1, None)


async def test_one_cpu_parses_in_a_thread() -> None:
    workers = FeedWorkers(processes=1)
    assert not workers.uses_processes
    source = Source("s", "S", "https://a.id/rss", ("umum",), "auto")
    document = rss([PADI_LIKE]).encode()
    digested = await workers.digest(document, source.url, None, source, ())
    await workers.close()
    assert (digested.entries, len(digested.items)) == (1, 1)
    assert workers.worker_pids() == []


# A bot in miniature: its feed workers parse one document, it prints their pids and waits.
OWNER = """
import asyncio, sys
from broadcasts.akses.feeds import Source
from broadcasts.akses.workers import FeedWorkers
from tests.akses.conftest import rss
from tests.akses.test_workers import PADI_LIKE

async def main():
    workers = FeedWorkers(processes=2)
    source = Source("a", "A", "http://127.0.0.1/a.xml", ("pertanian",), "review")
    await workers.digest(rss([PADI_LIKE]).encode(), source.url, None, source, ())
    print(*workers.worker_pids(), flush=True)
    sys.stdin.read()

asyncio.run(main())
"""


async def ended(pid: int) -> None:
    """Return once process `pid` (not necessarily a child) has ended."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return
    gone = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_reader(handle, gone.set)
    try:
        await gone.wait()
    finally:
        loop.remove_reader(handle)
        os.close(handle)


async def test_the_workers_of_a_killed_bot_end_with_it() -> None:
    owner = await asyncio.create_subprocess_exec(
        sys.executable, "-c", OWNER, cwd=Path(__file__).parents[2],
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert owner.stdout is not None
    pids = [int(p) for p in (await asyncio.wait_for(owner.stdout.readline(), 60)).split()]
    assert pids
    owner.kill()  # SIGKILL: the pool is never shut down
    try:
        await asyncio.wait_for(asyncio.gather(*(ended(pid) for pid in pids)), 10)
    finally:  # a worker left waiting for work forever is ended here, not left behind
        for pid in pids:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        await asyncio.wait_for(owner.communicate(), 10)  # its pipes close once its workers end

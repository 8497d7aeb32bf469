"""Parse and normalise feed documents off the event loop, on every core the bot may use.

feedparser and the summaries' sanitising and truncating are CPU work: in threads they share
the GIL with the event loop. ``FeedWorkers`` runs them in a process pool sized to the CPUs
this process may use (forkserver workers, which import the feed code once), or in a thread
when there is one CPU. A worker that dies (``BrokenProcessPool``) is replaced by a fresh
pool and the document is parsed once more there; one that kills the fresh pool too is
given up as ``WorkerCrash``. Either way the crash is logged and told in ``Digested.crash``.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import select
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from broadcasts.akses.feeds import NewsItem, Source, Topic, items_from_feed
from broadcasts.akses.feeds.parse import parse_feed_sync

log = logging.getLogger(__name__)
WORKER_NICENESS = 10


@dataclass(frozen=True)
class Digested:
    """One document parsed, normalised, filtered and routed (what crosses back from a worker)."""

    entries: int
    items: tuple[NewsItem, ...]
    problem: str | None
    malformed: bool
    crash: str | None = None  # a worker died on the way (recovered from), in plain words


class WorkerCrash(Exception):
    """The document could not be parsed: its worker process died, twice."""


def digest_document(
    body: bytes, url: str, content_type: str | None, source: Source, topics: Sequence[Topic]
) -> Digested:
    """Parse a feed document and turn it into the source's routed items (in a worker)."""
    parsed = parse_feed_sync(body, url, content_type)
    items = tuple(items_from_feed(parsed, source, topics))
    return Digested(len(parsed.entries), items, parsed.problem, parsed.malformed)


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _new_pool(size: int) -> ProcessPoolExecutor:
    """A pool whose workers fork from a server that imported this module once (no fork of the
    threaded bot itself); spawn where there is no forkserver."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload([__name__])
    return ProcessPoolExecutor(
        size, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    )


def _start_worker(bot_pid: int) -> None:
    """In a new worker: a lower priority, so replies on the event loop come first; and an end
    with the bot. A worker waits for work on a pipe it holds both ends of, so when the bot is
    killed (SIGKILL: no shutdown) it would wait forever, and keep the forkserver alive too."""
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    threading.Thread(target=_exit_with, args=(bot_pid,), name="bot-watch", daemon=True).start()


def _exit_with(pid: int) -> None:
    """Exit this worker process once process `pid` has ended."""
    try:
        handle = os.pidfd_open(pid)  # readable when the process ends (Linux)
    except (AttributeError, OSError):
        while _running(pid):
            time.sleep(1)
    else:
        select.select([handle], [], [])
    os._exit(0)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


Task = Callable[[bytes, str, "str | None", Source, Sequence[Topic]], Digested]


class FeedWorkers:
    """Where documents are digested: a process pool of ``processes``, or a thread for 1.

    ``task`` is what a worker runs (a module-level function, pickled by name).
    """

    def __init__(self, processes: int | None = None, task: Task = digest_document) -> None:
        self.processes = max(1, usable_cpus() if processes is None else processes)
        self.task = task
        self._pool: ProcessPoolExecutor | None = None
        self.crashes = 0

    @property
    def uses_processes(self) -> bool:
        """True when documents go to worker processes rather than a thread."""
        return self.processes > 1

    def start(self) -> None:
        """Create the pool (its processes start with the first documents)."""
        if self.uses_processes and self._pool is None:
            self._pool = _new_pool(self.processes)

    async def close(self) -> None:
        """Stop the pool, waiting for its processes to exit."""
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)

    def worker_pids(self) -> list[int]:
        """The pool's live worker processes (for measuring their memory)."""
        processes = getattr(self._pool, "_processes", None) or {}
        return [pid for pid, process in processes.items() if process.is_alive()]

    async def digest(
        self,
        body: bytes,
        url: str,
        content_type: str | None,
        source: Source,
        topics: Sequence[Topic],
    ) -> Digested:
        """Digest one document off the event loop; raise WorkerCrash if it kills two pools."""
        args = (body, url, content_type, source, tuple(topics))
        if not self.uses_processes:
            return await asyncio.to_thread(self.task, *args)
        crash = None
        for _ in range(2):
            if self._pool is None:
                self.start()
            pool = self._pool
            assert pool is not None
            try:
                digested = await asyncio.wrap_future(pool.submit(self.task, *args))
            except BrokenProcessPool as error:
                crash = self._replace(pool, source, error)
                continue
            return digested if crash is None else _with_crash(digested, crash)
        raise WorkerCrash(f"{crash}; dokumen ini dilewati")

    def _replace(self, pool: ProcessPoolExecutor, source: Source, error: Exception) -> str:
        """Retire a broken pool (once, whoever notices first); describe the crash."""
        if self._pool is pool:
            self._pool = None
            self.crashes += 1
            pool.shutdown(wait=False, cancel_futures=True)
            log.error("feed %s: proses pengurai berhenti mendadak (%s); pool diganti",
                      source.id, error)  # fmt: skip
        return "proses pengurai feed berhenti mendadak"


def _with_crash(digested: Digested, crash: str) -> Digested:
    return Digested(digested.entries, digested.items, digested.problem, digested.malformed, crash)

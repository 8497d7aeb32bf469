"""Poll one source and store its new items: fetch → parse → filter/route → de-duplicate → store.

Shared by the scheduled job, ``kim-bot feeds poll --once`` and the benchmark. A poll never
raises for a bad source or a malformed document: the problem lands in the report and in
the source's state, and the poller moves on.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import aiohttp

from bot.models.akses import FeedRecord, NewsDraft, NewsStatus
from bot.store import Store
from broadcasts.akses import health as feed_health
from broadcasts.akses.dedupe import RecentNewsIndex
from broadcasts.akses.feeds import (
    MAX_IN_FLIGHT,
    FeedsConfig,
    FetchResult,
    FetchState,
    NewsItem,
    Source,
    fetch,
    title_key,
)
from broadcasts.akses.workers import Digested, FeedWorkers, WorkerCrash

log = logging.getLogger(__name__)
DEDUPE_WINDOW = timedelta(days=3)
INDEX_REFRESH = timedelta(hours=6)


@dataclass
class IngestCounts:
    """What became of a batch of items."""

    new: int = 0
    duplicates: int = 0
    known: int = 0
    new_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class PollReport:
    """The outcome of one poll, for logs, the CLI and the benchmark."""

    source: Source
    result: FetchResult
    entries: int
    counts: IngestCounts
    problem: str | None
    elapsed_s: float
    health: feed_health.HealthChange | None
    malformed: bool = False  # the document is not well-formed or has nothing readable
    crash: str | None = None  # a parser process died on the way (the desk is told)


class NewsIngest:
    """Stores items, de-duplicated against recent items of every source (index kept in memory)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._index: RecentNewsIndex | None = None
        self._built_at: datetime | None = None
        # Polls run concurrently; matching and storing a batch must not interleave, or two
        # sources' copies of one story could both pass as new.
        self._lock = asyncio.Lock()

    async def _recent(self, now: datetime) -> RecentNewsIndex:
        stale = self._built_at is None or now - self._built_at > INDEX_REFRESH
        if self._index is None or stale:
            self._index = RecentNewsIndex(await self.store.recent_news(now - DEDUPE_WINDOW))
            self._built_at = now
        return self._index

    async def ingest(
        self, items: Sequence[NewsItem], status: NewsStatus, now: datetime, by: int | None = None
    ) -> IngestCounts:
        """Store the new items with `status`; duplicates are kept as such, known ones skipped."""
        async with self._lock:
            return await self._ingest(items, status, now, by)

    async def _ingest(
        self, items: Sequence[NewsItem], status: NewsStatus, now: datetime, by: int | None
    ) -> IngestCounts:
        index = await self._recent(now)
        counts, drafts, fresh = IngestCounts(), [], []
        batch = RecentNewsIndex()
        for item in items:
            match = index.match(item)
            if match.verdict == "known" or batch.match(item, near=False).verdict == "known":
                counts.known += 1
                continue
            batch.add(item, 0)
            draft_status = status if match.verdict == "new" else NewsStatus.DUPLICATE
            drafts.append(_draft(item, draft_status, match.duplicate_of, by))
            fresh.append(item)
        for item, draft, news_id in zip(
            fresh, drafts, await self.store.add_news(drafts), strict=True
        ):
            if news_id is None:
                counts.known += 1
                continue
            index.add(item, news_id)
            if draft.status == NewsStatus.DUPLICATE:
                counts.duplicates += 1
            else:
                counts.new += 1
                counts.new_ids.append(news_id)
        return counts


def _draft(
    item: NewsItem, status: NewsStatus, duplicate_of: int | None, by: int | None
) -> NewsDraft:
    return NewsDraft(
        source_id=item.source_id, guid=item.guid, link=item.link, title=item.title,
        title_key=item.key or title_key(item.title), summary_html=item.summary_html,
        published_at=item.published_at, image_url=item.image_url, topics=item.topics,
        status=status, duplicate_of=duplicate_of, curated_by=by,
    )  # fmt: skip


def _fetch_state(record: FeedRecord | None) -> FetchState | None:
    if record is None:
        return None
    return FetchState(
        record.etag, record.last_modified, record.consecutive_failures, record.failing_since,
        record.next_due,
    )  # fmt: skip


class Poller:
    """Polls sources with one HTTP client, one ingest index and the feed workers (a thread
    when none are given)."""

    def __init__(
        self,
        store: Store,
        feeds: FeedsConfig,
        client: aiohttp.ClientSession,
        *,
        workers: FeedWorkers | None = None,
        notify: bool = True,
    ) -> None:
        self.store, self.feeds, self.client = store, feeds, client
        self.workers = workers or FeedWorkers(processes=1)
        self.ingest = NewsIngest(store)
        self._fetching = asyncio.Semaphore(MAX_IN_FLIGHT)
        # Without a bot (the CLI) no notice can go out: leave health changes to the bot.
        self.notify = notify

    async def poll(self, source: Source, now: datetime) -> PollReport:
        """Poll one source now, store what is new, remember the source's state."""
        started = time.perf_counter()
        previous = await self.store.feed_state(source.id)
        async with self._fetching:
            result = await fetch(
                self.client, source, _fetch_state(previous), defaults=self.feeds.defaults, now=now
            )
        digest = _Digest()
        if result.body is not None:
            digest = await self._digest_body(source, result, now)
            if digest.lost:  # not stored: fetch the document again next time, not a 304
                result = _forget_validators(result, previous)
        notified, health = feed_health.assess(source, previous, result)
        if not self.notify:
            notified, health = bool(previous and previous.failure_notified), None
        await self.store.save_feed_state(_record(source, result, notified, digest.problem))
        elapsed = time.perf_counter() - started
        return PollReport(source, result, digest.entries, digest.counts, digest.problem, elapsed,
                          health, digest.malformed, digest.crash)  # fmt: skip

    async def _digest_body(self, source: Source, result: FetchResult, now: datetime) -> _Digest:
        """Parse, route and store a fetched document; never raises."""
        assert result.body is not None
        url = result.final_url or source.url
        try:
            digested = await self.workers.digest(
                result.body, url, result.content_type, source, self.feeds.topics
            )
            status = NewsStatus.APPROVED if source.curation == "auto" else NewsStatus.PENDING
            counts = await self.ingest.ingest(digested.items, status, now)
        except WorkerCrash as crash:
            return _Digest(problem=str(crash), malformed=True, crash=str(crash), lost=True)
        except Exception as error:  # one bad document must never stop the poller
            log.exception("feed %s: document could not be processed", source.id)
            problem = f"gagal diproses: {type(error).__name__}"
            return _Digest(problem=problem, malformed=True, lost=True)
        return _digest_of(digested, counts)


@dataclass(frozen=True)
class _Digest:
    """What became of a fetched document."""

    entries: int = 0
    counts: IngestCounts = field(default_factory=IngestCounts)
    problem: str | None = None
    malformed: bool = False
    crash: str | None = None
    lost: bool = False  # its items could not be stored


def _digest_of(digested: Digested, counts: IngestCounts) -> _Digest:
    return _Digest(digested.entries, counts, digested.problem, digested.malformed, digested.crash)


def _forget_validators(result: FetchResult, previous: FeedRecord | None) -> FetchResult:
    """The result with the validators of before, so the server sends the document again."""
    etag = previous.etag if previous else None
    last_modified = previous.last_modified if previous else None
    return dataclasses.replace(result, etag=etag, last_modified=last_modified)


def _record(source: Source, result: FetchResult, notified: bool, problem: str | None) -> FeedRecord:
    return FeedRecord(
        source_id=source.id, etag=result.etag, last_modified=result.last_modified,
        consecutive_failures=result.consecutive_failures, failing_since=result.failing_since,
        next_due=result.next_due, last_polled_at=result.fetched_at, last_status=result.status,
        last_error=result.error or problem, failure_notified=notified,
    )  # fmt: skip

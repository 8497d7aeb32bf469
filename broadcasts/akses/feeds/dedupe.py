"""De-duplicate news items across sources and turn a parsed feed into routed items.

The same story from three portals must reach a KIM once: items match by canonical link,
by GUID (a URL GUID is compared as a link; an opaque one only within its source) and by
near-identical titles.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterable, Sequence

from broadcasts.akses.feeds.model import Source, Topic
from broadcasts.akses.feeds.normalize import (
    NewsItem,
    canonical_link,
    is_near_duplicate,
    normalize_entry,
    title_key,
)
from broadcasts.akses.feeds.parse import ParsedFeed
from broadcasts.akses.feeds.topics import assign_topics, passes_filters


class DedupeIndex:
    """Remembers seen items; ``find`` returns an earlier item the new one duplicates."""

    def __init__(self, known: Iterable[NewsItem] = ()) -> None:
        self._by_key: dict[str, NewsItem] = {}
        self._titles: list[tuple[str, NewsItem]] = []
        for item in known:
            self.add(item)

    def find(self, item: NewsItem) -> NewsItem | None:
        """Return the already-seen item this one duplicates, or None."""
        for key in identity_keys(item):
            if key in self._by_key:
                return self._by_key[key]
        key = title_key(item.title)
        for other_key, other in self._titles:
            if key and is_near_duplicate(key, other_key):
                return other
        return None

    def add(self, item: NewsItem) -> None:
        """Remember an item."""
        for key in identity_keys(item):
            self._by_key.setdefault(key, item)
        self._titles.append((title_key(item.title), item))


def identity_keys(item: NewsItem) -> tuple[str, ...]:
    """Keys under which two items are the same story."""
    keys = [f"link:{item.link}"]
    if item.guid.startswith(("http://", "https://")):
        keys.append(f"link:{canonical_link(item.guid)}")
    else:
        keys.append(f"guid:{item.source_id}:{item.guid}")
    return tuple(keys)


def deduplicate(items: Iterable[NewsItem], known: Iterable[NewsItem] = ()) -> list[NewsItem]:
    """Return `items` without duplicates of each other or of `known`, first one wins."""
    index = DedupeIndex(known)
    unique: list[NewsItem] = []
    for item in items:
        if index.find(item) is None:
            unique.append(item)
            index.add(item)
    return unique


def items_from_feed(feed: ParsedFeed, source: Source, topics: Sequence[Topic]) -> list[NewsItem]:
    """Normalise a parsed feed, keep items passing the filters, and assign topics."""
    items: list[NewsItem] = []
    for entry in feed.entries:
        item = normalize_entry(entry, source.id, feed.url)
        if passes_filters(item, source):
            items.append(dataclasses.replace(item, topics=assign_topics(item, source, topics)))
    return items


async def items_from_feed_async(
    feed: ParsedFeed, source: Source, topics: Sequence[Topic]
) -> list[NewsItem]:
    """``items_from_feed`` in a worker thread (sanitising full-text feeds takes a while)."""
    return await asyncio.to_thread(items_from_feed, feed, source, topics)

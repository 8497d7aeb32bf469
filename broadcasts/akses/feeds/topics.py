"""Route news items: normalise a parsed feed, apply a source's include/exclude filters, and
assign topics by keyword.

Matching is whole-word and case-insensitive on the title plus the summary's text; a
multi-word keyword matches across any whitespace.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from broadcasts.akses.feeds.model import Source, Topic
from broadcasts.akses.feeds.normalize import NewsItem, normalize_entry
from broadcasts.akses.feeds.parse import ParsedFeed

_TAG_RE = re.compile(r"<[^>]*>")


def item_text(item: NewsItem) -> str:
    """Return the plain text keywords are matched against: title and summary."""
    summary = html.unescape(_TAG_RE.sub(" ", item.summary_html))
    return f"{item.title}\n{summary}"


@lru_cache(maxsize=2048)
def _keyword_re(keyword: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in keyword.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def matches_any(text: str, keywords: Iterable[str]) -> bool:
    """True if any keyword occurs in `text` as a whole word (case-insensitive)."""
    return any(_keyword_re(k).search(text) for k in keywords if k.strip())


def assign_topics(item: NewsItem, source: Source, topics: Sequence[Topic]) -> tuple[str, ...]:
    """Return the source's topics whose keywords occur in the item; all of them if none do."""
    text = item_text(item)
    matched = tuple(
        topic.id
        for topic in topics
        if topic.id in source.topics and matches_any(text, topic.keywords)
    )
    return matched or source.topics


def passes_filters(item: NewsItem, source: Source) -> bool:
    """True if the item has an include keyword (when any are set) and no exclude keyword."""
    text = item_text(item)
    if source.include and not matches_any(text, source.include):
        return False
    return not matches_any(text, source.exclude)


def items_from_feed(feed: ParsedFeed, source: Source, topics: Sequence[Topic]) -> list[NewsItem]:
    """Normalise a parsed feed, keep items passing the filters, and assign topics."""
    items: list[NewsItem] = []
    for entry in feed.entries:
        item = normalize_entry(entry, source.id, feed.url)
        if passes_filters(item, source):
            items.append(dataclasses.replace(item, topics=assign_topics(item, source, topics)))
    return items

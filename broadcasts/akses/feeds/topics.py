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
def _keywords_re(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for a list of keywords: any of them as a whole word (None for none)."""
    phrases = [r"\s+".join(re.escape(word) for word in k.split()) for k in keywords if k.strip()]
    if not phrases:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)", re.IGNORECASE)


def matches_any(text: str, keywords: Iterable[str]) -> bool:
    """True if any keyword occurs in `text` as a whole word (case-insensitive)."""
    pattern = _keywords_re(tuple(keywords))
    return pattern is not None and pattern.search(text) is not None


def assign_topics(
    item: NewsItem, source: Source, topics: Sequence[Topic], text: str | None = None
) -> tuple[str, ...]:
    """Return the source's topics whose keywords occur in the item; all of them if none do.
    ``text``: the item's ``item_text``, when the caller has it already."""
    text = item_text(item) if text is None else text
    matched = tuple(
        topic.id
        for topic in topics
        if topic.id in source.topics and matches_any(text, topic.keywords)
    )
    return matched or source.topics


def passes_filters(item: NewsItem, source: Source, text: str | None = None) -> bool:
    """True if the item has an include keyword (when any are set) and no exclude keyword."""
    text = item_text(item) if text is None else text
    if source.include and not matches_any(text, source.include):
        return False
    return not matches_any(text, source.exclude)


def items_from_feed(feed: ParsedFeed, source: Source, topics: Sequence[Topic]) -> list[NewsItem]:
    """Normalise a parsed feed, keep items passing the filters, and assign topics (the
    item's text worked out once for both)."""
    items: list[NewsItem] = []
    for entry in feed.entries:
        item = normalize_entry(entry, source.id, feed.url)
        text = item_text(item)
        if passes_filters(item, source, text):
            routed = assign_topics(item, source, topics, text)
            items.append(dataclasses.replace(item, topics=routed))
    return items

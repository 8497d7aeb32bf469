"""Turn a curator's hand-posted text or link into a news item (pure)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Sequence

from bot.models.akses import MANUAL_SOURCE
from bot.telegram_html import escape
from bot.telegram_length import truncate_html
from broadcasts.akses.feeds import NewsItem, Source, Topic, assign_topics, canonical_link
from broadcasts.akses.feeds.normalize import SUMMARY_LIMIT

URL_RE = re.compile(r"https?://[^\s<>\"]+")
MIN_TITLE = 5
MAX_TITLE = 200


def manual_item(text: str, topics: Sequence[Topic]) -> NewsItem | None:
    """First line without a link is the title, the rest the summary; None without a title."""
    urls = [u.rstrip(".,;:)!?") for u in URL_RE.findall(text)]
    lines = [URL_RE.sub("", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines or len(lines[0]) < MIN_TITLE:
        return None
    title = " ".join(lines[0].split())[:MAX_TITLE]
    summary = truncate_html(escape("\n".join(lines[1:])), SUMMARY_LIMIT)
    digest = hashlib.sha1(text.strip().encode(), usedforsecurity=False).hexdigest()[:16]
    link = canonical_link(urls[0]) if urls else f"kim-hub:manual:{digest}"
    item = NewsItem(MANUAL_SOURCE, link, link, title, summary, None, None)
    every = Source(MANUAL_SOURCE, "Diskominfo", "", tuple(t.id for t in topics), "review")
    return dataclasses.replace(item, topics=assign_topics(item, every, topics))

"""Run feedparser off the event loop and turn its output into plain dataclasses.

``parse_feed`` never raises on malformed input: it extracts whatever entries feedparser can
and describes any problem in plain words in ``ParsedFeed.problem``.
"""

from __future__ import annotations

import asyncio
import calendar
import logging
import time
import warnings
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

_log = logging.getLogger(__name__)
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")


@dataclass(frozen=True)
class FeedEntry:
    """One entry as the feed gave it: raw HTML, links and dates not yet normalised."""

    guid: str | None
    link: str | None
    title: str
    summary_html: str
    content_html: str
    published_at: datetime | None
    image_candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed document: its entries plus a plain-words problem, if any."""

    url: str
    version: str
    title: str
    entries: tuple[FeedEntry, ...]
    problem: str | None = None


async def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed document in a worker thread; never raises."""
    return await asyncio.to_thread(parse_feed_sync, body, url, content_type)


def parse_feed_sync(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed document in the calling thread; never raises."""
    try:
        # feedparser warns (e.g. its updated/published fallback is deprecated); under
        # -W error that must not lose the feed, so warnings are silenced for the whole read.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _parse(body, url, content_type)
    except Exception as exc:  # feedparser should not raise, but a poller must not die
        _log.warning("feed %s: feedparser failed: %r", url, exc)
        return ParsedFeed(url, "", "", (), problem=f"pengurai gagal: {type(exc).__name__}")


def _parse(body: bytes, url: str, content_type: str | None) -> ParsedFeed:
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    result: Any = feedparser.parse(body, response_headers=headers)
    entries = tuple(_entry(raw) for raw in result.entries)
    problem = describe_problem(result, len(entries))
    if problem:
        _log.info("feed %s: %s (%d entri terbaca)", url, problem, len(entries))
    feed_title = str(result.feed.get("title", "")).strip()
    return ParsedFeed(url, str(result.get("version", "")), feed_title, entries, problem)


def describe_problem(result: Any, entry_count: int) -> str | None:
    """Explain feedparser's bozo exception (or an empty/non-feed document) in plain words."""
    exc = result.get("bozo_exception") if result.get("bozo") else None
    if exc is None:
        if entry_count:
            return None
        if not result.get("version"):
            return "bukan dokumen RSS/Atom (tidak ada entri)"
        return "feed terbaca tetapi tidak berisi entri"
    if isinstance(exc, xml.sax.SAXParseException):
        text = f"XML rusak di baris {exc.getLineNumber()}: {exc.getMessage()}"
    elif isinstance(exc, feedparser.CharacterEncodingOverride):
        text = f"pengodean karakter salah dinyatakan; dibaca sebagai {result.get('encoding')}"
    elif isinstance(exc, feedparser.CharacterEncodingUnknown):
        text = "pengodean karakter tidak dikenali"
    elif isinstance(exc, feedparser.NonXMLContentType):
        text = f"tipe konten bukan XML ({exc})"
    else:
        text = f"{type(exc).__name__}: {exc}"
    if entry_count == 0:
        text += "; tidak ada entri yang bisa dibaca"
    return text


def _entry(raw: Any) -> FeedEntry:
    content = raw.get("content") or []
    return FeedEntry(
        guid=_clean(raw.get("id")),
        link=_link(raw),
        title=_clean(raw.get("title")) or "",
        summary_html=str(raw.get("summary") or ""),
        content_html=str(content[0].get("value", "")) if content else "",
        published_at=_timestamp(raw.get("published_parsed") or raw.get("updated_parsed")),
        image_candidates=_images(raw),
    )


def _clean(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _link(raw: Any) -> str | None:
    """Prefer FeedBurner's original link over its redirector."""
    return _clean(raw.get("feedburner_origlink")) or _clean(raw.get("link"))


def _timestamp(parsed: time.struct_time | None) -> datetime | None:
    """feedparser's struct_time is UTC; return an aware UTC datetime."""
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _images(raw: Any) -> tuple[str, ...]:
    """Image URLs from media:content, media:thumbnail and image enclosures, in that order."""
    found: list[str] = []
    for media in raw.get("media_content") or []:
        if _is_image(media.get("url"), media.get("type"), media.get("medium")):
            found.append(media["url"])
    found.extend(t["url"] for t in raw.get("media_thumbnail") or [] if t.get("url"))
    for link in raw.get("links") or []:
        if link.get("rel") == "enclosure" and _is_image(link.get("href"), link.get("type"), None):
            found.append(link["href"])
    return tuple(dict.fromkeys(u.strip() for u in found if u and u.strip()))


def _is_image(url: str | None, mime: str | None, medium: str | None) -> bool:
    if not url:
        return False
    if medium or mime:
        return medium == "image" or (mime or "").startswith("image/")
    return url.lower().split("?")[0].endswith(_IMAGE_EXTENSIONS)

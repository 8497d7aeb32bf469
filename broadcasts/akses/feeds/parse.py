"""Run feedparser and turn its output into plain dataclasses.

feedparser only parses: its HTML sanitising and relative-link resolving are off, because
normalising sanitises every summary once with nh3 (bot.telegram_html), resolving links
against the xml:base feedparser reports (``FeedEntry.base``). ``parse_feed_sync`` never
raises on malformed input: it extracts whatever entries feedparser can and describes any
problem in Indonesian words in ``ParsedFeed.problem``.
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
from xml.parsers.expat import errors as expat_errors

import feedparser

_log = logging.getLogger(__name__)
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")
# expat's English messages, in the words a Diskominfo operator reads.
_XML_ERRORS = {
    expat_errors.XML_ERROR_INVALID_TOKEN: "ada karakter atau tanda yang tidak sah",
    expat_errors.XML_ERROR_TAG_MISMATCH: "tag penutup tidak cocok dengan tag pembukanya",
    expat_errors.XML_ERROR_UNDEFINED_ENTITY: "memakai entitas yang tidak didefinisikan",
    expat_errors.XML_ERROR_NO_ELEMENTS: "dokumen terpotong (berakhir sebelum selesai)",
    expat_errors.XML_ERROR_UNCLOSED_TOKEN: "dokumen terpotong di tengah tag",
    expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION: "bagian CDATA tidak ditutup",
    expat_errors.XML_ERROR_MISPLACED_XML_PI: "deklarasi XML tidak di awal dokumen",
    expat_errors.XML_ERROR_UNBOUND_PREFIX: "awalan namespace tidak dideklarasikan",
    expat_errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT: "ada isi sesudah akhir dokumen",
    expat_errors.XML_ERROR_SYNTAX: "kesalahan sintaks",
    expat_errors.XML_ERROR_DUPLICATE_ATTRIBUTE: "atribut yang sama ditulis dua kali",
    expat_errors.XML_ERROR_BAD_CHAR_REF: "rujukan karakter yang tidak sah",
    expat_errors.XML_ERROR_INCORRECT_ENCODING: "pengodean yang dinyatakan salah",
    expat_errors.XML_ERROR_UNKNOWN_ENCODING: "pengodean tidak dikenal",
}


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
    base: str | None = None  # what relative links in its HTML resolve against (xml:base)


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed document: its entries plus a plain-words problem, if any."""

    url: str
    version: str
    title: str
    entries: tuple[FeedEntry, ...]
    problem: str | None = None
    malformed: bool = False  # not well-formed XML, or nothing readable: a broken source


async def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed document in a worker thread; never raises (the poller uses FeedWorkers)."""
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
        problem = f"pengurai gagal: {type(exc).__name__}"
        return ParsedFeed(url, "", "", (), problem=problem, malformed=True)


def _parse(body: bytes, url: str, content_type: str | None) -> ParsedFeed:
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    result: Any = feedparser.parse(
        body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    entries = tuple(_entry(raw) for raw in result.entries)
    problem = describe_problem(result, len(entries))
    feed_title = str(result.feed.get("title", "")).strip()
    broken = problem is not None and (not entries or _not_well_formed(result))
    return ParsedFeed(url, str(result.get("version", "")), feed_title, entries, problem, broken)


def _not_well_formed(result: Any) -> bool:
    return bool(result.get("bozo")) and isinstance(
        result.get("bozo_exception"), xml.sax.SAXParseException
    )


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
        text = f"XML rusak di baris {exc.getLineNumber()}: {_xml_error(exc)}"
    elif isinstance(exc, feedparser.CharacterEncodingOverride):
        text = f"pengodean karakter salah dinyatakan; dibaca sebagai {result.get('encoding')}"
    elif isinstance(exc, feedparser.CharacterEncodingUnknown):
        text = "pengodean karakter tidak dikenali"
    elif isinstance(exc, feedparser.NonXMLContentType):
        text = "tipe konten bukan XML"
    else:
        text = f"dokumen tidak terbaca sepenuhnya ({type(exc).__name__})"
    if entry_count == 0:
        text += "; tidak ada entri yang bisa dibaca"
    return text


def _xml_error(exc: xml.sax.SAXParseException) -> str:
    """expat's message in Indonesian (the English one when it is not a known kind)."""
    message = exc.getMessage()
    return next((text for english, text in _XML_ERRORS.items() if english == message), message)


def _entry(raw: Any) -> FeedEntry:
    content = raw.get("content") or []
    detail = raw.get("summary_detail") or (content[0] if content else {})
    return FeedEntry(
        guid=_clean(raw.get("id")),
        link=_link(raw),
        title=_clean(raw.get("title")) or "",
        summary_html=str(raw.get("summary") or ""),
        content_html=str(content[0].get("value", "")) if content else "",
        published_at=_timestamp(raw.get("published_parsed") or raw.get("updated_parsed")),
        image_candidates=_images(raw),
        base=_clean(detail.get("base")),
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

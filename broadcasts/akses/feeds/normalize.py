"""Turn parsed feed entries into ``NewsItem``s: canonical link, Telegram-safe summary, image.

Also the pure keys used for de-duplication across sources: ``canonical_link`` and
``title_key`` / ``is_near_duplicate``.
"""

from __future__ import annotations

import difflib
import hashlib
import html as _html
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

import nh3

from bot.telegram_html import sanitize_html
from bot.telegram_length import truncate_html, visible_length
from broadcasts.akses.feeds.parse import FeedEntry

SUMMARY_LIMIT = 700
TITLE_LIMIT = 300  # a title is a line, not an article: a feed's overlong one is cut
UNTITLED_LIMIT = 80  # an untitled item is named by its summary's opening words
NEAR_DUPLICATE_RATIO = 0.9
_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "ref", "ref_src"})
_TRACKING_PREFIXES = ("utm_", "wt_", "at_", "__twitter")
_REDIRECT_PARAMS = ("url", "u", "q", "target", "dest")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Feedsportal hid the target URL in the path after /l/, with "0X" escapes.
_FEEDSPORTAL_CODES = {
    "A": "0", "B": ".", "C": "/", "D": "?", "E": "-", "F": "=", "G": "&", "H": ",", "I": "_",
    "J": "%", "K": "+", "L": "http://", "M": "https://", "N": ".com", "O": ".co.uk", "P": ";",
    "Q": "|", "R": ":", "S": "www.", "T": "#", "U": "$", "V": "~", "W": "!", "X": "(", "Y": ")",
}  # fmt: skip
_OUTLETS = (
    "antara", "antaranews", "detik", "detikcom", "detiknews", "tempo", "kompas", "liputan6",
    "republika", "viva", "okezone", "bbc", "cnn", "tribun", "tribunnews", "suara", "jpnn",
    "sindonews", "merdeka", "inews", "kumparan", "idn times", "pontianak post", "kalbar",
    "rri", "tvri", "metro tv", "news", "online", "indonesia",
)  # fmt: skip
_SUFFIX_RE = re.compile(r"\s+[-|\u2013\u2014:\u2022]\s+([^-|\u2013\u2014:\u2022]{2,40})$")
_IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR_RE = r"""\b{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
_AD_HOSTS = ("feedsportal.com", "doubleclick.net", "feedburner.com")
_TAG_RE = re.compile(r"<[^>]*>")
_NOT_ALNUM_RE = re.compile(r"[\W_]+")  # \w is str.isalnum() plus "_"
# Titles are plain text, but feeds put escaped HTML in them ("E = mc<sup>2</sup>", "&#x24;").
_TITLE_CLEANER = nh3.Cleaner(
    tags=set(), clean_content_tags={"script", "style"}, attributes={}, link_rel=None
)


@dataclass(frozen=True)
class NewsItem:
    """A normalised news item, ready for curation and delivery."""

    source_id: str
    guid: str
    link: str
    title: str
    summary_html: str
    published_at: datetime | None
    image_url: str | None
    topics: tuple[str, ...] = ()
    # De-duplication keys, worked out where the item is normalised (a feed worker), not on
    # the event loop: ``title_key(title)`` and a URL GUID's canonical form ("" = not yet).
    key: str = ""
    guid_link: str = ""


def normalize_entry(entry: FeedEntry, source_id: str, feed_url: str) -> NewsItem:
    """Normalise one entry (topics are assigned later, see ``topics.assign_topics``)."""
    link = _item_link(entry, feed_url)
    base = entry.base or link
    body = entry.summary_html if _has_text(entry.summary_html) else entry.content_html
    summary = summarize(body, base)
    guid = (entry.guid or link).strip()
    title = _clean_title(plain_title(entry.title)) or untitled(summary, link)
    return NewsItem(
        source_id=source_id,
        guid=guid,
        link=link,
        title=title,
        summary_html=summary,
        published_at=entry.published_at,
        image_url=lead_image(entry, base),
        key=title_key(title),
        guid_link=canonical_link(guid) if _is_url(guid) else "",
    )


def plain_title(title: str) -> str:
    """A feed's title as plain text: tags stripped (scripts with their content), entities
    decoded, once."""
    if "<" not in title and "&" not in title:
        return title
    return _html.unescape(_TITLE_CLEANER.clean(title))


def untitled(summary_html: str, link: str) -> str:
    """The title of an item without one: its summary's opening words, else its link (so two
    untitled items are not one story by their shared placeholder)."""
    text = " ".join(_html.unescape(_TAG_RE.sub(" ", summary_html)).split())
    if len(text) > UNTITLED_LIMIT:
        text = text[:UNTITLED_LIMIT].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"
    return text or link.split("://", 1)[-1]


def _item_link(entry: FeedEntry, feed_url: str) -> str:
    """The entry's canonical link; a linkless entry gets a stable anchor on the feed URL."""
    raw_link = entry.link or (entry.guid if _is_url(entry.guid) else None)
    if raw_link:
        return canonical_link(urljoin(feed_url, raw_link))
    digest = hashlib.sha1((entry.guid or entry.title).encode(), usedforsecurity=False)
    return f"{canonical_link(feed_url)}#{digest.hexdigest()[:12]}"


def summarize(html: str, base_url: str, limit: int = SUMMARY_LIMIT) -> str:
    """Sanitise to Telegram HTML and truncate to `limit` visible characters."""
    budget = limit * 4  # full-text feeds: sanitising whole articles is wasted work
    clean = sanitize_html(_precut(html, budget), base_url=base_url).strip()
    length = visible_length(clean)
    if len(html) > budget and length < limit:
        clean = sanitize_html(html, base_url=base_url).strip()
        length = visible_length(clean)
    return truncate_html(clean, limit) if length > limit else clean


def _precut(html: str, budget: int) -> str:
    """Cut raw HTML near `budget` characters, never inside a tag or an entity."""
    if len(html) <= budget:
        return html
    cut = html.rfind("<", 0, budget)
    cut = cut if cut > 0 else budget
    amp = html.rfind("&", 0, cut)
    if amp >= 0 and ";" not in html[amp:cut]:
        cut = amp
    return html[:cut]


@lru_cache(maxsize=16384)  # matching and indexing an item both canonicalise its GUID
def canonical_link(url: str) -> str:
    """Return a canonical form of `url`: redirectors unwrapped, tracking stripped."""
    url = url.strip()
    for _ in range(3):  # a redirector may wrap another one
        unwrapped = _unwrap(url)
        if unwrapped == url:
            break
        url = unwrapped
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    netloc = host if parts.port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{parts.port}"
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    if path != "/" and path.endswith("/"):
        path = path.rstrip("/")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, True) if not _is_tracking(k)])
    return urlunsplit((scheme, netloc, path, query, ""))


def _unwrap(url: str) -> str:
    """Return the target of a known redirector, or `url` unchanged."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.endswith("feedsportal.com") and "/l/" in parts.path:
        return _decode_feedsportal(parts.path.split("/l/", 1)[1].split("/", 1)[0])
    if host.endswith("bbc.co.uk") and parts.path.startswith("/go/") and "/-/" in parts.path:
        return f"{parts.scheme}://{parts.netloc}/{parts.path.split('/-/', 1)[1]}"
    for key, value in parse_qsl(parts.query):
        if key.lower() in _REDIRECT_PARAMS and _is_url(unquote(value)):
            return unquote(value)
    return url


def _decode_feedsportal(code: str) -> str:
    return re.sub(r"0([A-Z])", lambda m: _FEEDSPORTAL_CODES.get(m.group(1), m.group(1)), code)


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES)


def _is_url(value: str | None) -> bool:
    return bool(value) and urlsplit(value or "").scheme in ("http", "https")


@lru_cache(maxsize=16384)  # the poller asks for one title's key several times
def title_key(title: str) -> str:
    """Return a comparison key: casefolded, no punctuation, no " - ANTARA News" suffix."""
    text = unicodedata.normalize("NFKC", _clean_title(title)).casefold()
    match = _SUFFIX_RE.search(text)
    if match and any(outlet in match.group(1) for outlet in _OUTLETS):
        text = text[: match.start()]
    return " ".join(_NOT_ALNUM_RE.sub(" ", text).split())


def is_near_duplicate(a: str, b: str) -> bool:
    """True when two titles are near-identical (difflib ratio ≥ 0.9 on title keys)."""
    key_a, key_b = title_key(a), title_key(b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    matcher = difflib.SequenceMatcher(None, key_a, key_b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= NEAR_DUPLICATE_RATIO
        and matcher.quick_ratio() >= NEAR_DUPLICATE_RATIO
        and matcher.ratio() >= NEAR_DUPLICATE_RATIO
    )


def lead_image(entry: FeedEntry, base_url: str) -> str | None:
    """Return the lead image: media/enclosure first, else the first real <img> in the HTML."""
    candidates = [*entry.image_candidates, *_html_images(entry.content_html)]
    candidates += _html_images(entry.summary_html)
    for url in candidates:
        absolute = _unwrap(urljoin(base_url, url.strip()))
        if _is_url(absolute) and not _is_tracker(absolute):
            return absolute
    return None


def _html_images(html: str) -> list[str]:
    """Image sources in document order, skipping 1x1 tracking pixels."""
    found = []
    for tag in _IMG_RE.findall(html):
        if _attr(tag, "width") == "1" or _attr(tag, "height") == "1":
            continue
        src = _attr(tag, "src")
        if src:
            found.append(src)
    return found


def _attr(tag: str, name: str) -> str | None:
    match = re.search(_ATTR_RE.format(name=name), tag, re.IGNORECASE)
    value = next((g for g in match.groups() if g is not None), None) if match else None
    return _html.unescape(value) if value is not None else None


def _is_tracker(url: str) -> bool:
    """Ad and tracking images (a feedsportal URL left after unwrapping is one of them)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return host.endswith(_AD_HOSTS) or parts.path.endswith("/mf.gif")


def _clean_title(title: str) -> str:
    """Collapse whitespace (titles often come wrapped in CDATA newlines and tabs), cap length."""
    title = " ".join(title.split())
    return title if len(title) <= TITLE_LIMIT else title[: TITLE_LIMIT - 1].rstrip() + "…"


def _has_text(html: str) -> bool:
    return bool(re.sub(r"<[^>]*>|&nbsp;|\s", "", html))

"""De-duplication of news across sources (pure; the poller keeps one index of recent news).

The same story from three portals must reach a KIM once. Items match by canonical link, by
GUID (a URL GUID is compared as a link; an opaque one only within its source) and by
near-identical titles.

Same link or GUID: the item is already known (from its own source) or a duplicate (from
another). Near-identical titles count only across sources: one portal's daily "Prakiraan
cuaca hari ini" items are different stories, three portals' copies of one story are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from bot.models.akses import News
from broadcasts.akses.feeds import NewsItem, canonical_link, is_near_duplicate, title_key
from broadcasts.akses.feeds.normalize import NEAR_DUPLICATE_RATIO

Verdict = Literal["new", "known", "duplicate"]
_WORD_RE = re.compile(r"\w{4,}")
_PROBES = 3  # near-identical titles share at least one of their three longest words


@dataclass(frozen=True)
class _Entry:
    news_id: int
    source_id: str
    key: str
    words: frozenset[str]


@dataclass(frozen=True)
class Match:
    """What the index says about an incoming item."""

    verdict: Verdict
    duplicate_of: int | None = None


def identity_keys(item: NewsItem) -> tuple[str, ...]:
    """Keys under which two items are the same story."""
    keys = [f"link:{item.link}"]
    if item.guid.startswith(("http://", "https://")):
        keys.append(f"link:{item.guid_link or canonical_link(item.guid)}")
    else:
        keys.append(f"guid:{item.source_id}:{item.guid}")
    return tuple(keys)


@lru_cache(maxsize=16384)  # asked when matching an item and again when adding it
def _probe_words(key: str) -> tuple[str, ...]:
    words = sorted(set(_WORD_RE.findall(key)), key=lambda w: (-len(w), w))
    return tuple(words[:_PROBES])


class RecentNewsIndex:
    """Identity keys and title words of recent items, for fast duplicate checks.

    Near-identical titles are looked for among the entries that share one of the title's
    three longest words (``_probe_words``). Of those, only entries that share about half
    of its words can pass ``_plausible``; an index of every word narrows the candidates to
    them with set operations first, so a title is compared with a few entries, not with
    every other title that mentions "puskesmas".
    """

    def __init__(self, known: Iterable[News] = ()) -> None:
        self._by_key: dict[str, _Entry] = {}
        self._entries: list[_Entry] = []
        self._by_probe: dict[str, set[int]] = {}  # probe word → entry numbers
        self._by_word: dict[str, set[int]] = {}  # every word → entry numbers
        for news in known:
            self.add(_as_item(news), news.id)

    def __len__(self) -> int:
        return len({e.news_id for e in self._by_key.values()})

    def match(self, item: NewsItem, *, near: bool = True) -> Match:
        """Decide whether an incoming item is new, already known, or another's duplicate
        (by its link or GUID, and unless ``near`` is False, by a near-identical title)."""
        for key in identity_keys(item):
            entry = self._by_key.get(key)
            if entry is not None:
                same = entry.source_id == item.source_id or key == f"link:{item.link}"
                return Match("known") if same else Match("duplicate", entry.news_id)
        other = self._near_title(item) if near else None
        return Match("duplicate", other.news_id) if other else Match("new")

    def add(self, item: NewsItem, news_id: int) -> None:
        """Remember a stored item."""
        key = item.key or title_key(item.title)
        entry = _Entry(news_id, item.source_id, key, frozenset(key.split()))
        for key in identity_keys(item):
            self._by_key.setdefault(key, entry)
        number = len(self._entries)
        self._entries.append(entry)
        for word in _probe_words(entry.key):
            self._by_probe.setdefault(word, set()).add(number)
        for word in entry.words:
            self._by_word.setdefault(word, set()).add(number)

    def _near_title(self, item: NewsItem) -> _Entry | None:
        key = item.key or title_key(item.title)
        if not key:
            return None
        words = frozenset(key.split())
        sharing = self._sharing_half(words)
        seen: set[int] = set()
        for word in _probe_words(key):
            for number in sorted(self._by_probe.get(word, set()) & sharing):  # in added order
                entry = self._entries[number]
                if entry.news_id in seen or entry.source_id == item.source_id:
                    continue
                seen.add(entry.news_id)
                if _plausible(key, words, entry) and is_near_duplicate(key, entry.key):
                    return entry
        return None

    def _sharing_half(self, words: frozenset[str]) -> set[int]:
        """A superset of the entries sharing at least half of ``words`` (what _plausible asks):
        those holding one of its n - ceil(n/2) + 1 rarest words (any such entry must)."""
        needed = len(words) - (len(words) + 1) // 2 + 1
        rarest = sorted(words, key=lambda word: len(self._by_word.get(word, ())))[:needed]
        return set().union(*(self._by_word.get(word, set()) for word in rarest))


def _plausible(key: str, words: frozenset[str], entry: _Entry) -> bool:
    """Cheap bounds before difflib: similar lengths, and most words in common."""
    a, b = len(key), len(entry.key)
    if 2 * min(a, b) < NEAR_DUPLICATE_RATIO * (a + b):
        return False
    return 2 * len(words & entry.words) >= max(len(words), len(entry.words))


def _as_item(news: News) -> NewsItem:
    return NewsItem(
        source_id=news.source_id,
        guid=news.guid,
        link=news.link,
        title=news.title,
        summary_html="",
        published_at=news.published_at,
        image_url=None,
    )

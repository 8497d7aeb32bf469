"""The near-title index finds exactly what comparing with every probe-word entry finds."""

from __future__ import annotations

import random

from broadcasts.akses.dedupe import RecentNewsIndex, _Entry, _plausible, _probe_words
from broadcasts.akses.feeds import NewsItem, is_near_duplicate, title_key

WORDS = ("banjir", "rendam", "desa", "kapuas", "hulu", "puskesmas", "warga", "panen", "padi",
    "harga", "karet", "naik", "sekolah", "jembatan", "putussibau", "di", "12", "300")  # fmt: skip


def _item(number: int, source: str, title: str) -> NewsItem:
    link = f"https://{source}.id/{number}"
    return NewsItem(source, link, link, title, "", None, None)


def _reference(stored: list[tuple[int, NewsItem]], item: NewsItem) -> int | None:
    """The rule spelled out: entries sharing a probe word, in that order, first plausible
    near-identical title of another source."""
    key = title_key(item.title)
    if not key:
        return None
    words, seen = frozenset(key.split()), set()
    for word in _probe_words(key):
        for news_id, other in stored:
            other_key = title_key(other.title)
            if word not in _probe_words(other_key) or news_id in seen:
                continue
            if other.source_id == item.source_id:
                continue
            seen.add(news_id)
            entry = _Entry(news_id, other.source_id, other_key, frozenset(other_key.split()))
            if _plausible(key, words, entry) and is_near_duplicate(key, other_key):
                return news_id
    return None


def test_near_titles_match_the_rule() -> None:
    rnd = random.Random(5)
    index, stored = RecentNewsIndex(), list[tuple[int, NewsItem]]()
    titles: list[str] = []
    for number in range(1, 600):
        if titles and rnd.random() < 0.5:  # another portal's copy, maybe one word changed
            words = rnd.choice(titles).split()
            if rnd.random() < 0.5:
                words[rnd.randrange(len(words))] = rnd.choice(WORDS)
            title = " ".join(words)
        else:
            title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(3, 10)))
        item = _item(number, rnd.choice("abc"), title)
        match = index.match(item)
        expected = _reference(stored, item)
        assert (match.duplicate_of if match.verdict == "duplicate" else None) == expected, title
        index.add(item, number)
        stored.append((number, item))
        titles.append(title)

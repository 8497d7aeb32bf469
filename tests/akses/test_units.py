"""Pure parts of the news activity: quiet hours, digest composition, manual items, dedupe."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.models.akses import News, NewsStatus
from bot.quiet_hours import is_quiet, parse_quiet_hours, quiet_until
from bot.telegram_length import visible_length
from bot.texts import Texts
from broadcasts.akses.dedupe import RecentNewsIndex
from broadcasts.akses.digest import MAX_DIGEST_ITEMS, compose
from broadcasts.akses.feeds import NewsItem, Topic
from broadcasts.akses.manual import manual_item

WIB = ZoneInfo("Asia/Pontianak")


def test_quiet_hours_wrap_midnight() -> None:
    window = parse_quiet_hours("21:00-06:00")
    assert window == (time(21), time(6))
    assert is_quiet(datetime(2026, 3, 2, 22, 30, tzinfo=WIB), window, WIB)
    assert is_quiet(datetime(2026, 3, 2, 5, 59, tzinfo=WIB), window, WIB)
    assert not is_quiet(datetime(2026, 3, 2, 6, 0, tzinfo=WIB), window, WIB)
    assert not is_quiet(datetime(2026, 3, 2, 13, 0, tzinfo=UTC), window, WIB)  # 20:00 WIB
    end = quiet_until(datetime(2026, 3, 2, 23, 0, tzinfo=WIB), window, WIB)
    assert end == datetime(2026, 3, 3, 6, 0, tzinfo=WIB)
    assert parse_quiet_hours("off") is None
    for bad in ("21-06", "25:00-06:00", "06:00-06:00"):
        with pytest.raises(ValueError, match="JJ:MM-JJ:MM"):
            parse_quiet_hours(bad)


def news(number: int, summary: str = "Ringkasan.") -> News:
    now = datetime(2026, 3, 2, tzinfo=UTC)
    return News(
        number, "wire", f"g{number}", f"https://contoh.id/{number}", f"Judul berita {number}",
        "", summary, now, None, ("kesehatan",), NewsStatus.APPROVED, None, None, now, now,
    )  # fmt: skip


def test_digest_splits_under_the_limit_with_buttons_per_part() -> None:
    items = [news(i, "<b>Isi</b> " + "kata panjang " * 60) for i in range(1, 31)]
    parts = compose(Texts(), "KIM Uji", items, {})
    carried = [i for part in parts for i in part.news_ids]
    assert carried == list(range(1, MAX_DIGEST_ITEMS + 1))
    for part in parts:
        assert visible_length(part.text) <= 4096
        assert part.markup is not None
        rows = [[b.callback_data for b in row] for row in part.markup.inline_keyboard]
        assert rows == [[f"berita:sebar:{i}", f"diskusi:berita:{i}"] for i in part.news_ids]


def test_single_item_is_one_message() -> None:
    [part] = compose(Texts(), "KIM Uji", [news(7)], {})
    assert "Judul berita 7" in part.text
    assert part.news_ids == (7,)


def test_manual_item_needs_a_title() -> None:
    topics = [Topic("kesehatan", "Kesehatan", ("posyandu",)), Topic("lain", "Lain", ("x",))]
    assert manual_item("https://contoh.id/a", topics) is None
    assert manual_item("Hai", topics) is None
    item = manual_item("Posyandu buka Sabtu <penting>\nhttps://contoh.id/a?utm_source=wa", topics)
    assert item is not None
    assert item.link == "https://contoh.id/a"
    assert item.topics == ("kesehatan",)
    text_only = manual_item("Rapat KIM di balai desa\nBawa buku & pena", topics)
    assert text_only is not None
    assert text_only.link.startswith("kim-hub:manual:")
    assert text_only.summary_html == "Bawa buku &amp; pena"


def test_index_matches_links_guids_and_titles_across_sources() -> None:
    def item(source: str, link: str, title: str, guid: str | None = None) -> NewsItem:
        return NewsItem(source, guid or link, link, title, "", None, None)

    index = RecentNewsIndex()
    index.add(item("a", "https://a.id/1", "Jembatan gantung Badau selesai dibangun"), 1)
    assert index.match(item("a", "https://a.id/1", "Judul lain")).verdict == "known"
    assert index.match(item("b", "https://a.id/1", "Judul lain")).verdict == "known"
    copy = index.match(item("b", "https://b.id/9", "Jembatan Gantung Badau Selesai Dibangun"))
    assert (copy.verdict, copy.duplicate_of) == ("duplicate", 1)
    same_source = item("a", "https://a.id/2", "Jembatan gantung Badau selesai dibangun!")
    assert index.match(same_source).verdict == "new"
    assert index.match(item("c", "https://c.id/1", "Harga karet naik")).verdict == "new"

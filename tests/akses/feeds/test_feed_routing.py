"""De-duplication across sources, topic routing and include/exclude filters."""

from __future__ import annotations

from datetime import UTC, datetime

from broadcasts.akses.dedupe import RecentNewsIndex
from broadcasts.akses.feeds.config import load_feeds_config
from broadcasts.akses.feeds.model import Source, Topic
from broadcasts.akses.feeds.normalize import NewsItem
from broadcasts.akses.feeds.parse import parse_feed
from broadcasts.akses.feeds.topics import assign_topics, items_from_feed, passes_filters
from broadcasts.akses.workers import FeedWorkers

TOPICS = load_feeds_config("feeds.yaml").topics
WHEN = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


def _item(source: str, link: str, title: str, guid: str = "", summary: str = "") -> NewsItem:
    return NewsItem(source, guid or link, link, title, summary, WHEN, None)


def deduplicate(items: list[NewsItem], known: tuple[NewsItem, ...] = ()) -> list[NewsItem]:
    """The items the index calls new, in order, each added as it is kept."""
    index = RecentNewsIndex()
    for number, item in enumerate(known):
        index.add(item, -1 - number)
    unique = []
    for number, item in enumerate(items):
        if index.match(item).verdict == "new":
            unique.append(item)
            index.add(item, number)
    return unique


def _source(
    topics: tuple[str, ...], include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()
) -> Source:
    return Source("uji", "Uji", "https://a.id/rss", topics, "review", include, exclude)


def test_same_story_from_three_portals_is_kept_once() -> None:
    antara = _item(
        "antara-kalbar",
        "https://kalbar.antaranews.com/berita/561234/banjir-rendam-12-desa-di-kapuas-hulu",
        "Banjir rendam 12 desa di Kapuas Hulu - ANTARA News Kalimantan Barat",
    )
    # The national desk republished the same ANTARA story with tracking parameters.
    antara_national = _item(
        "antara-nasional",
        "https://kalbar.antaranews.com/berita/561234/banjir-rendam-12-desa-di-kapuas-hulu"
        "?utm_source=antaranews&utm_medium=rss",
        "Banjir rendam 12 desa di Kapuas Hulu",
    )
    detik = _item(
        "detik",
        "https://news.detik.com/berita/d-7812345/banjir-rendam-12-desa-di-kapuas-hulu",
        "Banjir Rendam 12 Desa di Kapuas Hulu | detikNews",
    )
    other = _item(
        "detik", "https://news.detik.com/berita/d-7812399/harga-karet", "Harga karet naik"
    )
    assert deduplicate([antara, antara_national, detik, other]) == [antara, other]


def test_known_items_and_url_guids_count() -> None:
    seen = _item("a", "https://a.id/1", "Posyandu baru di Embaloh Hulu")
    again = _item("b", "https://b.id/9", "Judul lain sama sekali", guid="https://a.id/1?ref=rss")
    assert deduplicate([again], known=(seen,)) == []


def test_opaque_guids_are_only_compared_within_a_source() -> None:
    one = _item("liputan6", "https://l6.id/1", "Vaksinasi anak di Putussibau", guid="2934383")
    two = _item("viva", "https://viva.id/2", "Sawit Kalbar ekspor naik", guid="2934383")
    three = _item("liputan6", "https://l6.id/3", "Jembatan Badau diresmikan", guid="2934383")
    assert deduplicate([one, two, three]) == [one, two]


def test_topics_by_whole_word_keywords() -> None:
    source = _source(("pertanian", "perkebunan", "kebencanaan", "kesehatan"))
    item = _item("s", "https://a.id/1", "Petani sawit di Bunut Hilir terdampak banjir")
    assert assign_topics(item, source, TOPICS) == ("pertanian", "perkebunan", "kebencanaan")
    # "ikan" must not match inside "diikan" or "kegiatan"-like words; "dbd" only as a word.
    partial = _item("s", "https://a.id/2", "Kegiatan mendiikan posko", summary="<p>Sawitri</p>")
    assert assign_topics(partial, source, TOPICS) == source.topics


def test_topics_limited_to_source_topics_and_summary_counts() -> None:
    source = _source(("kesehatan",))
    item = _item(
        "s", "https://a.id/1", "Kabar Putussibau", summary="<p>Posyandu &amp; <b>imunisasi</b></p>"
    )
    assert assign_topics(item, source, TOPICS) == ("kesehatan",)
    farm = _item("s", "https://a.id/2", "Panen padi melimpah")
    assert assign_topics(farm, source, TOPICS) == ("kesehatan",)  # fallback: source topics


def test_multi_word_keywords_match_across_whitespace() -> None:
    topic = Topic("kebencanaan", "Kebencanaan", ("banjir bandang",))
    source = _source(("kebencanaan", "pemerintahan"))
    item = _item("s", "https://a.id/1", "Banjir\n bandang di Manday")
    assert assign_topics(item, source, (topic,)) == ("kebencanaan",)


def test_include_and_exclude() -> None:
    source = _source(("ekonomi",), include=("kapuas hulu", "kalbar"), exclude=("sepak bola",))
    assert passes_filters(_item("s", "https://a.id/1", "UMKM Kapuas Hulu tumbuh"), source)
    assert not passes_filters(_item("s", "https://a.id/2", "UMKM Jakarta tumbuh"), source)
    assert not passes_filters(
        _item("s", "https://a.id/3", "Turnamen sepak bola Kalbar", summary="<i>Kalbar</i>"), source
    )
    assert not passes_filters(_item("s", "https://a.id/4", "Kalbarisasi"), source)  # whole word
    assert passes_filters(_item("s", "https://a.id/5", "Apa saja"), _source(("ekonomi",)))


RSS = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0">
<channel><title>ANTARA Kalbar</title>
<item><title>Petani lada Kapuas Hulu panen raya - ANTARA News</title>
<link>https://kalbar.antaranews.com/berita/1/petani-lada?utm_source=rss</link>
<description>&lt;img src="https://img.antaranews.com/lada.jpg" /&gt;Harga lada naik.</description>
<pubDate>Mon, 03 Mar 2025 09:00:00 +0700</pubDate></item>
<item><title>Liga 1: tim Kalbar menang</title><link>https://kalbar.antaranews.com/berita/2</link>
<description>Sepak bola.</description></item>
</channel></rss>"""


async def test_feed_to_routed_items() -> None:
    source = Source(
        "antara-kalbar", "ANTARA Kalbar", "https://kalbar.antaranews.com/rss/terkini.xml",
        ("pertanian", "perkebunan", "ekonomi"), "review", (), ("sepak bola",),
    )  # fmt: skip
    feed = await parse_feed(RSS.encode(), source.url)
    items = items_from_feed(feed, source, TOPICS)
    assert [i.link for i in items] == ["https://kalbar.antaranews.com/berita/1/petani-lada"]
    assert items[0].topics == ("pertanian", "perkebunan", "ekonomi")
    assert items[0].published_at == WHEN
    assert items[0].image_url == "https://img.antaranews.com/lada.jpg"
    workers = FeedWorkers(processes=2)  # the process pool, as on a machine with two cores
    try:
        digested = await workers.digest(RSS.encode(), source.url, None, source, TOPICS)
    finally:
        await workers.close()
    assert digested.items == tuple(items)
    assert digested.entries == 2

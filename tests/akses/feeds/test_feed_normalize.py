"""Canonical links, title keys, summaries and lead images."""

from __future__ import annotations

import pytest

from broadcasts.akses.dedupe import RecentNewsIndex
from broadcasts.akses.feeds.normalize import (
    TITLE_LIMIT,
    canonical_link,
    is_near_duplicate,
    normalize_entry,
    title_key,
)
from broadcasts.akses.feeds.parse import FeedEntry

DETIK_FEEDSPORTAL = (
    "http://detik.feedsportal.com/c/33613/f/656083/s/39db72c9/l/0Lnews0Bdetik0N0Cread0C20A140C"
    "0A40C290C0A80A540A0C25682530C10A0Cperjalanan0Eipod0Enurhadi0Edari0Eamerika0Ehingga0Edisita"
    "0Ekpk/story01.htm"
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Kalbar.AntaraNews.com:443/berita/1/banjir/#komentar",
         "https://kalbar.antaranews.com/berita/1/banjir"),
        ("http://bola.liputan6.com/read/2934383/misi?utm_source=lpfeed&utm_medium=lpfeed&utm_campaign=rss",
         "http://bola.liputan6.com/read/2934383/misi"),
        ("https://a.id/x?id=7&fbclid=abc&gclid=1&mc_cid=2&ref=tw&page=2",
         "https://a.id/x?id=7&page=2"),
        ("http://www.heise.de/meldung/x-3088438.html?wt_mc=rss.developer.beitrag.atom",
         "http://www.heise.de/meldung/x-3088438.html"),
        ("http://example.org:8080/a//b/", "http://example.org:8080/a/b"),
        ("https://kapuashulukab.go.id", "https://kapuashulukab.go.id/"),
        (DETIK_FEEDSPORTAL,
         "http://news.detik.com/read/2014/04/29/080540/2568253/10/"
         "perjalanan-ipod-nurhadi-dari-amerika-hingga-disita-kpk"),
        ("http://www.bbc.co.uk/go/wsy/pub/rss/1.0/-/indonesian/news/story/2009/11/091130_x.shtml",
         "http://www.bbc.co.uk/indonesian/news/story/2009/11/091130_x.shtml"),
        ("https://l.facebook.com/l.php?u=https%3A%2F%2Fkalbar.antaranews.com%2Fberita%2F9%3Futm_source%3Dfb&h=AT0",
         "https://kalbar.antaranews.com/berita/9"),
        ("https://www.google.com/url?q=https://indonesia.go.id/kategori/x&sa=D",
         "https://indonesia.go.id/kategori/x"),
    ],
)  # fmt: skip
def test_canonical_link(url: str, expected: str) -> None:
    assert canonical_link(url) == expected


KEY = "banjir rendam 12 desa di kapuas hulu"


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Banjir rendam 12 desa di Kapuas Hulu - ANTARA News", KEY),
        ("Banjir Rendam 12 Desa di Kapuas Hulu | Republika Online", KEY),
        ("  Harga karet naik,\n\t petani senang!  ", "harga karet naik petani senang"),
        ("Pemkab: jalan Putussibau\u2013Badau selesai", "pemkab jalan putussibau badau selesai"),
    ],
)
def test_title_key(title: str, key: str) -> None:
    assert title_key(title) == key


def test_near_duplicate_titles() -> None:
    assert (
        is_near_duplicate(
            "Banjir rendam 12 desa di Kapuas Hulu - ANTARA News Kalimantan Barat",
            "Banjir Rendam 12 Desa di Kapuas Hulu, Warga Mengungsi - detikNews",
        )
        is False
    )  # the detik headline adds a clause: a different headline
    assert is_near_duplicate(
        "Banjir rendam 12 desa di Kapuas Hulu - ANTARA News",
        "Banjir Rendam 12 Desa Di Kapuas Hulu! | detikNews",
    )
    assert not is_near_duplicate("Harga karet naik", "Harga sawit naik tajam di Kalbar")
    assert not is_near_duplicate("", "")


def _entry(**overrides: object) -> FeedEntry:
    fields: dict[str, object] = {
        "guid": "https://antaranews.com/berita/1", "link": "https://antaranews.com/berita/1",
        "title": "\n\tJudul\n", "summary_html": "", "content_html": "", "published_at": None,
    }  # fmt: skip
    fields.update(overrides)
    return FeedEntry(**fields)  # type: ignore[arg-type]


def test_escaped_html_summary_is_sanitised_and_image_taken() -> None:
    # ANTARA 2017 style: the description held entity-escaped HTML (feedparser unescapes it).
    summary = (
        '<img src="/new/2017/04/thumb/banjir.jpg" align="left" /><p onclick="x()">Warga '
        "<b>Putussibau</b> &amp; sekitarnya&#13; <script>alert(1)</script>mengungsi...</p>"
    )
    item = normalize_entry(_entry(summary_html=summary), "antara", "https://antaranews.com/rss")
    assert item.title == "Judul"
    assert item.image_url == "https://antaranews.com/new/2017/04/thumb/banjir.jpg"
    assert "<b>Putussibau</b>" in item.summary_html
    assert "&amp;" in item.summary_html
    assert "script" not in item.summary_html
    assert "onclick" not in item.summary_html


def test_tracking_pixel_is_not_the_lead_image() -> None:
    summary = (
        "Teks<img width='1' height='1' src='http://detik.feedsportal.com/c/1/f/2/s/3/mf.gif'/>"
        '<img src="http://images.detik.com/content/2014/04/29/10/foto.jpg" width="100" />'
    )
    item = normalize_entry(_entry(summary_html=summary), "detik", "http://detik.com/rss")
    assert item.image_url == "http://images.detik.com/content/2014/04/29/10/foto.jpg"


def test_media_candidate_wins_and_is_unescaped() -> None:
    entry = _entry(
        image_candidates=("http://statik.tempo.co/?id=1&width=960",),
        content_html='<img src="http://x.id/other.jpg">',
    )
    item = normalize_entry(entry, "tempo", "https://tempo.co/rss")
    assert item.image_url == "http://statik.tempo.co/?id=1&width=960"
    html_only = normalize_entry(
        _entry(content_html='<img src="http://statik.tempo.co/?id=2&amp;width=960">'), "t", ""
    )
    assert html_only.image_url == "http://statik.tempo.co/?id=2&width=960"


def test_content_used_when_summary_is_empty_and_long_text_truncated() -> None:
    content = "<p>" + "Petani lada di Kapuas Hulu. " * 100 + "</p>"
    item = normalize_entry(_entry(summary_html="<p> </p>", content_html=content), "k", "")
    assert item.summary_html.startswith("Petani lada")
    assert item.summary_html.endswith("…")
    assert len(item.summary_html) <= 710


def test_overlong_title_is_cut_to_a_line() -> None:
    item = normalize_entry(_entry(title="Petani lada " * 1000), "k", "")
    assert len(item.title) == TITLE_LIMIT
    assert item.title.endswith("…")


def test_entry_without_link_gets_stable_anchor() -> None:
    entry = _entry(link=None, guid="opaque-7")
    first = normalize_entry(entry, "s", "https://a.id/rss.xml")
    assert first.link.startswith("https://a.id/rss.xml#")
    assert first.link == normalize_entry(entry, "s", "https://a.id/rss.xml").link
    assert (
        first.link
        != normalize_entry(_entry(link=None, guid="opaque-8"), "s", "https://a.id/rss.xml").link
    )


def test_guid_url_used_when_link_missing() -> None:
    item = normalize_entry(_entry(link=None, guid="https://a.id/b?utm_source=x"), "s", "")
    assert item.link == "https://a.id/b"


def test_untitled_items_are_named_by_their_summary_or_link() -> None:
    jembatan = "<p>Jembatan gantung Desa Nanga Awin selesai dibangun warga bersama TNI.</p>"
    a = normalize_entry(
        _entry(title="", summary_html=jembatan, link="https://a.id/1", guid="1"), "a", ""
    )
    karet = "<p>Harga karet di Embaloh Hulu naik.</p>"
    b = normalize_entry(
        _entry(title=" ", summary_html=karet, link="https://b.id/2", guid="2"), "b", ""
    )
    c = normalize_entry(_entry(title="", link="https://c.id/berita/3", guid="3"), "c", "")
    assert a.title == "Jembatan gantung Desa Nanga Awin selesai dibangun warga bersama TNI."
    assert b.title == "Harga karet di Embaloh Hulu naik."
    assert c.title == "c.id/berita/3"
    long = normalize_entry(_entry(title="", summary_html="Kata " * 40), "d", "")
    assert long.title.endswith("Kata…")
    assert len(long.title) <= 81
    index = RecentNewsIndex()
    index.add(a, 1)
    assert index.match(b).verdict == "new"  # not one story by a shared "(tanpa judul)"
    assert index.match(c).verdict == "new"


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Harga &#x0024; naik", "Harga $ naik"),
        ("Rumus E = mc<sup>2</sup> di sekolah", "Rumus E = mc2 di sekolah"),
        ("Awas <script>alert(1)</script>hoaks", "Awas hoaks"),
        ("5 < 6 &amp; 7 > 3", "5 < 6 & 7 > 3"),
        ("Tom &amp;amp; Jerry", "Tom &amp; Jerry"),  # decoded once, not twice
        ("<b>Tebal</b>\n\t judul", "Tebal judul"),
    ],
)
def test_titles_are_plain_text(title: str, shown: str) -> None:
    item = normalize_entry(_entry(title=title), "s", "")
    assert item.title == shown

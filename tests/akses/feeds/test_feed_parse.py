"""Every licensed corpus file parses; malformed documents give entries or a clear problem."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from broadcasts.akses.feeds.normalize import normalize_entry
from broadcasts.akses.feeds.parse import parse_feed

CORPUS = Path(__file__).resolve().parents[2] / "data" / "feeds"

FILES = sorted(CORPUS.glob("*.xml"))
DOCS = {path.name: path.read_bytes() for path in FILES}
# feedparser recovers no entries from these: the document has none or is cut before them.
NO_ENTRIES = {
    "fp_encoding_utf8-bom.xml",
    "fp_illformed_non-ascii-date_iso-8859-7.xml",
    "fp_illformed_undeclared-namespace-prefix.xml",
    "wild_reuters_2020_rss20_truncated-server-error.xml",
}
MALFORMED = {
    "fp_encoding_invalid-utf8-bytes.xml": "pengodean",
    "fp_illformed_koi8r_no-encoding-declared.xml": "pengodean",
    "fp_illformed_truncated-cdata.xml": "XML rusak di baris 6",
    "wild_dbengines_rss20_undefined-html-entity-nbsp.xml": "XML rusak di baris 9",
    "wild_dasding-podcast_rss20_blank-line-before-xmldecl.xml": "XML rusak",
    "wild_reuters_2020_rss20_truncated-server-error.xml": "tidak ada entri",
}


def test_corpus_is_complete() -> None:
    assert len(FILES) == 24


@pytest.mark.parametrize("name", sorted(DOCS))
async def test_every_corpus_file_parses(name: str) -> None:
    feed = await parse_feed(DOCS[name], "https://contoh.go.id/rss.xml")
    if name in NO_ENTRIES:
        assert feed.entries == ()
        assert feed.problem
    else:
        assert len(feed.entries) > 0
        items = [normalize_entry(e, "uji", feed.url) for e in feed.entries]
        assert all(item.link.startswith(("http://", "https://")) for item in items)
        assert all("<script" not in item.summary_html for item in items)
    if name in MALFORMED:
        assert feed.problem is not None
        assert MALFORMED[name] in feed.problem


async def test_not_a_feed_is_reported() -> None:
    feed = await parse_feed(b"<html><body>Maintenance</body></html>", "https://contoh.go.id/")
    assert feed.entries == ()
    assert feed.problem


async def test_garbage_bytes_do_not_raise() -> None:
    feed = await parse_feed(bytes(range(256)) * 4, "https://contoh.go.id/")
    assert feed.entries == ()
    assert feed.problem


async def test_script_is_removed_and_relative_link_resolved() -> None:
    feed = await parse_feed(DOCS["fp_sanitize_script-in-content-cdata.xml"], "https://a.id/f")
    item = normalize_entry(feed.entries[0], "uji", feed.url)
    assert "<script" not in item.summary_html
    assert item.summary_html == "safe description"
    base = await parse_feed(DOCS["fp_base_relative-link-xml-base.xml"], "")
    assert base.entries[0].base == "http://example.com/test/"  # its xml:base
    resolved = normalize_entry(base.entries[0], "uji", base.url)
    assert 'href="http://example.com/test/test.html"' in resolved.summary_html


async def test_feedburner_original_link_is_preferred() -> None:
    feed = await parse_feed(DOCS["wild_jn-pt_rss20_iso-8859-1_crlf.xml"], "")
    assert feed.entries[0].link is not None
    assert feed.entries[0].link.startswith("https://www.jn.pt/nacional/")
    assert feed.entries[0].title == "Mãe de utente é a nova presidente da Raríssimas"


async def test_dates_are_aware_utc() -> None:
    feed = await parse_feed(DOCS["wild_heise_atom10_german.xml"], "")
    published = feed.entries[0].published_at
    assert published is not None
    assert published.utcoffset() is not None
    assert published.isoformat() == "2016-02-01T16:22:00+00:00"


async def test_lead_images_from_media_and_html() -> None:
    guardian = await parse_feed(DOCS["wild_guardian_rss20_media-content-long.xml"], "")
    item = normalize_entry(guardian.entries[0], "g", "https://www.theguardian.com/")
    assert item.image_url is not None
    assert item.image_url.startswith("https://i.guim.co.uk/")
    youtube = await parse_feed(DOCS["wild_youtube_atom10_media-group.xml"], "")
    assert youtube.entries[0].image_candidates == (
        "https://i1.ytimg.com/vi/0A1ouV7iD8o/hqdefault.jpg",
    )


def _long_feed(items: int) -> bytes:
    paragraph = "<p>Petani di Putussibau memanen padi &amp; <b>lada</b> <a href='/x'>baca</a>.</p>"
    body = "".join(
        f"<item><title>Berita {n}</title><link>https://berita.id/{n}?utm_source=rss</link>"
        f"<guid isPermaLink='false'>{n}</guid><description><![CDATA[{paragraph * 70}]]>"
        "</description></item>"
        for n in range(items)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{body}</channel></rss>'.encode()


async def test_large_full_text_feed_is_handled_quickly() -> None:
    document = _long_feed(200)  # about 1.2 MB, like the liputan6 full-text feed
    started = time.perf_counter()
    feed = await parse_feed(document, "https://berita.id/rss")
    items = [normalize_entry(e, "uji", feed.url) for e in feed.entries]
    elapsed = time.perf_counter() - started
    assert len(document) > 1_000_000
    assert len(items) == 200
    assert items[0].link == "https://berita.id/0"
    assert len(items[0].summary_html) < 1500
    assert items[0].summary_html.endswith("…")
    assert elapsed < 20  # generous: the point is "bounded", not a benchmark

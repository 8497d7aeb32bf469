"""`kim-bot feeds check` and `kim-bot feeds poll --once` against local copies of real feeds."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Config
from bot.store import Store
from broadcasts.akses.cli import check, poll_once
from tests.feeds_server import FeedsServer

CORPUS = Path(__file__).parent.parent / "data" / "feeds"
FILES = {
    "tempo": "id_tempo_2017_rss20_no-xmldecl_mojibake.xml",
    "guardian": "wild_guardian_rss20_media-content-long.xml",
    "heise": "wild_heise_atom10_german.xml",
    "reuters": "wild_reuters_2020_rss20_truncated-server-error.xml",
    "uol": "wild_uol-noticias_2018_rss_declared-utf8-is-cp1252_malformed.xml",
}
TOPICS = "topics:\n  - {id: umum, label: Umum, keywords: [berita]}\nsources:\n"


def corpus_config(config: Config, server: FeedsServer) -> Config:
    """Serve the corpus files and write a feeds.yaml listing them, plus one missing source."""
    lines = [TOPICS]
    for name, file in FILES.items():
        server.add(f"/{name}.xml", (CORPUS / file).read_bytes(), etag=f'"{name}-1"')
        lines.append(f"  - {{id: {name}, name: {name}, url: \"{server.url(f'/{name}.xml')}\", "
                     "topics: [umum], curation: review}\n")  # fmt: skip
    lines.append(f'  - {{id: hilang, name: Hilang, url: "{server.url("/404.xml")}", '
                 "topics: [umum], curation: auto}\n")  # fmt: skip
    config.feeds_file.write_text("".join(lines), encoding="utf-8")
    return replace(config, feeds_file=config.feeds_file)


async def test_check_prints_a_table(
    config: Config,
    feeds_server: FeedsServer,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    config = corpus_config(config, feeds_server)
    assert await check(config) == 1  # the missing source and the broken document fail
    out = capsys.readouterr().out
    assert "6 sumber" in out
    assert "SUMBER" in out
    assert "HTTP" in out
    table = {line.split()[0]: line.split() for line in out.splitlines()[2:-1]}
    assert table["tempo"][1] == "200"
    assert int(table["tempo"][2]) > 0
    assert table["hilang"][1] == "404"
    assert "HTTP 404" in out
    # The truncated Reuters document: failed, described once, in Indonesian words.
    reuters = " ".join(table["reuters"])
    assert "XML rusak di baris 19: dokumen terpotong (berakhir sebelum selesai)" in reuters
    assert out.count("XML rusak") == 1
    assert "no element found" not in out
    assert "4 dari 6 sumber dapat diambil dan dibaca" in out
    assert not [r.getMessage() for r in caplog.records if r.name.startswith("broadcasts")]


async def test_poll_once_stores_then_sends_conditional_requests(
    config: Config, feeds_server: FeedsServer, capsys: pytest.CaptureFixture[str]
) -> None:
    config = corpus_config(config, feeds_server)
    assert await poll_once(config) == 1
    first = capsys.readouterr().out
    assert "tempo: 200" in first
    assert "+ [menunggu kurasi]" in first
    assert "hilang: GAGAL — HTTP 404" in first
    assert await poll_once(config) == 1
    second = capsys.readouterr().out
    assert "tempo: 304 tidak berubah; 0 baru" in second
    tempo = [r for r in feeds_server.requests if r.path == "/tempo.xml"]
    assert [r.headers.get("If-None-Match") for r in tempo] == [None, '"tempo-1"']
    store = await Store.connect(config.db_path)
    try:
        state = await store.feed_state("hilang")
        assert state is not None
        assert state.consecutive_failures == 2
        assert await store.count_pending_news() > 0
    finally:
        await store.close()


def test_check_reports_an_invalid_file_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("topics: []\nsources:\n  - id: x\n    curation: kadang\n", encoding="utf-8")
    monkeypatch.setenv("KIM_FEEDS_FILE", str(feeds))
    monkeypatch.setenv("KIM_DB_PATH", str(tmp_path / "db.sqlite3"))
    monkeypatch.chdir(tmp_path)
    assert main(["feeds", "check"]) == 2
    assert "feeds.yaml:" in capsys.readouterr().err

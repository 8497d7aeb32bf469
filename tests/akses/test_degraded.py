"""A broken feeds.yaml degrades Akses, it does not stop the bot.

A broken topic or source is dropped with one log line naming file:line and why, the rest
loads; a file that is not YAML, or has no usable source, leaves news polling off. Either way
the bot starts, serves everything else, and the desk is told once per file content.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from yaml.nodes import Node

from bot.config_files import NodeChecker, compose
from broadcasts.akses.feeds import FeedsConfig, load_feeds_leniently
from tests.conftest import Hub, HubFactory, texts

CLOSED = "http://127.0.0.1:9"  # nothing is fetched from the internet, even if a poll ran
BROKEN_ENTRIES = f"""topics:
  - id: pertanian
    label: Pertanian
    keywords: [padi]
  - id: kesehatan
    label: Kesehatan
sources:
  - id: baik
    name: Baik
    url: {CLOSED}/baik.xml
    topics: [pertanian]
    curation: auto
  - id: rusak
    name: Rusak
    url: ftp://contoh.id/rss
    topics: [pertanian]
    curation: auto
  - id: campur
    name: Campur
    url: {CLOSED}/campur.xml
    topics: [pertanian, kesehatan]
    curation: review
  - id: baik
    name: Baik lagi
    url: {CLOSED}/lagi.xml
    topics: [pertanian]
    curation: auto
"""
SKIPPED_TOPIC = "feeds.yaml:5: topik 'kesehatan' dilewati: kunci wajib 'keywords' tidak ada"
SKIPPED_SOURCE = "feeds.yaml:13: sumber 'rusak' dilewati: url 'ftp://contoh.id/rss' harus"
SKIPPED_REPEAT = "feeds.yaml:23: sumber 'baik' dilewati: id ganda"


def notices(hub: Hub) -> list[str]:
    """The desk's messages about feeds.yaml."""
    return [m["text"] for m in hub.emu.sent(hub.desk) if "feeds.yaml bermasalah" in m["text"]]


def write_feeds(hub: Hub, text: str) -> Path:
    path = hub.services.config.feeds_file
    path.write_text(text, encoding="utf-8")
    return path


def test_broken_entries_are_dropped_and_the_rest_loads(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(BROKEN_ENTRIES, encoding="utf-8")
    loaded = load_feeds_leniently(path)
    assert loaded.usable
    assert [t.id for t in loaded.value.topics] == ["pertanian"]
    assert [(s.id, s.topics) for s in loaded.value.sources] == [
        ("baik", ("pertanian",)), ("campur", ("pertanian",)),
    ]  # fmt: skip
    assert len(loaded.notes) == 3
    for note, start in zip(loaded.notes, (SKIPPED_TOPIC, SKIPPED_SOURCE, SKIPPED_REPEAT),
                           strict=True):  # fmt: skip
        assert note.startswith(start), note


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("topics: [\n  - id: x\n", "feeds.yaml:2: YAML tidak valid"),
        ("", "feeds.yaml:1: berkas kosong"),
        ("- a\n- b\n", "feeds.yaml:1: berkas: harus berupa pemetaan kunci: nilai (diabaikan)"),
        (BROKEN_ENTRIES.split("sources:")[0] + "sources:\n  - id: x\n", "sumber 'x' dilewati"),
        ("\x00 biner", "feeds.yaml:0: YAML tidak valid"),
    ],
    ids=["not-yaml", "empty", "a-list", "no-valid-source", "binary"],
)
def test_a_file_without_a_usable_source_leaves_news_off(
    tmp_path: Path, text: str, note: str
) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_feeds_leniently(path)
    assert not loaded.usable
    assert loaded.value.sources == ()
    assert any(n.startswith(note) or note in n for n in loaded.notes), loaded.notes
    assert not load_feeds_leniently(tmp_path / "tidak-ada.yaml").usable


def test_no_sources_on_purpose_is_not_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text("topics: []\nsources: []\n", encoding="utf-8")
    loaded = load_feeds_leniently(path)
    assert (loaded.usable, loaded.notes, loaded.value) == (True, (), FeedsConfig())


def test_the_checker_drops_entries_of_any_file() -> None:
    # The same helper serves opd.yaml later: an entry with a problem is left out, noted.
    checker = NodeChecker()
    root = compose("- {id: a, nama: A}\n- {id: b}\n- {id: a, nama: Lagi}\n", "opd.yaml")

    def opd(node: Node) -> str | None:
        fields = checker.mapping(node, "opd", {"id", "nama"}, ("id", "nama"))
        return str(fields["id"].value) if fields and "nama" in fields else None

    assert checker.entries(root, "opd", "opd", opd) == ("a",)
    assert checker.notes("opd.yaml") == [
        "opd.yaml:2: opd 'b' dilewati: kunci wajib 'nama' tidak ada",
        "opd.yaml:3: opd 'a' dilewati: id ganda",
    ]


async def test_the_bot_starts_with_what_is_usable_and_tells_the_desk_once(
    start_hub: HubFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with start_hub() as hub:
        write_feeds(hub, BROKEN_ENTRIES)
    async with start_hub() as hub:
        assert [s.id for s in hub.service(FeedsConfig).sources] == ["baik", "campur"]
        await hub.outbox.wait_idle()
        [notice] = notices(hub)
        for line in (SKIPPED_TOPIC, SKIPPED_SOURCE, SKIPPED_REPEAT):
            assert line in notice
            assert any(r.getMessage().startswith(line) for r in caplog.records), line
        assert "sumber berita lainnya tetap diambil" in notice
    async with start_hub() as hub:  # the same file again: the desk already knows
        await hub.outbox.wait_idle()
        assert len(notices(hub)) == 1
        write_feeds(hub, BROKEN_ENTRIES.replace("ftp://", "gopher://"))
    async with start_hub() as hub:  # a changed file is told again
        await hub.outbox.wait_idle()
        assert len(notices(hub)) == 2
        assert "gopher://" in notices(hub)[-1]


async def test_a_file_that_is_not_yaml_leaves_news_off_and_the_bot_serving(
    start_hub: HubFactory, caplog: pytest.LogCaptureFixture
) -> None:
    async with start_hub() as hub:
        write_feeds(hub, "topics: [\nini bukan YAML: : :\n")
    async with start_hub() as hub:
        assert hub.service(FeedsConfig).sources == ()
        await hub.outbox.wait_idle()
        [notice] = notices(hub)
        assert "tidak diambil" in notice
        assert "YAML tidak valid" in notice
        assert "berita tidak diambil" in caplog.text
        citizen = hub.emu.user("Ayu")
        assert "KIM Hub" in texts(await hub.say(citizen, hub.emu.private_chat(citizen), "/start"))
        ketua = hub.emu.user("Rahmat")
        group = hub.emu.group("KIM Sibau", admins=[ketua])
        assert "nama KIM" in texts(await hub.say(ketua, group, "/daftar"))

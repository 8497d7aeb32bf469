"""feeds.yaml validation: the real file loads; broken files list every problem by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from broadcasts.akses.feeds.config import ID_MAX_LENGTH, FeedsConfigError, load_feeds_config
from handlers.akses import callbacks as akses
from handlers.common.codec import LARGEST_ID, MAX_BYTES
from handlers.diseminasi import callbacks as diseminasi

TOPICS = """topics:
  - id: pertanian
    label: Pertanian
    keywords: [padi, petani]
  - id: kesehatan
    label: Kesehatan
    keywords: [posyandu]
"""


def _errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FeedsConfigError) as info:
        load_feeds_config(path)
    return str(info.value).splitlines()


def test_real_feeds_yaml_validates() -> None:
    config = load_feeds_config("feeds.yaml")
    assert [t.id for t in config.topics] == [
        "pertanian", "perkebunan", "perikanan", "kesehatan", "pendidikan", "ekonomi",
        "infrastruktur", "kebencanaan", "pemerintahan", "sosial_budaya",
    ]  # fmt: skip
    assert config.topic("ekonomi").label == "Ekonomi & UMKM"
    assert config.topic("sosial_budaya").label == "Sosial & Budaya"
    assert config.source("antara-kalbar").curation == "review"
    assert config.interval_for(config.source("bmkg-peringatan-dini")) == 10
    assert config.defaults.max_bytes == 5 * 1024 * 1024
    assert all(s.url.startswith("https://") for s in config.sources)


def test_every_problem_is_listed_with_its_line(tmp_path: Path) -> None:
    text = (
        TOPICS
        + """sources:
  - id: antara-kalbar
    name: ANTARA Kalbar
    url: ftp://kalbar.antaranews.com/rss
    topics: [pertanain]
    curation: otomatis
    interval_minutes: 2
    template: "{{ item.title "
    warna: merah
  - id: antara-kalbar
    name: Lagi
    url: https://kalbar.antaranews.com/rss/terkini.xml
    topics: [kesehatan]
    curation: auto
  - name: Tanpa id
"""
    )
    errors = _errors(tmp_path, text)
    expected = [
        "feeds.yaml:11: sumber 'antara-kalbar': url 'ftp://kalbar.antaranews.com/rss' harus",
        "feeds.yaml:12: sumber 'antara-kalbar': topik 'pertanain' tidak dikenal, maksud Anda "
        "'pertanian'? (pilihan: kesehatan, pertanian)",
        "feeds.yaml:13: sumber 'antara-kalbar': curation 'otomatis' harus 'auto' atau 'review'",
        "feeds.yaml:14: sumber 'antara-kalbar': interval_minutes: minimal 5, bukan 2",
        "feeds.yaml:15: sumber 'antara-kalbar': template tidak valid",
        "feeds.yaml:16: sumber: kunci 'warna' tidak dikenal",
        "feeds.yaml:17: sumber 'antara-kalbar': id ganda",
        "feeds.yaml:22: sumber: kunci wajib 'url' tidak ada",
    ]
    for line in expected:
        assert any(error.startswith(line) for error in errors), (line, errors)


def test_topic_problems(tmp_path: Path) -> None:
    text = """topics:
  - id: Pertanian Baru
    label: Pertanian
    keywords: [padi]
  - id: kesehatan
    keywords: []
sources: []
"""
    errors = _errors(tmp_path, text)
    assert errors[0].startswith("feeds.yaml:2: topik: id 'Pertanian Baru' hanya boleh")
    assert "feeds.yaml:5: topik: kunci wajib 'label' tidak ada" in errors
    assert "feeds.yaml:6: topik 'kesehatan': keywords tidak boleh kosong" in errors


def test_defaults_and_top_level(tmp_path: Path) -> None:
    text = "defaults:\n  interval_minutes: 1\n  timeout_s: lama\nfeed: []\n" + TOPICS
    errors = _errors(tmp_path, text)
    assert "feeds.yaml:2: defaults.interval_minutes: minimal 5, bukan 1" in errors
    assert "feeds.yaml:3: defaults.timeout_s: harus berupa angka" in errors
    assert any(e.startswith("feeds.yaml:4: berkas: kunci 'feed' tidak dikenal") for e in errors)
    assert "feeds.yaml:1: berkas: kunci wajib 'sources' tidak ada" in errors


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    errors = _errors(tmp_path, TOPICS + "sources:\n  - id: [tidak ditutup\n")
    assert len(errors) == 1
    assert errors[0].startswith("feeds.yaml:10: YAML tidak valid")


def test_empty_and_wrong_shapes(tmp_path: Path) -> None:
    assert _errors(tmp_path, "") == ["feeds.yaml:1: berkas kosong"]
    assert _errors(tmp_path, "- a\n- b\n") == [
        "feeds.yaml:1: berkas: harus berupa pemetaan kunci: nilai"
    ]
    errors = _errors(tmp_path, TOPICS + "sources:\n  id: x\n")
    assert errors == ["feeds.yaml:9: sources: harus berupa daftar"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FeedsConfigError, match="tidak dapat dibaca"):
        load_feeds_config(tmp_path / "tidak-ada.yaml")


def test_ids_that_would_overflow_button_data_are_refused(tmp_path: Path) -> None:
    long_topic, long_source = "t" * (ID_MAX_LENGTH + 1), "s" * 40
    text = f"""topics:
  - id: {long_topic}
    label: Panjang
    keywords: [padi]
sources:
  - id: {long_source}
    name: Sumber
    url: https://contoh.id/rss
    topics: [{long_topic}]
    curation: review
"""
    errors = _errors(tmp_path, text)
    assert errors[0] == (
        f"feeds.yaml:2: topik: id '{long_topic}' terlalu panjang (33 karakter, maksimal 32)"
    )
    assert f"feeds.yaml:6: sumber: id '{long_source}' terlalu panjang" in errors[1]


def test_the_longest_allowed_ids_fit_every_button(tmp_path: Path) -> None:
    topic, source = "t" * ID_MAX_LENGTH, "s" * ID_MAX_LENGTH
    path = tmp_path / "feeds.yaml"
    path.write_text(
        f"topics:\n  - id: {topic}\n    label: T\n    keywords: [a]\nsources:\n  - id: {source}\n"
        f"    name: S\n    url: https://contoh.id/rss\n    topics: [{topic}]\n    curation: auto\n",
        encoding="utf-8",
    )
    assert load_feeds_config(path).topics[0].id == topic
    largest = LARGEST_ID
    for data in (
        akses.TOGGLE_TOPIC.data(largest, topic),
        akses.KIM_TOPIC.data(topic),
        diseminasi.PICK.data(topic),
    ):
        assert len(data.encode()) <= MAX_BYTES

"""Measures from a seeded database with known answers: every activity, WIB month boundaries,
KIMs without activity, and the files (HTML, CSV, PNG) carrying the same numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.models.laporan import ACTIVITIES, Month, Status
from bot.store import Store
from bot.store import laporan as laporan_store
from bot.texts import Texts
from bot.wilayah import load_region
from broadcasts.laporan.files import Inputs, ReportFiles, make_files
from broadcasts.laporan.measures import Scope
from tests.laporan.seed import BARU, MAJU, MAJU_SCORE, SEPI, seed

TZ = ZoneInfo("Asia/Pontianak")
NOVEMBER = Month(2026, 11)
LATER = datetime(2027, 1, 5, tzinfo=UTC)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.connect(tmp_path / "laporan.sqlite3")
    await seed(opened)
    yield opened
    await opened.close()


async def files_of(
    store: Store, month: Month = NOVEMBER, scope: Scope | None = None
) -> ReportFiles:
    inputs = Inputs(store, Texts(tz=TZ), load_region("61.06"), TZ)
    return await make_files(inputs, month, scope or Scope(), LATER)


async def test_every_measure_counts_the_wib_month(store: Store) -> None:
    report = (await files_of(store)).report
    lines = {line.kim.nama: line for line in report.lines}
    assert set(lines) == {"KIM Maju", "KIM Sepi", "KIM Baru"}  # KIM Nanti: verified later
    for name, expected in (("KIM Maju", MAJU), ("KIM Sepi", SEPI), ("KIM Baru", BARU)):
        recorded = {k: v for k, v in lines[name].values.items() if v is not None}
        assert recorded == expected, name
    assert lines["KIM Maju"].score == MAJU_SCORE
    statuses = {name: line.status for name, line in lines.items()}
    assert statuses == {"KIM Maju": Status.AKTIF, "KIM Sepi": Status.TIDAK,
                        "KIM Baru": Status.KURANG}  # fmt: skip


async def test_every_activity_is_recorded(store: Store) -> None:
    report = (await files_of(store)).report
    assert report.recorded == set(ACTIVITIES)


async def test_an_unrecorded_activity_is_not_zeros(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An activity without a registered source (a new one, before its Source lands).
    monkeypatch.setattr(laporan_store, "SOURCES", [s for s in laporan_store.SOURCES
                                                   if s.activity != "jaringan"])  # fmt: skip
    files = await files_of(store)
    maju = files.report.lines[0].values
    assert maju["jaringan_acara"] is None
    assert maju["implementasi_laporan"] == MAJU["implementasi_laporan"]
    assert "jaringan" not in files.report.recorded
    rows = list(csv.DictReader(io.StringIO(files.csv.decode("utf-8-sig"))))
    assert next(row for row in rows if row["kim"] == "KIM Maju")["jaringan_acara"] == ""
    page = files.html.decode()
    assert "belum tercatat" in page
    assert '<td class="na">—</td>' in page


async def test_december_gets_what_crossed_midnight(store: Store) -> None:
    report = (await files_of(store, Month(2026, 12))).report
    maju = next(line for line in report.lines if line.kim.nama == "KIM Maju")
    assert maju.values["akses_berita"] == 1  # 2026-12-01 00:10 WIB
    assert maju.values["diskusi_topik"] == 1
    assert maju.values["diseminasi_diterima"] == 1
    assert maju.values["aspirasi_diajukan"] == 1
    assert maju.values["implementasi_laporan"] == 0  # 2026-11-30 23:30 WIB was November's
    assert maju.values["implementasi_terverifikasi"] == 1  # decided 2026-12-01 00:10 WIB
    assert maju.values["jaringan_acara"] == 1
    assert {line.kim.nama for line in report.lines} >= {"KIM Nanti"}


async def test_scope_kecamatan_and_kim(store: Store) -> None:
    kecamatan = (await files_of(store, scope=Scope(kecamatan="61.06.02"))).report
    assert [line.kim.nama for line in kecamatan.lines] == ["KIM Baru"]
    one = await files_of(store, scope=Scope(kim_id=1))
    assert [line.kim.nama for line in one.report.lines] == ["KIM Maju"]
    assert "KIM Maju (Putussibau Utara)" in one.caption


async def test_trend_covers_six_months(store: Store) -> None:
    trend = (await files_of(store)).report.trend
    assert [str(p.month) for p in trend] == [f"2026-{m:02d}" for m in range(6, 12)]
    assert trend[-1].score == MAJU_SCORE
    assert trend[-1].aktif == 1
    assert trend[3].score == 2  # September: KIM Sepi confirmed a broadcast


async def test_csv_carries_the_numbers(store: Store) -> None:
    data = (await files_of(store)).csv
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    maju = next(row for row in rows if row["kim"] == "KIM Maju")
    assert {k: int(maju[k]) for k in MAJU} == MAJU
    assert maju["skor"] == str(MAJU_SCORE)
    assert maju["status"] == "aktif"
    assert maju["aktivitas_terakhir"] == "2026-11-30"  # 23:30 WIB, not the UTC date


async def test_csv_defuses_formulas(store: Store) -> None:
    await store._db.execute("UPDATE kim SET nama = '=HYPERLINK(\"x\")' WHERE id = 3")
    await store._db.commit()
    rows = list(csv.reader(io.StringIO((await files_of(store)).csv.decode("utf-8-sig"))))
    assert any(cell == '\'=HYPERLINK("x")' for row in rows for cell in row)


async def test_html_report_shows_the_numbers_escaped(store: Store) -> None:
    await store._db.execute("UPDATE kim SET nama = 'KIM <b>Baru</b>' WHERE id = 3")
    await store._db.commit()
    page = (await files_of(store)).html.decode()
    assert "<title>Laporan KIM November 2026" in page
    assert "KIM &lt;b&gt;Baru&lt;/b&gt;" in page
    assert "<b>Baru</b>" not in page
    assert "<td>40</td>" in page
    assert f"<td>{MAJU_SCORE}</td>" in page
    assert "Kecamatan Putussibau Utara" in page
    assert "Kecamatan Bika" in page


async def test_chart_is_a_png(store: Store) -> None:
    png = (await files_of(store)).png
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 10_000
    width, height = int.from_bytes(png[16:20]), int.from_bytes(png[20:24])
    assert width == 1080
    assert height > 600


async def test_a_month_without_kims_still_renders(tmp_path: Path) -> None:
    empty = await Store.connect(tmp_path / "empty.sqlite3")
    try:
        files = await files_of(empty)
    finally:
        await empty.close()
    assert files.report.lines == []
    assert files.png.startswith(b"\x89PNG")
    assert "Belum ada KIM terverifikasi" in files.html.decode()

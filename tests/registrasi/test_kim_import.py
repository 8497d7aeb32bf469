"""Importing Diskominfo's KIM list: validation by line, idempotence, `kim list`."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from bot.kim_import import read_kim_csv
from bot.models.registrasi import KimStatus, LinkStatus
from bot.store import Store
from bot.wilayah import load_region

GOOD = """nama_kim,kode_desa,penerbit_sk,nomor_sk,tanggal_sk
KIM Sibau Maju,61.06.01.2005,Kepala Desa,141/3/2024,2024-03-01
KIM Bunut Hulu,61.06.05.2002,camat,7/2023,17/08/2023
KIM Tanpa SK,61.06.14.2001,,,
"""
BAD = """nama_kim,kode_desa,penerbit_sk,nomor_sk,tanggal_sk
KIM Pontianak,61.71.01.1001,Camat,1,2024-01-01
KIM Salah Penerbit,61.06.01.2005,Bupati,1,2024-01-01
KIM Masa Depan,61.06.01.2004,Camat,1,2999-01-01
X,61.06.01.2004,Camat,1,2024-01-01
KIM Sibau Maju,61.06.01.2005,Kepala Desa,141/3/2024,2024-03-01
KIM sibau  maju,61.06.01.2005,Kepala Desa,141/3/2024,2024-03-01
"""


def test_read_reports_every_bad_row_with_its_line() -> None:
    rows, problems = read_kim_csv(BAD, load_region("61.06"), date(2026, 11, 27))
    assert [r.line for r in rows] == [6]
    assert [(p.line, p.reason.split()[0]) for p in problems] == [
        (2, "kode_desa"), (3, "penerbit_sk"), (4, "tanggal_sk"), (5, "nama_kim"), (7, "sama"),
    ]  # fmt: skip
    assert "Kapuas Hulu" in problems[0].reason


def test_missing_columns() -> None:
    rows, problems = read_kim_csv("nama,desa\nA,B\n", load_region("61.06"), date(2026, 1, 1))
    assert rows == []
    assert problems[0].line == 1
    assert "kode_desa" in problems[0].reason


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for key in ("TELEGRAM_BOT_TOKEN", "KIM_DB_PATH", "KIM_FEEDS_FILE", "KIM_KABUPATEN"):
        monkeypatch.delenv(key, raising=False)
    (tmp_path / "feeds.yaml").write_text("sources: []\n")
    return tmp_path


def test_cli_import_twice_changes_nothing(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "kim.csv").write_text(GOOD, encoding="utf-8")
    assert main(["kim", "import", "kim.csv"]) == 0
    assert "Ditambah 3, diperbarui 0, tidak berubah 0, ditolak 0" in capsys.readouterr().out
    assert main(["kim", "import", "kim.csv"]) == 0
    assert "Ditambah 0, diperbarui 0, tidak berubah 3" in capsys.readouterr().out
    assert main(["kim", "list"]) == 0
    listing = capsys.readouterr().out
    assert "KIM Sibau Maju" in listing
    assert "Sibau Hilir" in listing
    assert "3 KIM." in listing


def test_cli_import_reports_bad_rows(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "bad.csv").write_text(BAD, encoding="utf-8")
    assert main(["kim", "import", "bad.csv"]) == 1
    captured = capsys.readouterr()
    assert "bad.csv:2: kode_desa '61.71.01.1001'" in captured.err
    assert "Ditambah 1" in captured.out
    assert "ditolak 5" in captured.out
    assert main(["kim", "import", "missing.csv"]) == 2


SK_FILLED = """nama_kim,kode_desa,penerbit_sk,nomor_sk,tanggal_sk
KIM Tanpa SK,61.06.14.2001,Diskominfo,55/2025,2025-05-05
"""


async def _link_and_verify(db: Path) -> tuple[int, int]:
    """Link a group to KIM Sibau Maju (approved) and another to KIM Bunut Hulu (waiting)."""
    store = await Store.connect(db)
    try:
        kims = {k.nama: k for k in await store.list_kims()}
        approved = await store.request_link(kims["KIM Sibau Maju"].id, -4001, user_id=7)
        waiting = await store.request_link(kims["KIM Bunut Hulu"].id, -4002, user_id=8)
        assert approved is not None
        assert waiting is not None
        assert await store.approve_link(approved.id, by=1) is not None
        return approved.id, waiting.id
    finally:
        await store.close()


def test_reimport_keeps_statuses_links_and_the_sk_diskominfo_entered(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "kim.csv").write_text(GOOD, encoding="utf-8")
    (workdir / "sk.csv").write_text(SK_FILLED, encoding="utf-8")
    assert main(["kim", "import", "kim.csv"]) == 0
    db = workdir / "data" / "kim.sqlite3"
    approved, waiting = asyncio.run(_link_and_verify(db))
    assert main(["kim", "import", "sk.csv"]) == 0  # Diskominfo adds the missing SK
    assert "diperbarui 1" in capsys.readouterr().out
    assert main(["kim", "import", "kim.csv"]) == 0  # the older list, with empty SK cells
    assert "Ditambah 0, diperbarui 0, tidak berubah 3" in capsys.readouterr().out

    async def check() -> None:
        store = await Store.connect(db)
        try:
            kims = {k.nama: k for k in await store.list_kims()}
            assert {k.status for k in kims.values()} == {KimStatus.VERIFIED}
            assert kims["KIM Sibau Maju"].chat_id == -4001
            assert kims["KIM Bunut Hulu"].chat_id is None
            assert kims["KIM Tanpa SK"].sk_nomor == "55/2025"
            assert kims["KIM Tanpa SK"].sk_penerbit == "diskominfo"
            assert kims["KIM Tanpa SK"].sk_tanggal == date(2025, 5, 5)
            link = await store.get_link(waiting)
            assert link is not None
            assert link.status == LinkStatus.PENDING
            done = await store.get_link(approved)
            assert done is not None
            assert done.status == LinkStatus.APPROVED
        finally:
            await store.close()

    asyncio.run(check())

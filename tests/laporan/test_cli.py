"""`kim-bot laporan --bulan 2026-11 [--kecamatan KODE] --out DIR` writes HTML, CSV and PNG
whose numbers match the database; a bad month or code is one Indonesian line, exit 2."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main
from bot.store import Store
from tests.laporan.seed import MAJU_SCORE, seed


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "kim.sqlite3"

    async def prepare() -> None:
        store = await Store.connect(path)
        await seed(store)
        await store.close()

    asyncio.run(prepare())
    monkeypatch.setenv("KIM_DB_PATH", str(path))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    return path


def test_writes_the_three_files(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "keluar"
    assert main(["laporan", "--bulan", "2026-11", "--out", str(out)]) == 0
    html = (out / "laporan-kim-2026-11.html").read_text(encoding="utf-8")
    assert "KIM Maju" in html
    assert f"<td>{MAJU_SCORE}</td>" in html
    csv_text = (out / "laporan-kim-2026-11.csv").read_text(encoding="utf-8-sig")
    assert f",{MAJU_SCORE},aktif," in csv_text
    assert (out / "laporan-kim-2026-11.png").read_bytes().startswith(b"\x89PNG")


def test_one_kecamatan(database: Path, tmp_path: Path) -> None:
    code = main(["laporan", "--bulan", "2026-11", "--kecamatan", "61.06.02", "--out",
                 str(tmp_path)])  # fmt: skip
    assert code == 0
    csv_text = (tmp_path / "laporan-kim-2026-11-610602.csv").read_text(encoding="utf-8-sig")
    assert "KIM Baru" in csv_text
    assert "KIM Maju" not in csv_text


@pytest.mark.parametrize(
    ("args", "says"),
    [(["--bulan", "2026-13"], "Bulan tidak dikenali"),
     (["--bulan", "Nov"], "Bulan tidak dikenali"),
     (["--bulan", "2026-11", "--kecamatan", "99.99.99"], "Kode kecamatan")],
)  # fmt: skip
def test_bad_input_is_one_line(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    assert main(["laporan", *args, "--out", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err.strip()
    assert says in err
    assert "\n" not in err
    assert not (tmp_path / "x").exists()

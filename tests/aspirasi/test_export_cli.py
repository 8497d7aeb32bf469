"""`kim-bot aspirasi export`, end to end: tickets filed through the conversation, exported by
the command in its own process (read-only, beside the running bot); bad arguments refused."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main
from bot.config import Config
from broadcasts.aspirasi.export import COLUMNS
from tests.aspirasi.conftest import submit
from tests.conftest import HubFactory

WIB = ZoneInfo("Asia/Pontianak")
ROOT = Path(__file__).resolve().parents[2]
NOVEMBER = ("aspirasi", "export", "--dari", "2026-11-01", "--sampai", "2026-11-30")
SIGNED = "Saya Siti dari RT 02 melaporkan jalan poros desa rusak berat sejak banjir kemarin."


class Clock:
    """The bot's clock, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def wib(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WIB).astimezone(UTC)


async def kim_bot(config: Config, cwd: Path, *args: str) -> tuple[int, str, str]:
    """Run `kim-bot` in its own process on the test's database; (code, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIM_", "TELEGRAM_"))}
    env |= {"KIM_DB_PATH": str(config.db_path), "PYTHONPATH": str(ROOT)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=cwd, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await proc.communicate()
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def test_export_of_a_month_beside_the_running_bot(
    start_hub: HubFactory, config: Config, tmp_path: Path
) -> None:
    clock = Clock(wib(10, 31, 23, 30))  # the last evening of October: not in November
    async with start_hub(clock=clock) as hub:
        october = await submit(hub, hub.emu.user("Oktober"))
        clock.now = wib(11, 10, 10)
        secret = hub.emu.user("Siti", "Rahasiawati")
        hidden = await submit(hub, secret, SIGNED, identity="rahasia")
        shown = await submit(hub, hub.emu.user("Budi", "Terbuka"), identity="tampil")
        clock.now = wib(11, 30, 23, 30)  # 16:30 UTC, still 30 November in Pontianak
        late = await submit(hub, hub.emu.user("Akhir"), category="kesehatan")
        code, out, err = await kim_bot(config, tmp_path, *NOVEMBER, "--format", "csv")
    assert code == 0, err
    assert "Diekspor 3 aspirasi" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == COLUMNS
    assert [r["kode"] for r in rows] == [hidden.code, shown.code, late.code]
    assert october.code not in out
    assert rows[0]["identitas"] == "rahasia"
    assert rows[0]["nama_pelapor"] == ""
    assert "Rahasiawati" not in out
    assert "Siti" not in out  # nor the Telegram name the citizen signed the text with
    assert rows[0]["isi"].startswith("Saya [nama disamarkan] dari RT 02")
    assert not re.search(rf"\b{secret.id}\b", out)
    assert rows[1]["nama_pelapor"] == "Budi Terbuka"
    assert rows[2]["tanggal_lapor"] == "2026-11-30 23:30"
    assert rows[0]["kecamatan"] == "Putussibau Utara"
    assert rows[0]["status"] == "diterima"


async def test_export_to_a_file_of_a_database_nobody_may_write(
    start_hub: HubFactory, config: Config, tmp_path: Path
) -> None:
    async with start_hub(clock=lambda: wib(11, 10, 10)) as hub:
        asp = await submit(hub, hub.emu.user("Siti"))
    config.db_path.chmod(0o444)  # read-only: nothing may be created, migrated or written
    out = tmp_path / "aspirasi-november.csv"
    code, stdout, err = await kim_bot(config, tmp_path, *NOVEMBER, "--out", str(out))
    assert code == 0, err
    assert stdout == ""
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode())  # Excel reads the letters right
    assert asp.code in data.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--dari", "2026-13-01", "--sampai", "2026-11-30"], "--dari '2026-13-01' bukan tanggal"),
        (["--dari", "2026-11-01", "--sampai", "30/11/2026"], "--sampai '30/11/2026' bukan"),
        (["--dari", "2026-12-01", "--sampai", "2026-11-30"], "jatuh sesudah --sampai"),
        (["--dari", "2026-11-01", "--sampai", "2026-11-30", "--format", "xlsx"], "pilihan: csv"),
    ],
)
def test_bad_arguments_are_one_indonesian_line_and_exit_2(
    args: list[str],
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "kim.sqlite3"
    monkeypatch.setenv("KIM_DB_PATH", str(db))
    monkeypatch.chdir(tmp_path)
    assert main(["aspirasi", "export", *args]) == 2
    captured = capsys.readouterr()
    assert expected in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert captured.out == ""
    assert not db.exists()  # nothing created


def test_a_missing_database_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "tidak-ada.sqlite3"
    monkeypatch.setenv("KIM_DB_PATH", str(db))
    monkeypatch.chdir(tmp_path)
    assert main(["aspirasi", "export", "--dari", "2026-11-01", "--sampai", "2026-11-30"]) != 0
    assert "tidak-ada.sqlite3 tidak ada" in capsys.readouterr().err
    assert not db.exists()

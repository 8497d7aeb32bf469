"""Dates a person types are judged in KIM_TIMEZONE on the configured clock, never the host's.

The clock stands at 00:30 WIB on 17 August 2025, which is still 16 August (17:30) in UTC:
a host on UTC would call an SK dated today "in the future".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main
from bot.config import Config
from bot.emulator import Chat, User
from tests.conftest import Hub, HubFactory, buttons, texts

HALF_PAST_MIDNIGHT_WIB = datetime(2025, 8, 16, 17, 30, tzinfo=UTC)
BUNUT_HILIR, DESA = "61.06.05", "61.06.05.2002"


def fixed_clock() -> datetime:
    return HALF_PAST_MIDNIGHT_WIB


def test_today_is_the_date_in_the_configured_timezone(config: Config) -> None:
    at_wib = replace(config, clock=fixed_clock)
    assert at_wib.today() == date(2025, 8, 17)
    at_utc = replace(config, clock=fixed_clock, timezone=ZoneInfo("UTC"))
    assert at_utc.today() == date(2025, 8, 16)


async def walk_to_sk_date(hub: Hub, ketua: User, group: Chat) -> None:
    await hub.say(ketua, group, "/daftar")
    replies = await hub.say(ketua, group, "KIM Tengah Malam")
    replies = await hub.press(ketua, replies[-1], f"daftar:kec:{BUNUT_HILIR}")
    replies = await hub.press(ketua, replies[-1], f"daftar:desa:{DESA}")
    await hub.press(ketua, replies[-1], "daftar:sk:kepala_desa")
    await hub.say(ketua, group, "141/1/2025")


async def test_sk_dated_today_at_half_past_midnight_wib(start_hub: HubFactory) -> None:
    async with start_hub(clock=fixed_clock) as hub:
        ketua = hub.emu.user("Rahmat")
        group = hub.emu.group("KIM Tengah Malam", admins=[ketua])
        await walk_to_sk_date(hub, ketua, group)
        refused = texts(await hub.say(ketua, group, "18/08/2025"))
        assert "masa depan" in refused
        assert "hari ini 17 Agustus 2025" in refused
        replies = await hub.say(ketua, group, "17 Agustus")  # no year: this year, in WIB
        assert "daftar:lewati" in buttons(replies[-1])
        replies = await hub.press(ketua, replies[-1], "daftar:lewati")
        assert "17 Agustus 2025" in replies[-1]["text"]


CSV = """nama_kim,kode_desa,penerbit_sk,nomor_sk,tanggal_sk
KIM Hari Ini,61.06.01.2005,Camat,1/2025,2025-08-17
KIM Besok,61.06.01.2004,Camat,2/2025,18/08/2025
"""


def test_cli_import_judges_sk_dates_in_wib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for key in ("TELEGRAM_BOT_TOKEN", "KIM_DB_PATH", "KIM_FEEDS_FILE", "KIM_TIMEZONE"):
        monkeypatch.delenv(key, raising=False)
    (tmp_path / "feeds.yaml").write_text("sources: []\n")
    (tmp_path / "kim.csv").write_text(CSV, encoding="utf-8")
    assert main(["kim", "import", "kim.csv"], clock=fixed_clock) == 1
    captured = capsys.readouterr()
    assert "Ditambah 1," in captured.out
    assert "kim.csv:3: tanggal_sk '18/08/2025'" in captured.err
    assert "kim.csv:2" not in captured.err

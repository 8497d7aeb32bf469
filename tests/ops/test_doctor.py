"""`kim-bot doctor` against the emulator, configured right and wrong (a missing admin right)."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.config import Config
from bot.emulator import ApiError, BotApiEmulator, Chat, User
from bot.models.registrasi import KimDraft, KimStatus
from bot.ops.checks import Level, exit_code, render
from bot.ops.doctor import examine
from bot.store import Store
from tests.feeds_server import FeedsServer, running_feeds_server

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'


@pytest.fixture
async def feeds() -> AsyncIterator[FeedsServer]:
    async with running_feeds_server() as server:
        server.add("/rss.xml", RSS)
        yield server


async def add_kim(config: Config, group: Chat, ketua: User, nama: str, desa: str) -> None:
    store = await Store.connect(config.db_path)
    try:
        draft = KimDraft(nama, desa, desa[:8], "camat", "1/2025", date(2025, 1, 2))
        kim = await store.register_kim(draft, group.id, ketua.id)
        await store.decide_kim(kim.id, KimStatus.VERIFIED, ketua.id)
    finally:
        await store.close()


async def deployment(emu: BotApiEmulator, config: Config, desk: Chat) -> tuple[Chat, Chat]:
    """A desk where the bot is an admin, and two KIM groups: a plain group and a forum."""
    emu.make_admin(desk)
    ketua, sari = emu.user("Rahmat"), emu.user("Sari")
    plain = emu.make_admin(emu.group("KIM Sibau", admins=[ketua]))
    forum = emu.make_admin(emu.group("KIM Embaloh", forum=True, admins=[sari]))
    await add_kim(config, plain, ketua, "KIM Sibau", "61.06.01.2011")
    await add_kim(config, forum, sari, "KIM Embaloh", "61.06.03.2001")
    return plain, forum


def sources(feeds: FeedsServer, path: str = "/rss.xml") -> list[tuple[str, str]]:
    return [("Portal Uji", feeds.url(path))]


async def test_a_deployment_configured_right_passes(
    emu: BotApiEmulator, config: Config, desk: Chat, feeds: FeedsServer
) -> None:
    await deployment(emu, config, desk)
    checks = await examine(config, sources(feeds), NOW)
    shown = render(checks)
    assert exit_code(checks) == 0, shown
    assert "[GAGAL]" not in shown
    for line in ("Token bot valid: @", "Grup meja Meja Diskominfo: bot admin",
                 "Grup KIM KIM Sibau: bot admin dengan hak", "Grup KIM KIM Embaloh: bot admin",
                 "Sumber berita Portal Uji: HTTP 200", "integritas ok", "Zona waktu Asia/Pontianak",
                 "Ruang disk"):  # fmt: skip
        assert line in shown, shown
    # Privacy mode on (Telegram's default) is a warning with its fix, not a failure.
    assert any(c.level is Level.WARN and "privasi" in c.what for c in checks)


async def test_a_missing_admin_right_and_other_faults_are_found_with_fixes(
    emu: BotApiEmulator, config: Config, desk: Chat, feeds: FeedsServer
) -> None:
    plain, forum = await deployment(emu, config, desk)
    emu.make_admin(plain, can_pin_messages=False)
    emu.make_admin(forum, can_manage_topics=False)
    desk.bot_status = "member"
    checks = await examine(replace(config, admin_ids=frozenset()), sources(feeds, "/hilang.xml"),
                           NOW)  # fmt: skip
    failed = {c.what: c.fix for c in checks if c.level is Level.FAIL}
    assert failed == {
        "KIM_ADMIN_IDS kosong: tidak ada yang bisa memverifikasi KIM": failed.get(
            "KIM_ADMIN_IDS kosong: tidak ada yang bisa memverifikasi KIM"),
        "Bot bukan admin di grup meja Meja Diskominfo": failed.get(
            "Bot bukan admin di grup meja Meja Diskominfo"),
        "Grup KIM KIM Sibau: bot admin tanpa hak “Sematkan pesan”": (
            "Di grup KIM Sibau: Kelola grup → Administrator → bot → aktifkan “Sematkan pesan”."),
        "Grup KIM KIM Embaloh: bot admin tanpa hak “Kelola topik”": (
            "Di grup KIM Embaloh: Kelola grup → Administrator → bot → aktifkan “Kelola topik”."),
        "Sumber berita Portal Uji tidak bisa diambil (HTTP 404)": (
            f"Buka {feeds.url('/hilang.xml')} di peramban; ganti alamatnya di feeds.yaml bila "
            "sudah pindah."),
    }  # fmt: skip
    assert all(failed.values())
    assert exit_code(checks) == 1


async def test_a_refused_token_stops_the_telegram_checks(
    emu: BotApiEmulator, config: Config, feeds: FeedsServer
) -> None:
    emu.fail("getMe", error=ApiError(401, "Unauthorized"))
    checks = await examine(config, sources(feeds), NOW)
    assert checks[0].level is Level.FAIL
    assert "Token bot ditolak" in checks[0].what
    assert "@BotFather" in (checks[0].fix or "")
    assert not any("Grup" in c.what for c in checks)


async def test_kim_bot_doctor_prints_the_checklist_and_exits_1_on_a_missing_right(
    emu: BotApiEmulator, config: Config, desk: Chat, tmp_path: Path
) -> None:
    plain, _ = await deployment(emu, config, desk)
    emu.make_admin(plain, can_pin_messages=False)
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": config.token, "TELEGRAM_API_BASE": emu.base_url,
           "KIM_DB_PATH": str(config.db_path), "KIM_FEEDS_FILE": str(config.feeds_file),
           "KIM_ADMIN_IDS": ",".join(map(str, config.admin_ids)),
           "KIM_DESK_CHAT_ID": str(desk.id)}  # fmt: skip
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "doctor", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 60)
    shown = out.decode()
    assert process.returncode == 1, err.decode()
    assert "[GAGAL]      Grup KIM KIM Sibau: bot admin tanpa hak “Sematkan pesan”" in shown
    assert "Perbaikan: Di grup KIM Sibau: Kelola grup" in shown
    assert "1 gagal" in shown.splitlines()[-1]

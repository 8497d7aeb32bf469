"""`kim-bot run` as a real process, long polling the emulator, as an admin would run it."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.emulator import BotApiEmulator, Chat
from tests.conftest import FEEDS_TEST, TOKEN, buttons

PYTHON = sys.executable


def bot_env(tmp_path: Path, emu: BotApiEmulator, **extra: str) -> dict[str, str]:
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(FEEDS_TEST.read_text(encoding="utf-8"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "KIM_"))}
    return env | {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE": emu.base_url,
        "KIM_DB_PATH": str(tmp_path / "kim.sqlite3"),
        "KIM_FEEDS_FILE": str(feeds),
        **extra,
    }


async def run_cli(*args: str, env: dict[str, str], cwd: Path) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        PYTHON, "-m", "bot", *args, env=env, cwd=cwd,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await proc.communicate()
    return proc.returncode or 0, out.decode(), err.decode()


@pytest.fixture
async def running(tmp_path: Path, emu: BotApiEmulator) -> AsyncIterator[dict[str, Any]]:
    admin = emu.user("Dina")
    desk = emu.group("Meja Diskominfo", supergroup=True, admins=[admin])
    env = bot_env(tmp_path, emu, KIM_ADMIN_IDS=str(admin.id), KIM_DESK_CHAT_ID=str(desk.id))
    proc = await asyncio.create_subprocess_exec(
        PYTHON, "-m", "bot", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await emu.wait_for(lambda e: e.polling > 0, timeout=30)
        yield {"proc": proc, "admin": admin, "desk": desk}
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 30)
        assert b"TOKEN" not in err.replace(b"<TOKEN>", b"")
        assert TOKEN.encode() not in err


async def said(emu: BotApiEmulator, update: dict[str, Any], chat: Chat) -> dict[str, Any]:
    """Queue an update for getUpdates and wait for the bot's next message to the chat."""
    before = len(emu.sent(chat))
    emu.push(update)
    await emu.wait_for(lambda e: len(e.sent(chat)) > before, timeout=10)
    return emu.sent(chat)[-1]


async def test_run_publishes_commands_answers_and_registers(
    emu: BotApiEmulator, running: dict[str, Any]
) -> None:
    scopes = {c.params["scope"]["type"] for c in emu.calls_to("setMyCommands")}
    assert {"all_private_chats", "all_group_chats", "all_chat_administrators"} <= scopes

    citizen = emu.user("Ayu")
    private = emu.private_chat(citizen)
    welcome = await said(emu, emu.text(citizen, private, "/start"), private)
    assert "KIM Hub" in welcome["text"]

    ketua, warga = emu.user("Rahmat"), emu.user("Yanti")
    group = emu.group("KIM Semitau", admins=[ketua], members=[warga])
    refused = await said(emu, emu.text(warga, group, "/daftar"), group)
    assert "hanya admin grup" in refused["text"]

    step = await said(emu, emu.text(ketua, group, "/daftar"), group)
    step = await said(emu, emu.text(ketua, group, "KIM Semitau Maju", reply_to=step), group)
    step = await said(emu, emu.press(ketua, step, "daftar:kec:61.06.10"), group)
    desa = next(d for d in buttons(step) if d.startswith("daftar:desa:"))
    step = await said(emu, emu.press(ketua, step, desa), group)
    step = await said(emu, emu.press(ketua, step, "daftar:sk:kepala_desa"), group)
    step = await said(emu, emu.text(ketua, group, "3/2024", reply_to=step), group)
    step = await said(emu, emu.text(ketua, group, "05-06-2024", reply_to=step), group)
    step = await said(emu, emu.press(ketua, step, "daftar:lewati"), group)
    desk: Chat = running["desk"]
    desk_before = len(emu.sent(desk))
    done = await said(emu, emu.press(ketua, step, "daftar:ok"), group)
    assert "menunggu verifikasi" in done["text"]
    await emu.wait_for(lambda e: len(e.sent(desk)) > desk_before)
    card = emu.sent(desk)[-1]
    verify = next(d for d in buttons(card) if d.startswith("verif:ok:"))
    verified = await said(emu, emu.press(running["admin"], card, verify), group)
    assert "diverifikasi" in verified["text"]


async def test_sigterm_stops_cleanly(emu: BotApiEmulator, running: dict[str, Any]) -> None:
    proc = running["proc"]
    proc.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0
    assert "berhenti dengan rapi" in err.decode()


async def test_missing_token_and_help(tmp_path: Path, emu: BotApiEmulator) -> None:
    env = bot_env(tmp_path, emu)
    del env["TELEGRAM_BOT_TOKEN"]
    code, _, err = await run_cli("run", env=env, cwd=tmp_path)
    assert code == 2
    assert "@BotFather" in err
    broken = tmp_path / "broken.yaml"
    broken.write_text("topics:\n  - id: pertanian\n    label: Pertanian\nsources: []\n")
    env_broken = bot_env(tmp_path, emu) | {"KIM_FEEDS_FILE": str(broken)}
    code, _, err = await run_cli("feeds", "check", env=env_broken, cwd=tmp_path)
    assert code == 2  # the operator's check lists every problem; `run` starts regardless
    assert "broken.yaml:2" in err
    assert "keywords" in err
    code, out, _ = await run_cli("--help", env=env, cwd=tmp_path)
    assert code == 0
    for sub in ("run", "kim", "emulator"):
        assert sub in out


def not_yaml(folder: Path) -> str:
    path = folder / "rusak.yaml"
    path.write_text("topics: [\nini bukan YAML\n", encoding="utf-8")
    return str(path)


async def test_a_broken_feeds_file_leaves_the_bot_running(
    tmp_path: Path, emu: BotApiEmulator
) -> None:
    admin = emu.user("Dina")
    desk = emu.group("Meja Diskominfo", supergroup=True, admins=[admin])
    env = bot_env(tmp_path, emu, KIM_ADMIN_IDS=str(admin.id), KIM_DESK_CHAT_ID=str(desk.id))
    env["KIM_FEEDS_FILE"] = not_yaml(tmp_path)
    proc = await asyncio.create_subprocess_exec(
        PYTHON, "-m", "bot", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await emu.wait_for(lambda e: e.polling > 0, timeout=30)
        citizen = emu.user("Ayu")
        private = emu.private_chat(citizen)
        assert "KIM Hub" in (await said(emu, emu.text(citizen, private, "/start"), private))["text"]
        await emu.wait_for(lambda e: any("tidak diambil" in m["text"] for m in e.sent(desk)))
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0
    assert "rusak.yaml:3: YAML tidak valid" in err.decode()

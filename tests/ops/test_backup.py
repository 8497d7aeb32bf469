"""`kim-bot backup` while the bot writes, and `kim-bot restore` with its checks."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import Config
from bot.ops.backup import backup, restore
from bot.store.lock import DatabaseInUse
from tests.conftest import Hub, HubFactory

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def count_rows(path: Path) -> int:
    """Rows the writer made (lost_reply), read straight from a file."""
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM lost_reply").fetchone()[0])


async def test_a_backup_taken_while_the_bot_writes_is_a_consistent_snapshot(
    hub: Hub, config: Config, tmp_path: Path
) -> None:
    target = tmp_path / "cadangan" / "kim.sqlite3"
    written, started = 0, asyncio.Event()

    async def writer() -> None:
        nonlocal written
        while True:
            await hub.store.record_lost_reply(-1, "sendMessage", f"uji {written}")
            written += 1
            if written == 200:
                started.set()
            await asyncio.sleep(0)

    task = asyncio.create_task(writer())
    try:
        await started.wait()
        before = written
        code, line = await backup(config, target)
        after = written
    finally:
        task.cancel()
    assert code == 0, line
    assert "integritas ok" in line
    copied = count_rows(target)
    assert before <= copied <= after  # one moment's snapshot, taken while writes went on
    assert after > before  # the bot really wrote during the backup
    with sqlite3.connect(target) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again = await backup(config, target)
    assert again[0] == 2
    assert "sudah ada" in again[1]


async def test_restore_checks_the_file_and_needs_the_bot_stopped(
    start_hub: HubFactory, config: Config, tmp_path: Path
) -> None:
    saved = tmp_path / "cadangan.sqlite3"
    async with start_hub() as hub:
        await hub.store.record_lost_reply(-1, "sendMessage", "sebelum cadangan")
        assert (await backup(config, saved))[0] == 0
        await hub.store.record_lost_reply(-1, "sendMessage", "sesudah cadangan")
        with pytest.raises(DatabaseInUse):  # the bot runs: nothing is touched
            await restore(config, saved, NOW)
    assert count_rows(config.db_path) == 2
    for name, content, said in bad_files(tmp_path, saved):
        code, line = await restore(config, name, NOW)
        assert (code, said in line) == (2, True), line
        assert content == name.read_bytes() if name.exists() else True
    assert count_rows(config.db_path) == 2
    code, line = await restore(config, saved, NOW)
    assert code == 0, line
    assert count_rows(config.db_path) == 1
    kept = config.db_path.with_name("kim.sqlite3.sebelum-restore-20261130-030000")
    assert count_rows(kept) == 2
    async with start_hub() as hub:  # the bot runs on the restored database
        assert await hub.store.list_kims() == []


def bad_files(tmp_path: Path, good: Path) -> list[tuple[Path, bytes, str]]:
    """A missing file, a text file, another program's database, and a damaged backup."""
    text = tmp_path / "catatan.txt"
    text.write_text("bukan database", encoding="utf-8")
    foreign = tmp_path / "lain.sqlite3"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE x (y)")
    damaged = tmp_path / "rusak.sqlite3"
    data = bytearray(good.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for offset in range(page * 2, min(len(data), page * 6), 7):
        data[offset] = 0xA5  # scribble over the table pages, keep the header
    damaged.write_bytes(bytes(data))
    return [
        (tmp_path / "tidak-ada.sqlite3", b"", "tidak ada"),
        (text, text.read_bytes(), "bukan basis data SQLite"),
        (foreign, foreign.read_bytes(), "bukan basis data KIM Hub"),
        (damaged, bytes(data), "rusak"),
    ]


async def test_kim_bot_backup_from_the_command_line(config: Config, tmp_path: Path,
                                                   start_hub: HubFactory) -> None:  # fmt: skip
    async with start_hub():
        pass  # the database exists and is migrated
    env = {**os.environ, "KIM_DB_PATH": str(config.db_path), "TELEGRAM_BOT_TOKEN": ""}
    target = tmp_path / "salinan.sqlite3"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "backup", str(target), env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    assert "Cadangan dibuat" in out.decode()
    assert replace(config, db_path=target).db_path.is_file()

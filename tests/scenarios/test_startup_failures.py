"""Bad configuration fails fast: one clear Indonesian line, a non-zero exit, no traceback, no hang.

Each case runs the real `kim-bot` process. "Fast" is bounded generously (NO_HANG_S) so a slow
box does not make the tests flaky; before these fixes several cases hung for good.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.emulator import BotApiEmulator
from tests.conftest import FEEDS_TEST, TOKEN

NO_HANG_S = 15.0
SQLITE_HEADER = b"SQLite format 3\x00"


def kim_env(tmp_path: Path, **values: str) -> dict[str, str]:
    """The environment of a kim-bot process: nothing inherited from TELEGRAM_* or KIM_*."""
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(FEEDS_TEST.read_text(encoding="utf-8"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "KIM_"))}
    return env | {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "KIM_DB_PATH": str(tmp_path / "kim.sqlite3"),
        "KIM_FEEDS_FILE": str(feeds),
        **values,
    }


async def start(*args: str, env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env, cwd=cwd,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def finish(proc: asyncio.subprocess.Process) -> tuple[int, str]:
    """Wait for the process (killed if it hangs); return its exit code and stderr."""
    try:
        _, err = await asyncio.wait_for(proc.communicate(), NO_HANG_S)
    except TimeoutError:
        proc.kill()
        await proc.communicate()  # reaps it and closes its pipes
        pytest.fail(f"kim-bot still running after {NO_HANG_S} s: it hangs")
    return proc.returncode or 0, err.decode()


async def kim_bot(*args: str, env: dict[str, str], cwd: Path) -> tuple[int, str]:
    return await finish(await start(*args, env=env, cwd=cwd))


async def until_polling(emu: BotApiEmulator, proc: asyncio.subprocess.Process) -> None:
    """Wait until the bot long-polls the emulator; fail at once if it exits instead."""
    polling = asyncio.ensure_future(emu.wait_for(lambda e: e.polling > 0, timeout=60))
    exited = asyncio.ensure_future(proc.wait())
    await asyncio.wait({polling, exited}, return_when=asyncio.FIRST_COMPLETED)
    exited.cancel()
    if not polling.done():
        polling.cancel()
        assert proc.stderr is not None
        pytest.fail(f"kim-bot exited {proc.returncode}: {(await proc.stderr.read()).decode()}")
    polling.result()


async def said(proc: asyncio.subprocess.Process, words: str) -> None:
    """Read the process's stderr until a line contains `words`."""
    assert proc.stderr is not None
    line = b""
    while words.encode() not in line:
        line = await asyncio.wait_for(proc.stderr.readline(), NO_HANG_S)
        assert line, f"kim-bot ended before saying {words!r}"


def one_line(err: str) -> str:
    """The message: stderr must be exactly one line, with no traceback and no token."""
    assert "Traceback" not in err
    assert TOKEN not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def closed_port() -> int:
    """A local port nothing listens on (connections to it are refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def api_base(emu: BotApiEmulator) -> str:
    return emu.base_url


@pytest.mark.parametrize("command", [("run",), ("kim", "list")], ids=["run", "kim-list"])
async def test_a_file_that_is_not_a_database_is_named_and_left_alone(
    tmp_path: Path, api_base: str, command: tuple[str, ...]
) -> None:
    notes = tmp_path / "catatan.txt"
    notes.write_text("bukan basis data, tapi catatan rapat\n" * 100, encoding="utf-8")
    before = notes.read_bytes()
    env = kim_env(tmp_path, KIM_DB_PATH=str(notes), TELEGRAM_API_BASE=api_base)
    code, err = await kim_bot(*command, env=env, cwd=tmp_path)
    assert code == 2
    line = one_line(err)
    assert "KIM_DB_PATH" in line
    assert "catatan.txt bukan basis data SQLite" in line
    assert notes.read_bytes() == before


@pytest.mark.parametrize("where", ["folder", "under-a-file", "proc"])
async def test_a_database_path_that_cannot_be_written_is_explained(
    tmp_path: Path, api_base: str, where: str
) -> None:
    blocker = tmp_path / "berkas.txt"
    blocker.write_text("x", encoding="utf-8")
    path = {
        "folder": tmp_path,
        "under-a-file": blocker / "kim.sqlite3",
        "proc": Path("/proc/kim-hub/kim.sqlite3"),  # unwritable even for root
    }[where]
    env = kim_env(tmp_path, KIM_DB_PATH=str(path), TELEGRAM_API_BASE=api_base)
    code, err = await kim_bot("run", env=env, cwd=tmp_path)
    assert code == 2
    line = one_line(err)
    assert line.startswith("KIM_DB_PATH:")
    assert "folder" in line or "ditulis" in line


async def test_a_damaged_header_is_caught_by_sqlite_too(tmp_path: Path, api_base: str) -> None:
    # The file starts like SQLite, so only SQLite itself can tell: the half-open connection
    # must still be closed (it used to keep the process alive for ever).
    damaged = tmp_path / "rusak.sqlite3"
    damaged.write_bytes(SQLITE_HEADER + b"\xff" * 4000)
    env = kim_env(tmp_path, KIM_DB_PATH=str(damaged), TELEGRAM_API_BASE=api_base)
    code, err = await kim_bot("run", env=env, cwd=tmp_path)
    assert code == 2
    assert "rusak.sqlite3" in one_line(err)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"TELEGRAM_API_BASE": "{base}/"}, "tidak boleh diakhiri '/'"),
        ({"TELEGRAM_API_BASE": "{base}" + TOKEN}, "tidak boleh memuat token"),
        ({"TELEGRAM_API_BASE": "{root}"}, "harus berakhir dengan /bot"),
        ({"TELEGRAM_API_BASE": "{base}", "KIM_DESK_CHAT_ID": "4321"}, "bukan grup"),
    ],
    ids=["slash", "token", "no-bot", "desk-is-a-user"],
)
async def test_settings_in_the_wrong_form_are_refused_before_any_call(
    tmp_path: Path, emu: BotApiEmulator, values: dict[str, str], expected: str
) -> None:
    root = emu.base_url.removesuffix("/bot")
    filled = {k: v.format(base=emu.base_url, root=root) for k, v in values.items()}
    code, err = await kim_bot("run", env=kim_env(tmp_path, **filled), cwd=tmp_path)
    assert code == 2
    assert "Traceback" not in err
    assert TOKEN not in err
    assert expected in err
    assert not emu.calls  # refused before talking to the server


async def test_a_server_that_does_not_know_the_path_is_one_line(
    tmp_path: Path, emu: BotApiEmulator
) -> None:
    wrong = emu.base_url.replace("/bot", "/api/bot")
    code, err = await kim_bot("run", env=kim_env(tmp_path, TELEGRAM_API_BASE=wrong), cwd=tmp_path)
    assert code == 2
    assert "menolak token" in one_line(err)
    assert "JSON" not in err


async def test_no_connection_says_check_the_connection(tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{closed_port()}/bot"
    started = time.monotonic()
    code, err = await kim_bot("run", env=kim_env(tmp_path, TELEGRAM_API_BASE=base), cwd=tmp_path)
    assert code == 1
    assert time.monotonic() - started < NO_HANG_S
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert "periksa koneksi internet" in last
    assert f"{base.removesuffix('/bot')} tidak terhubung" in last


async def test_ctrl_c_while_start_up_retries_stops_at_once(tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{closed_port()}/bot"
    proc = await start("run", env=kim_env(tmp_path, TELEGRAM_API_BASE=base), cwd=tmp_path)
    await said(proc, "getMe")  # the first failed attempt; retries follow
    proc.send_signal(signal.SIGINT)
    await interrupted_at_once(proc)


async def test_ctrl_c_while_the_server_does_not_answer_stops_at_once(
    tmp_path: Path, emu: BotApiEmulator
) -> None:
    emu.fail("getMe", error="timeout", delay=60)  # held: a black-holed connection
    proc = await start("run", env=kim_env(tmp_path, TELEGRAM_API_BASE=emu.base_url),
                       cwd=tmp_path)  # fmt: skip
    await emu.wait_for_call("getMe", timeout=NO_HANG_S)
    proc.send_signal(signal.SIGINT)
    await interrupted_at_once(proc)


async def interrupted_at_once(proc: asyncio.subprocess.Process) -> None:
    """The process ends as interrupted (130), not after its retries or timeouts failed."""
    code, err = await finish(proc)
    assert code == 130
    assert "Traceback" not in err
    assert "Dihentikan saat memulai" in err.strip().splitlines()[-1]
    assert "NetworkError" not in err
    assert "TimedOut" not in err


@pytest.fixture
async def first_bot(tmp_path: Path, emu: BotApiEmulator) -> AsyncIterator[dict[str, object]]:
    env = kim_env(tmp_path, TELEGRAM_API_BASE=emu.base_url)
    proc = await start("run", env=env, cwd=tmp_path)
    try:
        await until_polling(emu, proc)
        yield {"proc": proc, "env": env}
    finally:
        if proc.returncode is None:
            proc.kill()
        await proc.wait()


async def test_a_second_bot_on_the_same_database_refuses_to_start(
    tmp_path: Path, emu: BotApiEmulator, first_bot: dict[str, object]
) -> None:
    proc = first_bot["proc"]
    assert isinstance(proc, asyncio.subprocess.Process)
    env = first_bot["env"]
    assert isinstance(env, dict)
    getme_before = len(emu.calls_to("getMe"))
    code, err = await kim_bot("run", env=env, cwd=tmp_path)
    assert code == 1
    line = one_line(err)
    assert "sedang dipakai kim-bot run lain" in line
    assert f"PID {proc.pid}" in line
    assert len(emu.calls_to("getMe")) == getme_before  # refused before any Telegram call
    # kill -9 leaves no stale lock: the OS released it with the process.
    proc.kill()
    await proc.wait()
    again = await start("run", env=env, cwd=tmp_path)
    try:
        await said(again, "KIM Hub berjalan")
    finally:
        again.send_signal(signal.SIGTERM)
        code, err = await finish(again)
    assert code == 0, err
    assert not [c for c in emu.calls_to("getUpdates") if c.status == 409]


async def test_emulator_on_a_port_in_use_says_so(tmp_path: Path, emu: BotApiEmulator) -> None:
    code, err = await kim_bot("emulator", "--port", str(emu.port), env=kim_env(tmp_path),
                              cwd=tmp_path)  # fmt: skip
    assert code == 1
    line = one_line(err)
    assert f"Port {emu.port} di 127.0.0.1 sudah dipakai" in line
    assert f"--port {emu.port + 1}" in line

"""No token in what `kim-bot` prints: token-shaped strings in every setting, real processes.

Operators paste tokens into the wrong variable, or a path or a chat id happens to look like
one; a configuration error, a database error or the Bot API server's own error text must
never bring it to the screen (or to a log collected from it). Each case runs `kim-bot run`
and `kim-bot kim list`; both outputs, stdout and stderr, are searched for every secret.
"""

from __future__ import annotations

import asyncio
import string
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.emulator import ApiError, BotApiEmulator
from tests.conftest import TOKEN
from tests.scenarios.test_startup_failures import closed_port, kim_env, start

COMMANDS = (("run",), ("kim", "list"))
CONCURRENT = 6
# Six kim-bot processes at once on a small machine, one of them retrying getMe for ~4 s by
# design: what this test checks is the output, and a hang is forever, so the bound is wide.
NO_HANG_S = 60.0


def secret(number: int) -> str:
    """A token-shaped string, different for each case: 9 digits, ':', 35 characters."""
    return f"{123456700 + number}:AA{string.ascii_letters[number : number + 33]}"


Case = Callable[[str, Path, str], dict[str, str]]  # (secret, tmp_path, api_base) → settings


def not_a_database(s: str, tmp: Path, base: str) -> dict[str, str]:
    path = tmp / f"{s}.sqlite3"
    path.write_text("catatan rapat, bukan basis data\n" * 50, encoding="utf-8")
    return {"KIM_DB_PATH": str(path)}


def broken_feeds(s: str, tmp: Path, base: str) -> dict[str, str]:
    path = tmp / f"{s}.yaml"
    path.write_text(f"topics: [\nsources: {s}\n", encoding="utf-8")
    return {"KIM_FEEDS_FILE": str(path)}


def folder_as_database(s: str, tmp: Path, base: str) -> dict[str, str]:
    (tmp / s).mkdir()
    return {"KIM_DB_PATH": str(tmp / s)}


CASES: dict[str, Case] = {
    "token-rejected": lambda s, tmp, base: {"TELEGRAM_BOT_TOKEN": s},
    "token-malformed": lambda s, tmp, base: {"TELEGRAM_BOT_TOKEN": f"{s}!"},
    "token-no-server": lambda s, tmp, base: {
        "TELEGRAM_BOT_TOKEN": s, "TELEGRAM_API_BASE": f"http://127.0.0.1:{closed_port()}/bot"},
    "api-base-token": lambda s, tmp, base: {"TELEGRAM_API_BASE": f"{base}{s}"},
    "api-base-path": lambda s, tmp, base: {"TELEGRAM_API_BASE": f"{base}/{s}/getMe"},
    "api-base-userinfo": lambda s, tmp, base: {"TELEGRAM_API_BASE": f"http://{s}@127.0.0.1/bot"},
    "api-base-scheme": lambda s, tmp, base: {"TELEGRAM_API_BASE": f"ftp://{s}"},
    "api-base-space": lambda s, tmp, base: {"TELEGRAM_API_BASE": f"{base} {s}"},
    "db-path": lambda s, tmp, base: {"KIM_DB_PATH": str(tmp / f"{s}.sqlite3")},
    "db-not-a-database": not_a_database,
    "db-folder": folder_as_database,
    "feeds-missing": lambda s, tmp, base: {"KIM_FEEDS_FILE": str(tmp / f"{s}.yaml")},
    "feeds-broken": broken_feeds,
    "admin-ids": lambda s, tmp, base: {"KIM_ADMIN_IDS": f"12,{s}"},
    "desk": lambda s, tmp, base: {"KIM_DESK_CHAT_ID": s},
    "desk-negative": lambda s, tmp, base: {"KIM_DESK_CHAT_ID": f"-{s}"},
    "kabupaten": lambda s, tmp, base: {"KIM_KABUPATEN": s},
    "timezone": lambda s, tmp, base: {"KIM_TIMEZONE": s},
    "timezone-area": lambda s, tmp, base: {"KIM_TIMEZONE": f"Asia/{s}"},
    "quiet-hours": lambda s, tmp, base: {"KIM_QUIET_HOURS": s},
    "grace": lambda s, tmp, base: {"KIM_MISSED_RUN_GRACE_S": s},
}  # fmt: skip


async def output_of(args: tuple[str, ...], env: dict[str, str], cwd: Path) -> str:
    """stdout and stderr of one kim-bot command (killed, and failed, if it hangs)."""
    proc = await start(*args, env=env, cwd=cwd)
    try:
        out, err = await asyncio.wait_for(proc.communicate(), NO_HANG_S)
    except TimeoutError:
        proc.kill()
        await proc.communicate()  # reaps it and closes its pipes
        pytest.fail(f"kim-bot {' '.join(args)} still running after {NO_HANG_S} s")
    return (out + err).decode(errors="replace")


async def test_no_setting_and_no_error_echoes_a_token(tmp_path: Path, emu: BotApiEmulator) -> None:
    # The server's own error text carries the token too, as a proxy's "404 /bot<token>/getMe".
    emu.fail("getMe", error=ApiError(400, f"Bad Request: /bot{TOKEN}/getMe {secret(99)}"),
             times=None)  # fmt: skip
    gate = asyncio.Semaphore(CONCURRENT)

    async def one(number: int, name: str, case: Case, args: tuple[str, ...]) -> tuple[str, str]:
        folder = tmp_path / f"{name}-{args[0]}"
        folder.mkdir()
        settings = case(secret(number), folder, emu.base_url)
        env = kim_env(folder, TELEGRAM_API_BASE=emu.base_url) | settings
        async with gate:
            return f"{name} {' '.join(args)}", await output_of(args, env, folder)

    outputs = await asyncio.gather(*(
        one(number, name, case, args)
        for number, (name, case) in enumerate(CASES.items())
        for args in COMMANDS
    ))  # fmt: skip
    secrets = [secret(n).partition(":")[2] for n in [*range(len(CASES)), 99]]
    secrets.append(TOKEN.partition(":")[2])
    leaks = {case: text for case, text in outputs if any(s in text for s in secrets)}
    assert sorted(leaks) == []
    assert all("Traceback" not in text for _, text in outputs)
    assert len(emu.calls_to("getMe")) > 0  # the cases that start reach the server's error

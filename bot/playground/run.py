"""Start and stop the sandbox: emulator, page, bot, in one event loop, state kept on disk.

`sandbox_running(folder, port)` is the one entry, used by `kim-bot sandbox` and by the tests:
the emulator's world comes back from `dunia.json` (or the demo is cast afresh and the bot's
database seeded), the page and the demo feed are served on 127.0.0.1, and the bot runs
against the emulator with its database `kim.sqlite3` in the same folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.app import running_bot
from bot.config import Config
from bot.context import KimApplication
from bot.emulator import BotApiEmulator
from bot.playground import demo, world
from bot.playground.web import Sandbox, build_app
from bot.store import Store

TOKEN = "700000001:SANDBOXsandboxSANDBOXsandboxSANDBOX01"
SAVE_EVERY_S = 5.0
FILES = ("kim.sqlite3", "kim.sqlite3-wal", "kim.sqlite3-shm", "dunia.json", "feeds.yaml")
log = logging.getLogger(__name__)


@dataclass
class RunningSandbox:
    """What a running sandbox offers: its page's URL, the emulator and the bot."""

    url: str
    emu: BotApiEmulator
    app: KimApplication
    sandbox: Sandbox
    folder: Path


def reset(folder: Path) -> bool:
    """Delete a sandbox's saved state; whether there was any."""
    found = False
    for name in FILES:
        path = folder / name
        if path.exists():
            path.unlink()
            found = True
    return found


def sandbox_config(folder: Path, emu: BotApiEmulator, feeds: Path, desk: int) -> Config:
    """The bot's settings in the sandbox: the emulator as Telegram, Dina as the admin."""
    return Config(token=TOKEN, api_base=emu.base_url, db_path=folder / "kim.sqlite3",
                  feeds_file=feeds, admin_ids=frozenset({demo.ADMIN_ID}), desk_chat_id=desk,
                  kabupaten="61.06", timezone=ZoneInfo("Asia/Pontianak"),
                  quiet_hours=None)  # fmt: skip


@contextlib.asynccontextmanager
async def sandbox_running(folder: Path, port: int = 8080,
                          host: str = "127.0.0.1") -> AsyncIterator[RunningSandbox]:  # fmt: skip
    """Run the sandbox for the block; its world is saved every few seconds and at the end."""
    await asyncio.to_thread(folder.mkdir, parents=True, exist_ok=True)
    async with BotApiEmulator(TOKEN) as emu:
        fresh = not world.load(emu, folder / "dunia.json")
        cast = demo.cast(emu) if fresh else None
        sandbox = Sandbox(emu, demo.roles(emu))
        runner = web.AppRunner(build_app(sandbox), access_log=None)
        await runner.setup()
        try:
            site = web.TCPSite(runner, host, port)
            await site.start()
            url = f"http://{host}:{_bound_port(site, port)}/"
            if cast is not None:
                await _seed(folder, cast)
            feeds = demo.write_feeds_file(folder / "feeds.yaml", url.rstrip("/"))
            config = sandbox_config(folder, emu, feeds, desk=demo.DESK_ID)
            async with running_bot(config) as app, _saving(emu, sandbox, folder):
                yield RunningSandbox(url, emu, app, sandbox, folder)
        finally:
            await runner.cleanup()
            world.save(emu, folder / "dunia.json")


async def _seed(folder: Path, cast: demo.Cast) -> None:
    store = await Store.connect(folder / "kim.sqlite3")
    try:
        await demo.seed_store(store, cast)
    finally:
        await store.close()


def _bound_port(site: web.TCPSite, asked: int) -> int:
    server = getattr(site, "_server", None)
    sockets = getattr(server, "sockets", None) or []
    return int(sockets[0].getsockname()[1]) if sockets else asked


@contextlib.asynccontextmanager
async def _saving(emu: BotApiEmulator, sandbox: Sandbox, folder: Path) -> AsyncIterator[None]:
    """Save the world whenever it changed, at most every SAVE_EVERY_S seconds."""

    async def keep() -> None:
        saved = -1
        while True:
            await sandbox.changes(saved)
            saved = sandbox.version
            world.save(emu, folder / "dunia.json")
            await asyncio.sleep(SAVE_EVERY_S)

    task = asyncio.create_task(keep())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

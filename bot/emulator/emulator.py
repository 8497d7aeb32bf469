"""BotApiEmulator: the public facade over server, state, faults, limits and scripting."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from bot.emulator.control import add_routes
from bot.emulator.errors import ApiError
from bot.emulator.faults import Fault
from bot.emulator.limits import FloodStats
from bot.emulator.recording import RecordedCall
from bot.emulator.scripting import Scripting
from bot.emulator.server import ApiServer
from bot.emulator.state import Chat

DEFAULT_TOKEN = "123456:TEST-TOKEN"


class BotApiEmulator(ApiServer, Scripting):
    """A local Telegram Bot API server for python-telegram-bot's real HTTP stack."""

    def __init__(self, token: str = DEFAULT_TOKEN, *, host: str = "127.0.0.1", port: int = 0,
                 flood_limits: bool = False,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        ApiServer.__init__(self, host=host, port=port, flood_limits=flood_limits, clock=clock)
        Scripting.__init__(self)
        self.token = token

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:  # fmt: skip
        await self.stop()

    def _add_routes(self, app: web.Application) -> None:
        """Serve the /emulator/... scripting API beside the Bot API."""
        add_routes(app, self)

    @property
    def base_url(self) -> str:
        """Return PTB's `base_url` for this server (the token is appended by PTB)."""
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Return PTB's `base_file_url` for downloads of stored files."""
        return f"http://{self.host}:{self.port}/file/bot"

    @property
    def flood_limits(self) -> bool:
        """Return whether flood limits are enforced."""
        return self.limiter.enabled

    @flood_limits.setter
    def flood_limits(self, enabled: bool) -> None:
        self.limiter.enabled = enabled

    @property
    def stats(self) -> dict[str, FloodStats]:
        """Return flood statistics per token (kept whether limits are on or off)."""
        return self.limiter.stats

    @property
    def polling(self) -> int:
        """Return how many getUpdates long polls are waiting now."""
        return self.updates.polling

    @property
    def calls(self) -> list[RecordedCall]:
        """Return every recorded call, oldest first."""
        return self.recorder.calls

    def calls_to(self, method: str, chat_id: int | str | None = None) -> list[RecordedCall]:
        """Return recorded calls to `method` (any case), optionally for one chat."""
        return self.recorder.matching(method, chat_id)

    def sent(self, chat: Chat | int) -> list[dict[str, Any]]:
        """Return the messages the bot sent to a chat and still exist, as now edited."""
        chat_id = chat.id if isinstance(chat, Chat) else chat
        found = [m for (cid, _), m in sorted(self.state.messages.items())
                 if cid == chat_id and m.get("from", {}).get("is_bot")
                 and "sender_chat" not in m]  # fmt: skip
        return copy.deepcopy(found)

    def callback_answer(self, update_or_id: dict[str, Any] | str) -> dict[str, Any] | None:
        """Return the answerCallbackQuery params for a pressed button, or None if unanswered."""
        if isinstance(update_or_id, dict):
            update_or_id = update_or_id["callback_query"]["id"]
        return self.state.answers.get(str(update_or_id))

    def clear(self) -> None:
        """Forget recorded calls, armed faults and flood windows; keep chats and messages."""
        self.recorder.calls.clear()
        self.faults.clear()
        self.limiter.reset()

    def fail(self, method: str | None = None, chat_id: int | str | None = None,
             error: str | ApiError = "server", times: int | None = 1,
             **options: Any) -> Fault:  # fmt: skip
        """Arm a fault (see faults.ERROR_NAMES); options: retry_after, migrate_to_chat_id, delay."""
        return self.faults.add(Fault(error, method, chat_id, times, **options))

    async def wait_for(
        self,
        predicate: Callable[[BotApiEmulator], bool],
        timeout: float = 5.0,  # noqa: ASYNC109  (the public API names it so)
    ) -> None:
        """Return once `predicate(emu)` holds, re-checked on every recorded call."""
        name = getattr(predicate, "__name__", "predicate")
        await self.recorder.wait(lambda: predicate(self), timeout, name)

    async def wait_for_call(
        self,
        method: str,
        chat_id: int | str | None = None,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109  (the public API names it so)
    ) -> list[RecordedCall]:
        """Wait until `count` calls to `method` (for `chat_id`) were recorded; return them."""
        what = f"{count} call(s) to {method}" + (f" for chat {chat_id}" if chat_id else "")
        await self.recorder.wait(lambda: len(self.calls_to(method, chat_id)) >= count,
                                 timeout, what)  # fmt: skip
        return self.calls_to(method, chat_id)


async def serve(host: str = "127.0.0.1", port: int = 8081, *, flood_limits: bool = False,
                token: str = DEFAULT_TOKEN, open_chats: bool = False) -> None:  # fmt: skip
    """Run an emulator on host:port until cancelled (for `kim-bot emulator`)."""
    async with BotApiEmulator(token, host=host, port=port, flood_limits=flood_limits) as emu:
        emu.state.open_chats = open_chats
        print(f"Bot API emulator on {emu.base_url}<TOKEN>/<method>", flush=True)
        await asyncio.Event().wait()


def run_forever(host: str = "127.0.0.1", port: int = 8081, *, flood_limits: bool = False) -> None:
    """Block running the emulator until Ctrl-C."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(host, port, flood_limits=flood_limits))

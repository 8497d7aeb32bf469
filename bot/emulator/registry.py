"""Method handler registry and the per-call context handlers receive."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.emulator.state import State, User
from bot.emulator.updates import UpdateQueue

BOT_FIRST_NAME = "KIM Hub"
BOT_USERNAME = "kim_hub_bot"


def bot_user(token: str) -> User:
    """Return the bot identity for `token`: id from its numeric prefix, else 999."""
    prefix = token.split(":", 1)[0]
    bot_id = int(prefix) if prefix.isdigit() else 999
    return User(bot_id, BOT_FIRST_NAME, username=BOT_USERNAME, is_bot=True)


@dataclass
class Ctx:
    """What a handler may touch: the world, the update queue and the calling bot."""

    state: State
    updates: UpdateQueue
    token: str
    stopping: asyncio.Event
    method: str = ""
    # Whether the caller's connection is still open (a long poll it hung up on is over).
    connected: Callable[[], bool] = lambda: True

    @property
    def bot(self) -> User:
        """Return the calling bot's identity."""
        return bot_user(self.token)


Handler = Callable[[Ctx, dict[str, Any]], Awaitable[Any]]
HANDLERS: dict[str, Handler] = {}


def handles(*names: str) -> Callable[[Handler], Handler]:
    """Register the decorated coroutine for the given method names (case-insensitive)."""

    def decorate(func: Handler) -> Handler:
        for name in names:
            HANDLERS[name.lower()] = func
        return func

    return decorate


async def accept(ctx: Ctx, params: dict[str, Any]) -> Any:
    """Answer a validated call to a method without its own semantics: `true`."""
    return True

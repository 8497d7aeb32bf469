"""How the bot's own replies reach Telegram: in the bot's one budget, retried when it stumbles.

Every call that puts a message in a chat (send…, copy…, forward…, edit…) first waits for its
turn in the `Budget` the outbox shares, ahead of the outbox's bulk sends; other calls (getMe,
answerCallbackQuery …) go at once. A 429 pauses that chat, or every chat when it was the
global limit, in the shared pacer, so the outbox holds back too; then the call is tried
again. A 5xx or a dropped connection is retried with backoff for a minute (RETRY_DELAYS_S), so
a citizen's /start is not lost to a short outage; a reply given up after that is handed to
`on_give_up` (recorded, shown in /gagal), never dropped silently. Timeouts are not retried:
the message may have arrived, and a duplicate is worse than a late apology. Without a budget
(tests of long conversations in one chat) calls are not paced; errors are still retried.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from datetime import timedelta
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

from bot.outbox.pacing import Budget, ChatId

log = logging.getLogger(__name__)
JSONDict = dict[str, Any]
Result = bool | JSONDict | list[JSONDict]
# Waits before each new try after a network or server error: for a message to a person, 60
# seconds in all; for other calls (getMe at start-up …) a few seconds, so start-up fails fast.
RETRY_DELAYS_S = (0.0, 1.0, 2.0, 4.0, 8.0, 15.0, 15.0, 15.0)
OTHER_DELAYS_S = (0.0, 1.0, 3.0)
MAX_FLOOD_RETRIES = 3
_PACED = ("send", "copymessage", "forwardmessage", "editmessage")
_NOT_PACED = frozenset({"sendchataction"})


def paced_chat(endpoint: str, data: dict[str, Any]) -> ChatId | None:
    """The chat whose budget a call spends (None: the call puts no message in a chat)."""
    name = endpoint.lower()
    if name in _NOT_PACED or not name.startswith(_PACED):
        return None
    chat = data.get("chat_id")
    if isinstance(chat, str) and chat.lstrip("-").isdigit():
        return int(chat)
    return chat if isinstance(chat, int | str) else None


GiveUp = Callable[[ChatId, str, Exception], Awaitable[None]]


class SharedLimiter(BaseRateLimiter[int]):
    """PTB's rate limiter slot, filled by the bot's one budget; retries 429s and 5xx."""

    def __init__(self, budget: Budget | None, *, max_retries: int = MAX_FLOOD_RETRIES,
                 delays: Sequence[float] = RETRY_DELAYS_S,
                 on_give_up: GiveUp | None = None) -> None:  # fmt: skip
        self.budget, self.max_retries, self.delays = budget, max_retries, tuple(delays)
        self.on_give_up = on_give_up

    async def initialize(self) -> None:
        """Nothing to set up: the budget lives as long as the application."""

    async def shutdown(self) -> None:
        """Nothing to free."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Wait for the chat's turn, send; on a 429 or a network error, wait and send again."""
        chat = paced_chat(endpoint, data) if self.budget is not None else None
        floods = self.max_retries if rate_limit_args is None else rate_limit_args
        delays = list(self.delays if paced_chat(endpoint, data) is not None else OTHER_DELAYS_S)
        while True:
            try:
                return await self._send(chat, callback, args, kwargs)
            except RetryAfter as error:
                if floods <= 0:
                    await self._give_up(endpoint, data, error)
                    raise
                floods -= 1
                await self._flood_wait(endpoint, chat, error)
            except (BadRequest, TimedOut):
                raise
            except NetworkError as error:
                if not delays:
                    await self._give_up(endpoint, data, error)
                    raise
                await self._network_wait(endpoint, error, delays.pop(0))

    async def _give_up(self, endpoint: str, data: dict[str, Any], error: Exception) -> None:
        """Log a message that could not be delivered, and hand it to `on_give_up`."""
        chat = paced_chat(endpoint, data)
        log.error("%s ke chat %s tidak terkirim, menyerah: %s", endpoint, chat, error)
        if chat is not None and self.on_give_up is not None:
            try:
                await self.on_give_up(chat, endpoint, error)
            except Exception:  # recording must not hide the original error
                log.exception("balasan yang gagal tidak bisa dicatat")

    async def _send(self, chat: ChatId | None, callback: Callable[..., Coroutine[Any, Any, Result]],
                    args: Any, kwargs: dict[str, Any]) -> Result:  # fmt: skip
        """One attempt, in the chat's turn; the pacer learns when the answer came."""
        if chat is None or self.budget is None:
            return await callback(*args, **kwargs)
        taken = await self.budget.reply_slot(chat)
        try:
            return await callback(*args, **kwargs)
        finally:
            self.budget.landed(chat, taken)

    async def _flood_wait(self, endpoint: str, chat: ChatId | None, error: RetryAfter) -> None:
        """Pause the chat (or all) in the shared pacer; unpaced calls sleep it out."""
        wait = error.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        if chat is not None and self.budget is not None:
            every = self.budget.flood_wait(chat, seconds)
            log.warning(
                "%s: 429, jeda %.0f dtk (%s)", endpoint, seconds, "semua" if every else chat
            )
            return
        log.warning("%s: 429, dicoba lagi dalam %.0f detik", endpoint, seconds)
        await asyncio.sleep(seconds)

    @staticmethod
    async def _network_wait(endpoint: str, error: NetworkError, delay: float) -> None:
        log.warning("%s gagal (%s); dicoba lagi dalam %.0f detik", endpoint, error, delay)
        await asyncio.sleep(delay)

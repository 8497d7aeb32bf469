"""Telegram's flood limits as sliding windows, off unless switched on.

Per bot token: at most 30 messages in any 1 s window overall, 20 in any 60 s window per
group/supergroup/channel (negative chat_id or @username), and 1 in any 1 s window per
private chat (Telegram tolerates short bursts there; the emulator is stricter on purpose).
Only calls that send a message count, and only when they succeed; a rejected call gets
429 with `retry_after` = whole seconds until its window frees (at least 1).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.emulator.errors import too_many_requests

GLOBAL_PER_SECOND = 30
GROUP_PER_MINUTE = 20
PRIVATE_PER_SECOND = 1
_NOT_SENDING = frozenset({"sendchataction", "senddraft"})


def is_sending(method: str) -> bool:
    """Return whether `method` sends a message and so counts against flood limits."""
    name = method.lower()
    if name in _NOT_SENDING:
        return False
    return name.startswith(("send", "copymessage", "forwardmessage"))


@dataclass
class FloodStats:
    """Per-token counters: accepted sends, 429s, and the busiest windows observed."""

    sent: int = 0
    rejected: int = 0
    max_per_second: int = 0
    max_per_group_minute: int = 0
    max_per_private_second: int = 0
    rejected_by_chat: dict[Any, int] = field(default_factory=dict)


class FloodLimiter:
    """Sliding-window limiter fed by an injectable monotonic clock."""

    def __init__(self, clock: Callable[[], float], enabled: bool = False) -> None:
        self.clock = clock
        self.enabled = enabled
        self.stats: dict[str, FloodStats] = {}
        self._global: dict[str, deque[float]] = {}
        self._chat: dict[tuple[str, Any], deque[float]] = {}

    def check(self, token: str, chat_id: Any) -> None:
        """Raise 429 if one more message from `token` to `chat_id` would break a limit."""
        if not self.enabled:
            return
        now = self.clock()
        waits = [_wait(self._window(self._global, token), now, 1.0, GLOBAL_PER_SECOND)]
        if chat_id is not None:
            span, limit = _chat_limit(chat_id)
            waits.append(_wait(self._window(self._chat, (token, chat_id)), now, span, limit))
        wait = max(waits)
        if wait > 0:
            stats = self.stats.setdefault(token, FloodStats())
            stats.rejected += 1
            stats.rejected_by_chat[chat_id] = stats.rejected_by_chat.get(chat_id, 0) + 1
            raise too_many_requests(max(1, math.ceil(wait)))

    def record(self, token: str, chat_id: Any) -> None:
        """Count one successfully sent message (statistics are kept even when disabled)."""
        now = self.clock()
        stats = self.stats.setdefault(token, FloodStats())
        stats.sent += 1
        window = self._window(self._global, token)
        window.append(now)
        stats.max_per_second = max(stats.max_per_second, _count(window, now, 1.0))
        if chat_id is None:
            return
        span, _ = _chat_limit(chat_id)
        chat_window = self._window(self._chat, (token, chat_id))
        chat_window.append(now)
        count = _count(chat_window, now, span)
        if span > 1.0:
            stats.max_per_group_minute = max(stats.max_per_group_minute, count)
        else:
            stats.max_per_private_second = max(stats.max_per_private_second, count)

    def reset(self) -> None:
        """Forget all windows and statistics."""
        self.stats.clear()
        self._global.clear()
        self._chat.clear()

    @staticmethod
    def _window(table: dict[Any, deque[float]], key: Any) -> deque[float]:
        return table.setdefault(key, deque())


def _chat_limit(chat_id: Any) -> tuple[float, int]:
    is_group = isinstance(chat_id, str) or (isinstance(chat_id, int) and chat_id < 0)
    return (60.0, GROUP_PER_MINUTE) if is_group else (1.0, PRIVATE_PER_SECOND)


def _count(window: deque[float], now: float, span: float) -> int:
    while window and window[0] <= now - span:
        window.popleft()
    return len(window)


def _wait(window: deque[float], now: float, span: float, limit: int) -> float:
    """Return seconds until one more event fits in the window (0 if it fits now)."""
    if _count(window, now, span) < limit:
        return 0.0
    return window[-limit] + span - now


class ManualClock:
    """A monotonic clock that only moves when told to: pass it as `clock=` in tests."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock forward by `seconds`."""
        self.now += seconds

"""Pacing: Telegram's flood limits as sliding windows, and the clocks the worker runs on.

The pacer allows at most `global_limit` sends in any `global_span` seconds, with sends
spaced at least `spacing` apart so bursts do not straddle the server's windows; per
group `group_limit` in `group_span` s; per private chat `private_limit` in `private_span`
s. Defaults stay just under Telegram's 30/s, 20/min and 1/s (measured: 0 429s). A 429
pauses one chat, or everything when that chat had no other recent send (so it was global).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """Sending limits with safety margins."""

    global_limit: int = 29
    global_span: float = 1.0
    spacing: float = 1 / 30
    group_limit: int = 20
    group_span: float = 61.0
    private_limit: int = 1
    private_span: float = 1.05


class Window:
    """Times of recent events; tells how long until one more fits under the limit."""

    def __init__(self, limit: int, span: float) -> None:
        self.limit, self.span = limit, span
        self.times: deque[float] = deque()

    def wait(self, now: float) -> float:
        """Seconds until one more event fits (0 when it fits now)."""
        while self.times and self.times[0] <= now - self.span:
            self.times.popleft()
        if len(self.times) < self.limit:
            return 0.0
        return self.times[-self.limit] + self.span - now

    def add(self, now: float) -> None:
        """Count one event at `now`."""
        self.times.append(now)

    def count(self, now: float) -> int:
        """How many events fall within the span ending now."""
        self.wait(now)
        return len(self.times)


@dataclass
class Pacer:
    """Decides when the next message may go to a chat; pure, driven by a clock value."""

    limits: Limits = field(default_factory=Limits)
    _global: Window = field(init=False)
    _chats: dict[int, Window] = field(default_factory=dict)
    _paused: dict[int | None, float] = field(default_factory=dict)  # None: every chat
    _next: float = float("-inf")  # the spacing schedule: earliest time of the next send

    def __post_init__(self) -> None:
        self._global = Window(self.limits.global_limit, self.limits.global_span)

    def delay(self, chat_id: int, now: float) -> float:
        """Seconds until a message to `chat_id` may be sent (0: now)."""
        waits = (
            self.global_delay(now),
            self._chat(chat_id).wait(now),
            self._paused.get(chat_id, now) - now,
        )
        return max(0.0, *waits)

    def global_delay(self, now: float) -> float:
        """Seconds until any message may be sent."""
        spacing = self._next - now
        return max(0.0, self._global.wait(now), spacing, self._paused.get(None, now) - now)

    def take(self, chat_id: int, now: float) -> None:
        """Count a message to `chat_id` as sent at `now`."""
        self._global.add(now)
        self._chat(chat_id).add(now)
        # Keep to the schedule rather than to the last send, so the loop's own overhead
        # does not slow the pace; at most one spacing of credit builds up.
        spacing = self.limits.spacing
        self._next = (self._next if self._next >= now - spacing else now) + spacing

    def pause(self, chat_id: int, seconds: float, now: float) -> bool:
        """Obey a 429: pause the chat if it had other recent sends, else everything; True=global."""
        # The refused attempt itself is in the chat's window; any other means the chat is busy.
        scope: int | None = chat_id if self._chat(chat_id).count(now) > 1 else None
        self._paused[scope] = max(self._paused.get(scope, now), now + seconds)
        return scope is None

    def prune(self, now: float) -> None:
        """Forget chats with no send in their window and pauses that ended (same pacing)."""
        for chat_id in [c for c, window in self._chats.items() if window.count(now) == 0]:
            del self._chats[chat_id]
        for scope in [s for s, until in self._paused.items() if until <= now]:
            del self._paused[scope]

    def _chat(self, chat_id: int) -> Window:
        window = self._chats.get(chat_id)
        if window is None:
            group = chat_id < 0
            limit = self.limits.group_limit if group else self.limits.private_limit
            span = self.limits.group_span if group else self.limits.private_span
            window = self._chats[chat_id] = Window(limit, span)
        return window


class Clock:
    """Monotonic time and waiting, the real way."""

    skips_time = False

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now

    def now(self) -> float:
        """Monotonic seconds."""
        return self._now()

    async def wait(self, event: asyncio.Event, seconds: float | None) -> None:
        """Return when `event` is set or `seconds` have passed."""
        if seconds is not None and seconds <= 0:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), seconds)

    async def sleep(self, seconds: float) -> None:
        """Wait `seconds`, whatever happens."""
        await asyncio.sleep(seconds)


class SkippingClock(Clock):
    """For tests: a wait that nothing interrupts moves a manual clock forward at once."""

    skips_time = True

    def __init__(self, now: Callable[[], float], advance: Callable[[float], None]) -> None:
        super().__init__(now)
        self._advance = advance

    async def wait(self, event: asyncio.Event, seconds: float | None) -> None:
        """Let other tasks run; if `event` is still unset, jump the clock by `seconds`."""
        for _ in range(3):
            await asyncio.sleep(0)
        if event.is_set():
            return
        if seconds is None:
            await event.wait()
        elif seconds > 0:
            self._advance(seconds)

    async def sleep(self, seconds: float) -> None:
        """Jump the clock by `seconds`."""
        await asyncio.sleep(0)
        self._advance(max(0.0, seconds))

"""Pacing: the bot's one Telegram budget, as sliding windows, and the clocks it runs on.

The pacer allows at most `global_limit` sends in any `global_span` seconds, with sends
spaced at least `spacing` apart so bursts do not straddle the server's windows; per
group `group_limit` in `group_span` s; per private chat `private_limit` in `private_span`
s. Defaults stay just under Telegram's 30/s, 20/min and 1/s (measured: 0 429s). A 429
pauses one chat, or everything when that chat had no other recent send (so it was global).
Replies to people and the outbox's bulk sends share one `Budget`: a reply waiting for its
turn goes ahead of bulk (bulk fills what remains), and a wait for one chat holds up no other.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field

ChatId = int | str  # a chat id, or a public @username (a channel or supergroup)
PRUNE_EVERY = 1000  # sends between sweeps of idle chats' windows, so the maps stay small


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

    def move(self, old: float, new: float) -> None:
        """Count the event of `old` as one at `new` (later) instead."""
        try:
            self.times.remove(old)
        except ValueError:
            return  # it has left the window already
        bisect.insort(self.times, new)


@dataclass
class Pacer:
    """Decides when the next message may go to a chat; pure, driven by a clock value.

    `bulk=True` asks for a send that yields to replies: while a reply waits (`want`) whose
    chat is free by the next global slot, bulk waits one spacing more per such reply.
    """

    limits: Limits = field(default_factory=Limits)
    _global: Window = field(init=False)
    _chats: dict[ChatId, Window] = field(default_factory=dict)
    _paused: dict[ChatId | None, float] = field(default_factory=dict)  # None: every chat
    _next: float = float("-inf")  # the spacing schedule: earliest time of the next send
    _wanted: Counter[ChatId] = field(default_factory=Counter)  # replies waiting, by chat
    _takes: int = 0

    def __post_init__(self) -> None:
        self._global = Window(self.limits.global_limit, self.limits.global_span)

    def delay(self, chat_id: ChatId, now: float, *, bulk: bool = False) -> float:
        """Seconds until a message to `chat_id` may be sent (0: now)."""
        return max(self.global_delay(now, bulk=bulk), self.chat_delay(chat_id, now))

    def global_delay(self, now: float, *, bulk: bool = False) -> float:
        """Seconds until any message (a bulk one: after the waiting replies) may be sent."""
        spacing = self._next - now
        wait = max(0.0, self._global.wait(now), spacing, self._paused.get(None, now) - now)
        if bulk and self._wanted:
            ahead = sum(n for chat, n in self._wanted.items() if self.chat_delay(chat, now) <= wait)
            wait += ahead * self.limits.spacing
        return wait

    def chat_delay(self, chat_id: ChatId, now: float) -> float:
        """Seconds until `chat_id` itself allows one more message (global limits aside)."""
        return max(0.0, self._chat(chat_id).wait(now), self._paused.get(chat_id, now) - now)

    def want(self, chat_id: ChatId) -> None:
        """A reply to `chat_id` waits for its turn: bulk sends yield to it."""
        self._wanted[chat_id] += 1

    def unwant(self, chat_id: ChatId) -> None:
        """The reply to `chat_id` took its turn or gave up."""
        self._wanted[chat_id] -= 1
        if self._wanted[chat_id] <= 0:
            del self._wanted[chat_id]

    def take(self, chat_id: ChatId, now: float) -> None:
        """Count a message to `chat_id` as sent at `now`."""
        self._global.add(now)
        self._chat(chat_id).add(now)
        # Keep to the schedule rather than to the last send, so the loop's own overhead
        # does not slow the pace; at most one spacing of credit builds up.
        spacing = self.limits.spacing
        self._next = (self._next if self._next >= now - spacing else now) + spacing
        self._takes += 1
        if self._takes % PRUNE_EVERY == 0:
            self.prune(now)

    def landed(self, chat_id: ChatId, taken: float, now: float) -> None:
        """The send taken at `taken` was answered at `now`: count it from then on.

        The server saw it somewhere in between; counting it from the answer keeps a request
        that was slow on the way (a busy machine, a slow network) from letting the next
        second's sends into a window the server still counts it in."""
        self._global.move(taken, now)
        window = self._chats.get(chat_id)
        if window is not None:
            window.move(taken, now)

    def pause(self, chat_id: ChatId, seconds: float, now: float) -> bool:
        """Obey a 429: pause the chat if it had other recent sends, else everything; True=global."""
        # The refused attempt itself is in the chat's window; any other means the chat is busy.
        scope: ChatId | None = chat_id if self._chat(chat_id).count(now) > 1 else None
        self._paused[scope] = max(self._paused.get(scope, now), now + seconds)
        return scope is None

    def prune(self, now: float) -> None:
        """Forget chats with no recent send and pauses that ended (memory stays flat)."""
        self._paused = {chat: end for chat, end in self._paused.items() if end > now}
        idle = [c for c, w in self._chats.items() if not w.count(now) and c not in self._paused]
        for chat in idle:
            del self._chats[chat]

    def tracked(self) -> int:
        """How many chats the pacer holds windows or pauses for."""
        return len(self._chats) + len(self._paused)

    def _chat(self, chat_id: ChatId) -> Window:
        window = self._chats.get(chat_id)
        if window is None:
            group = isinstance(chat_id, str) or chat_id < 0
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
        # Not asyncio.wait_for: on 3.11 it swallows a cancellation that meets the event being
        # set, and the worker then never stops. A timeout only ever catches its own expiry.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await event.wait()

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


@dataclass
class Budget:
    """The bot's one Telegram budget: one pacer on one clock, for replies and the outbox."""

    pacer: Pacer = field(default_factory=Pacer)
    clock: Clock = field(default_factory=Clock)

    async def reply_slot(self, chat_id: ChatId) -> float:
        """Wait until a reply to `chat_id` may go, ahead of bulk sends; take the slot, its time."""
        pacer, clock = self.pacer, self.clock
        pacer.want(chat_id)
        try:
            while (wait := pacer.delay(chat_id, clock.now())) > 0:
                await clock.sleep(wait)
            taken = clock.now()
            pacer.take(chat_id, taken)
            return taken
        finally:
            pacer.unwant(chat_id)

    def landed(self, chat_id: ChatId, taken: float) -> None:
        """The send of the slot taken at `taken` got its answer now (see `Pacer.landed`)."""
        self.pacer.landed(chat_id, taken, self.clock.now())

    def flood_wait(self, chat_id: ChatId, seconds: float) -> bool:
        """Obey a 429 a reply met (see `Pacer.pause`); True when it paused every chat."""
        return self.pacer.pause(chat_id, seconds, self.clock.now())

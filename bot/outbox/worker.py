"""The delivery worker: one loop that feeds due rows to a small pool of senders.

The loop keeps an in-memory queue of due rows, interleaved across chats, reloaded from
the database when woken (submit, retry due, results) or when it runs dry. It takes the
next chat the pacer allows, claims its row ('sending', committed before the HTTP call),
takes the pacer slot right then and starts a send task; at most `concurrency` are in
flight. Outcomes are written back in
bulk by one writer task. Database times run on the worker's clock (see `wall`), so a
test clock moves due times too.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from telegram import Bot

from bot.outbox.delivery import Attempt, RetryPolicy, attempt
from bot.outbox.pacing import Clock, Pacer
from bot.outbox.records import OutboxRow, RowStatus, Settled

if TYPE_CHECKING:
    from bot.store import Store

log = logging.getLogger(__name__)
AfterSettle = Callable[[Sequence[Settled], Sequence[int]], Awaitable[None]]
PER_CHAT = 3  # rows per chat held in memory: enough for the pacer, fair to other chats
LOAD_LIMIT = 1000
# Claim a row this long before its slot, so the database write is off the critical path
# and the request leaves on time (otherwise the pace drifts below the limit).
LOOKAHEAD = 0.03


class Worker:
    """Sends the outbox's due rows within the pacer's limits."""

    def __init__(self, store: Store, bot: Bot, clock: Clock, pacer: Pacer,
                 policy: RetryPolicy, concurrency: int = 8) -> None:  # fmt: skip
        self.store, self.bot, self.clock, self.pacer, self.policy = store, bot, clock, pacer, policy
        self.concurrency = concurrency
        self.after_settle: AfterSettle | None = None
        self.wake_event = asyncio.Event()
        self.idle = asyncio.Event()
        self._queue: dict[int, deque[OutboxRow]] = {}
        self._capped: set[int] = set()
        self._truncated = False
        self._stale = True
        self._next_due: datetime | None = None
        self._unsettled = 0
        self._results: list[Settled] = []
        self._flush = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._epoch = (datetime.now(UTC), clock.now())

    def wall(self) -> datetime:
        """The current UTC time on the worker's clock."""
        start, mono = self._epoch
        return start + timedelta(seconds=self.clock.now() - mono)

    def wake(self) -> None:
        """Look at the database again soon (new rows, retries due)."""
        self._stale = True
        self.idle.clear()
        self.wake_event.set()

    async def run(self) -> None:
        """Recover rows a crash left 'sending', then deliver until cancelled."""
        recovered = await self.store.recover_outbox()
        if recovered:
            log.warning("outbox: %d pesan yang terputus dikirim ulang", recovered)
        writer = asyncio.create_task(self._write_loop(), name="outbox:writer")
        try:
            await self._loop()
        finally:
            await self._drain()
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await writer
            await self._write_results()

    async def _loop(self) -> None:
        while True:
            self.wake_event.clear()
            if self._stale:
                await self._reload()
            row = self._pick()
            if row is not None:
                await self._start(row)
                continue
            await self._wait()

    async def _reload(self) -> None:
        self._stale = False
        now = self.wall()
        await self.store.route_outbox(now)
        rows = await self.store.due_outbox_rows(now, PER_CHAT, LOAD_LIMIT)
        self._truncated = len(rows) >= LOAD_LIMIT
        queue: dict[int, deque[OutboxRow]] = {}
        for row in rows:
            queue.setdefault(row.chat_id, deque()).append(row)
        self._queue = queue
        self._capped = {chat for chat, q in queue.items() if len(q) >= PER_CHAT}
        self._next_due = await self.store.next_outbox_due(now)

    def _pick(self) -> OutboxRow | None:
        """The next row the pacer allows now, rotating chats for fairness."""
        now = self.clock.now()
        if (
            len(self._tasks) >= self.concurrency
            or self.pacer.global_delay(now, bulk=True) > LOOKAHEAD
        ):
            return None
        for chat_id in list(self._queue):
            if self.pacer.delay(chat_id, now, bulk=True) > LOOKAHEAD:
                continue
            rows = self._queue.pop(chat_id)
            row = rows.popleft()
            if rows:
                self._queue[chat_id] = rows  # to the back of the line
            elif chat_id in self._capped:
                self._stale = True  # it has more rows in the database
            if self._truncated and len(self._queue) < LOAD_LIMIT // (2 * PER_CHAT):
                self._stale = True
            return row
        return None

    async def _start(self, row: OutboxRow) -> None:
        """Claim the row, wait for its slot, take it right as the request goes out."""
        if await self.store.claim_outbox([row], self.wall()):
            self._unsettled += 1
            taken = await self._take_slot(row)
            if taken is not None:
                task = asyncio.create_task(self._send(row, taken), name=f"outbox:send:{row.id}")
                self._tasks.add(task)
                task.add_done_callback(self._task_done)
        if not self._queue:
            self._stale = True

    async def _take_slot(self, row: OutboxRow) -> float | None:
        """Wait for the row's slot in the shared budget (replies go first); take it, its time.

        When a reply took the chat's own turn meanwhile, the row goes back to the queue,
        due when the chat is free, rather than holding up every other chat."""
        while (delay := self.pacer.delay(row.chat_id, self.clock.now(), bulk=True)) > 0:
            busy = self.pacer.chat_delay(row.chat_id, self.clock.now())
            if busy > LOOKAHEAD:
                due = self.wall() + timedelta(seconds=busy)
                self._results.append(Settled(row, RowStatus.PENDING, due_at=due, counts=False))
                self._flush.set()
                return None
            if self.clock.skips_time and self._tasks:
                await asyncio.wait(set(self._tasks))  # no time jumps while requests are out
            await self.clock.sleep(delay)
        taken = self.clock.now()
        self.pacer.take(row.chat_id, taken)
        return taken

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self.wake_event.set()

    async def _wait(self) -> None:
        now = self.clock.now()
        due_in = (self._next_due - self.wall()).total_seconds() if self._next_due else None
        if due_in is not None and due_in <= 0:
            self._stale = True  # retries or held rows became due: load them
            return
        delays = [self.pacer.delay(chat, now, bulk=True) - LOOKAHEAD for chat in self._queue]
        if len(self._tasks) >= self.concurrency:
            delays = []  # a finishing task wakes us
        if due_in is not None:
            delays.append(due_in)
        seconds = max(0.0, min(delays)) if delays else None
        if (
            self._unsettled == 0
            and not self._queue
            and not self._stale
            and (due_in is None or not self.clock.skips_time)
        ):
            self.idle.set()
        if self.clock.skips_time and self._tasks:
            await asyncio.wait(set(self._tasks))  # no time jumps while requests are out
            return
        await self.clock.wait(self.wake_event, seconds)

    async def _send(self, row: OutboxRow, taken: float) -> None:
        try:
            result = await attempt(self.bot, row, self.policy, self.wall())
            self.pacer.landed(row.chat_id, taken, self.clock.now())
            await self._react(row, result)
            settled = result.settled
        except Exception as error:  # keep the worker alive; the row is retried later
            log.exception("outbox: pengiriman %d gagal tak terduga", row.id)
            due = self.wall() + timedelta(seconds=self.policy.backoff(row.attempts + 1))
            settled = Settled(row, RowStatus.PENDING, error=repr(error)[:500], due_at=due)
        self._results.append(settled)
        self._flush.set()

    async def _react(self, row: OutboxRow, result: Attempt) -> None:
        """Pause on 429, follow a migration, forget a chat the bot was removed from."""
        if result.flood_wait is not None:
            is_global = self.pacer.pause(row.chat_id, result.flood_wait, self.clock.now())
            log.warning("outbox: 429, jeda %.0f dtk (%s)", result.flood_wait,
                        "semua" if is_global else row.chat_id)  # fmt: skip
        if result.migrated_to is not None:
            await self.store.migrate_chat(row.chat_id, result.migrated_to, None)
            await self.store.retarget_outbox(row.chat_id, result.migrated_to, self.wall())
        if result.gone:
            await self.store.know_chat(row.chat_id, self.wall())
            await self.store.set_chat_active(row.chat_id, False)
            await self.store.set_kim_active(row.chat_id, False)

    async def _write_loop(self) -> None:
        while True:
            await self._flush.wait()
            self._flush.clear()
            await self._write_results()

    async def _write_results(self) -> None:
        results, self._results = self._results, []
        if not results:
            return
        finished = await self.store.settle_outbox(results, self.wall())
        self._unsettled -= len(results)
        if any(r.status != RowStatus.SENT for r in results):
            self._stale = True
        self.wake_event.set()
        if self.after_settle is not None:
            try:
                await self.after_settle(results, finished)
            except Exception:
                log.exception("outbox: pemberitahuan setelah kirim gagal")

    async def _drain(self) -> None:
        if self._tasks:
            await asyncio.wait(set(self._tasks))

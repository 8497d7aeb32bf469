"""The delivery worker: one loop that feeds due rows to a small pool of senders.

The loop keeps an in-memory queue of due rows, interleaved across chats, reloaded from
the database when woken (submit, retry due, results) or when it runs dry. It takes the
next chat the pacer allows, claims its row ('sending', committed before the HTTP call),
takes the pacer slot right then and starts a send task; at most `concurrency` are in
flight. Outcomes are written back in
bulk by one writer task. Database times run on the worker's clock (see `wall`), so a
test clock moves due times too.

A run ends when stopped (in-flight sends finish, their outcomes are written) or when the
database fails; the supervisor (bot/outbox/supervisor.py) then runs it again. Outcomes not
yet written stay in memory and are written first, before rows left 'sending' go back to
the queue, so a failure never sends a message twice.
"""

from __future__ import annotations

import asyncio
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
PRUNE_EVERY = 60.0  # seconds between forgetting the pacer's idle chats
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
        self.on_healthy: Callable[[], None] | None = None  # a run stored outcomes or went idle
        self.wake_event = asyncio.Event()
        self.idle = asyncio.Event()
        self.stop_event = asyncio.Event()
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
        self._failure: Exception | None = None  # the writer's, raised by the loop
        self._closing = self._healthy = False
        self._pruned_at = clock.now()

    def wall(self) -> datetime:
        """The current UTC time on the worker's clock."""
        start, mono = self._epoch
        return start + timedelta(seconds=self.clock.now() - mono)

    def wake(self) -> None:
        """Look at the database again soon (new rows, retries due)."""
        self._stale = True
        self.idle.clear()
        self.wake_event.set()

    @property
    def stopping(self) -> bool:
        """Whether `stop` was called."""
        return self.stop_event.is_set()

    def stop(self) -> None:
        """End the run at its next step; in-flight sends finish and are written."""
        self.stop_event.set()
        self.wake_event.set()

    async def run(self) -> None:
        """Write what a failed run left, recover rows left 'sending', deliver until stopped."""
        self._begin_run()
        await self._write_results()  # sends that happened: stored before recovery, never repeated
        recovered = await self.store.recover_outbox()
        if recovered:
            log.warning("outbox: %d pesan yang terputus dikirim ulang", recovered)
        writer = asyncio.create_task(self._write_loop(), name="outbox:writer")
        try:
            await self._loop()
        finally:
            await self._drain()
            self._closing = True
            self._flush.set()
            await writer
            await self._write_results()

    def _begin_run(self) -> None:
        """Forget the last run's view of the queue; keep its unwritten outcomes."""
        self._queue, self._capped, self._next_due = {}, set(), None
        self._stale, self._truncated = True, False
        self._failure, self._closing, self._healthy = None, False, False
        self._unsettled = len(self._results)
        self._flush.clear()
        self.idle.clear()

    async def _loop(self) -> None:
        while not self.stopping:
            if self._failure is not None:
                raise self._failure
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
        self._prune()

    def _prune(self) -> None:
        """Now and then, let the pacer forget chats it no longer needs to pace."""
        now = self.clock.now()
        if now - self._pruned_at >= PRUNE_EVERY:
            self.pacer.prune(now)
            self._pruned_at = now

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
            self._report_healthy()
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
        """Write outcomes as they come, until the run closes or a write fails."""
        while not self._closing:
            await self._flush.wait()
            self._flush.clear()
            try:
                await self._write_results()
            except Exception as error:  # the loop raises it: the run must not go on unwritten
                self._failure = error
                self.wake_event.set()
                return
            self._report_healthy()

    async def _write_results(self) -> None:
        # Kept until written: outcomes a failed write could not store are retried first.
        results = self._results[:]
        if not results:
            return
        finished = await self.store.settle_outbox(results, self.wall())
        del self._results[: len(results)]
        if any(r.status != RowStatus.SENT for r in results):
            self._stale = True
        if self.after_settle is not None:
            try:
                await self.after_settle(results, finished)
            except Exception:
                log.exception("outbox: pemberitahuan setelah kirim gagal")
        self._unsettled -= len(results)  # only now idle: progress messages are out too
        self.wake_event.set()

    def _report_healthy(self) -> None:
        if not self._healthy:
            self._healthy = True
            if self.on_healthy is not None:
                self.on_healthy()

    async def _drain(self) -> None:
        if self._tasks:
            await asyncio.wait(set(self._tasks))

"""Outbox: the facade other activities use to send one message to many chats.

`submit` stores a batch and its rows (idempotent per (kind, item) and per chat) and
wakes the worker; `submit_effects` queues a decision's effects in the decision's own
transaction; the worker (bot/outbox/worker.py) delivers within Telegram's limits
through its own Bot, without PTB's AIORateLimiter, which would stop every send on one
429. The worker runs supervised (bot/outbox/supervisor.py): restarted after a failure, the
desk told. `stop` lets in-flight sends and their writes finish before the bot's last
persistence flush and the Store's close. `wait_idle` is for tests; `retry_failed` backs
/gagal's "Kirim ulang".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.outbox.delivery import RetryPolicy
from bot.outbox.message import OutboxMessage
from bot.outbox.pacing import Budget, Clock, Limits, Pacer
from bot.outbox.progress import Progress, SentListener
from bot.outbox.records import BatchStatus, FailedBatch
from bot.outbox.supervisor import DeskNotice, RestartPolicy, Supervisor
from bot.outbox.worker import Worker
from bot.texts import Texts

if TYPE_CHECKING:
    from bot.config import Config
    from bot.store import Store

log = logging.getLogger(__name__)
STOP_WAIT = 30.0  # seconds a stop waits for in-flight sends and writes before cancelling
DECISION = "decision"  # the outbox kind of a decision's effects (see submit_effects)


class Outbox:
    """Stores messages for many chats and runs the worker that delivers them."""

    def __init__(self, store: Store, bot: Bot, texts: Texts | None = None, *,
                 clock: Clock | None = None, limits: Limits | None = None,
                 policy: RetryPolicy | None = None, concurrency: int = 8,
                 progress_every: float = 5.0, desk_chat_id: int | None = None,
                 restart: RestartPolicy | None = None,
                 pacer: Pacer | None = None) -> None:  # fmt: skip
        self.store, self.bot = store, bot
        self.pacer = pacer or Pacer(limits or Limits())  # the bot's: shared with its replies
        clock = clock or Clock()
        self.worker = Worker(store, bot, clock, self.pacer, policy or RetryPolicy(), concurrency)
        self.progress = Progress(store, bot, texts, self._take_slot, self.worker.wall,
                                 progress_every)  # fmt: skip
        self.worker.after_settle = self.progress.after_settle
        desk = DeskNotice(bot, texts, desk_chat_id, self._take_slot)
        self.supervisor = Supervisor(self.worker, desk, restart)
        self._task: asyncio.Task[None] | None = None

    @classmethod
    def for_config(cls, config: Config, store: Store, texts: Texts | None = None,
                   budget: Budget | None = None) -> Outbox:  # fmt: skip
        """An outbox with its own Bot for the configured server, spending the bot's budget."""
        budget = budget or Budget()
        bot = delivery_bot(config.token, config.api_base)
        return cls(store, bot, texts, clock=budget.clock, pacer=budget.pacer,
                   desk_chat_id=config.desk_chat_id)  # fmt: skip

    async def start(self) -> None:
        """Start the supervised worker (each run first re-queues what was left in flight)."""
        await self.bot.initialize()
        self._task = asyncio.create_task(self.supervisor.run(), name="outbox:worker")

    @property
    def running(self) -> bool:
        """Whether the worker runs."""
        return self._task is not None and not self._task.done()

    async def stop(self, wait: float = STOP_WAIT) -> None:
        """Stop the worker: in-flight sends finish and their outcomes are written.

        After `wait` seconds the worker is cancelled; its open transaction rolls back.
        """
        task, self._task = self._task, None
        if task is not None:
            self.worker.stop()
            done, _ = await asyncio.wait({task}, timeout=wait)
            if not done:
                log.error("outbox: pekerja belum berhenti setelah %.0f dtk, dibatalkan", wait)
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            await self.supervisor.wait_notices()
        await self.bot.shutdown()

    async def submit(self, kind: str, item: str, messages: Sequence[OutboxMessage], *,
                     created_by: int | None = None, progress_chat_id: int | None = None,
                     not_before: datetime | None = None) -> int:  # fmt: skip
        """Store a batch and its messages (repeats ignored), wake the worker; the batch id."""
        now = self.worker.wall()
        due = max(now, not_before) if not_before is not None else now
        rows = [(m.chat_id, m.method, m.params) for m in messages]
        batch_id = await self.store.add_outbox_batch(
            kind, item, rows, (created_by, progress_chat_id), due
        )
        self.wake()
        return batch_id

    async def submit_effects(self, key: str, effects: Sequence[OutboxMessage]) -> None:
        """Queue the effects of one decision: notices to other chats, edits of its cards.

        Call it inside the Store transaction that records the decision, so that both commit
        or neither does; once committed, the worker delivers them after any crash. Each
        effect is its own batch of kind DECISION, item `<key>/<target>` (two cards in one
        chat are two effects), so `key` must name the decision, not only its subject.
        """
        async with self.store.transaction():
            for effect in effects:
                await self.submit(DECISION, f"{key}/{effect.target}", [effect])

    def wake(self) -> None:
        """Make the worker look for due messages now."""
        self.worker.wake()

    async def wait_idle(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Return when nothing is due or being sent; TimeoutError after `timeout` s."""
        await asyncio.wait_for(self.worker.idle.wait(), timeout)

    async def batch_status(self, batch_id: int) -> BatchStatus:
        """Counts and times of a batch (KeyError for an unknown id)."""
        status = await self.store.outbox_batch_status(batch_id)
        if status is None:
            raise KeyError(batch_id)
        return status

    def add_sent_listener(self, kind: str, callback: SentListener) -> None:
        """Call `callback` after each message of `kind` is sent."""
        self.progress.listeners.setdefault(kind, []).append(callback)

    async def failed_batches(self, limit: int = 20, offset: int = 0) -> list[FailedBatch]:
        """Batches with finally failed messages, newest first (`offset` of them skipped)."""
        return await self.store.failed_outbox_batches(limit, offset)

    async def failed_batch_count(self) -> int:
        """How many batches have finally failed messages."""
        return await self.store.count_failed_outbox_batches()

    async def retry_failed(self, batch_id: int) -> int:
        """Queue a batch's failed messages again; how many."""
        count = await self.store.retry_failed_outbox(batch_id, self.worker.wall())
        self.wake()
        return count

    def _take_slot(self, chat_id: int) -> None:
        self.pacer.take(chat_id, self.worker.clock.now())


def delivery_bot(token: str, api_base: str | None, pool: int = 16) -> Bot:
    """A Bot for the outbox alone: no rate limiter, no defaults, a pool for parallel sends."""
    request = HTTPXRequest(connection_pool_size=pool, read_timeout=20.0, connect_timeout=10.0)
    if not api_base:
        return Bot(token, request=request)
    head, sep, tail = api_base.rstrip("/").rpartition("/")
    file_url = f"{head}/file/{tail}" if sep else api_base
    return Bot(token, base_url=api_base, base_file_url=file_url, request=request)

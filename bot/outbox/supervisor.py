"""The delivery worker, supervised: a failed run is logged, the desk told, the worker restarted.

A run that raises (say "database is locked" while `kim-bot kim import` writes the same
file) is logged with its traceback and run again after a backoff (1 s, doubling, at most
60 s on the worker's clock). Each new run first writes the outcomes the failed one could
not store, then returns rows left 'sending' to the queue: nothing is lost, nothing sent
twice. The desk hears once per failure episode, and once more when delivery works again
(a run stored outcomes or went idle). The notices go straight through the outbox's Bot,
because the database may be what fails.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass

from telegram import Bot

from bot.outbox.worker import Worker
from bot.texts import Texts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestartPolicy:
    """How long to wait before running a failed worker again."""

    base_delay: float = 1.0
    max_delay: float = 60.0

    def delay(self, failures: int) -> float:
        """Seconds before the restart after `failures` failures in a row."""
        return float(min(self.max_delay, self.base_delay * 2.0 ** max(0, failures - 1)))


@dataclass
class DeskNotice:
    """Tells the Diskominfo desk about the worker, without touching the database."""

    bot: Bot
    texts: Texts | None
    chat_id: int | None
    take_slot: Callable[[int], None]

    async def send(self, template: str, **values: object) -> bool:
        """Send one notice; False when there is no desk or it could not be sent."""
        if self.texts is None or self.chat_id is None:
            return False
        text = self.texts.render(template, **values)
        self.take_slot(self.chat_id)
        try:
            await self.bot.send_message(self.chat_id, text, parse_mode="HTML")
        except Exception as error:  # the network may be down too: try at the next failure
            log.warning("outbox: pemberitahuan ke meja gagal: %s", error)
            return False
        return True


class Supervisor:
    """Runs the worker until it is stopped, restarting it after each failure."""

    def __init__(self, worker: Worker, desk: DeskNotice,
                 policy: RestartPolicy | None = None) -> None:  # fmt: skip
        self.worker, self.desk, self.policy = worker, desk, policy or RestartPolicy()
        self.failures = 0  # in a row, in the current episode
        self.restarts = 0  # since start
        self._told = False  # the desk heard of the current episode
        self._notices: set[asyncio.Task[bool]] = set()
        worker.on_healthy = self._healthy

    async def run(self) -> None:
        """Run the worker; after a failure wait, then run it again, until it is stopped."""
        while True:
            try:
                # Stopped during a backoff, it still runs once: to write what is left.
                await self.worker.run()
                return  # the worker only returns when stopped
            except Exception as error:
                if self.worker.stopping:
                    log.exception("outbox: pekerja gagal saat berhenti")
                    return
                await self._failed(error)

    async def wait_notices(self) -> None:
        """Let notices already on their way finish (for a clean stop)."""
        if self._notices:
            await asyncio.wait(set(self._notices))

    async def _failed(self, error: Exception) -> None:
        self.failures += 1
        self.restarts += 1
        delay = self.policy.delay(self.failures)
        log.error(
            "outbox: pekerja gagal (%d kali berturut-turut), dimulai ulang dalam %.0f dtk",
            self.failures, delay, exc_info=error,
        )  # fmt: skip
        if not self._told:
            described = self._describe(error)
            self._told = await self.desk.send("outbox/worker_failed", error=described)
        self.worker.idle.clear()
        await self.worker.clock.wait(self.worker.stop_event, delay)

    def _healthy(self) -> None:
        """The worker delivers again: close the episode, tell the desk if it was told."""
        if not self.failures:
            return
        log.warning("outbox: pekerja pulih setelah %d kali gagal", self.failures)
        if self._told:
            notice = self.desk.send("outbox/worker_recovered", failures=self.failures)
            task = asyncio.create_task(notice, name="outbox:desk-notice")
            self._notices.add(task)
            task.add_done_callback(self._notices.discard)
        self.failures, self._told = 0, False

    def _describe(self, error: Exception) -> str:
        """The error in one short line, without the bot's token."""
        text = f"{type(error).__name__}: {error}"[:300]
        token = self.desk.bot.token
        return text.replace(token, "…") if token else text

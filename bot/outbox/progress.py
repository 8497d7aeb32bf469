"""Progress of a batch in the broadcaster's private chat: one message, edited as it goes.

The message shows sent, failed and the estimated time left, refreshed at most every
`every` seconds (worker clock); when the batch ends it shows the final figures and a
summary message follows. Edits and sends take a pacer slot so they never push the
worker over Telegram's limits. Sent listeners are called from here too. What it remembers
per batch is forgotten when the batch ends, and never exceeds TRACKED batches.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from telegram import Bot
from telegram.error import TelegramError

from bot.outbox.records import BatchStatus, RowStatus, SentMessage, Settled
from bot.texts import Texts

if TYPE_CHECKING:
    from bot.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")
SentListener = Callable[[SentMessage], Awaitable[None]]
TRACKED = 1000  # batches remembered at most; a forgotten one is only looked up again


class Progress:
    """Shows batches' progress and tells listeners about sent messages."""

    def __init__(self, store: Store, bot: Bot, texts: Texts | None,
                 take_slot: Callable[[int], None], now: Callable[[], datetime],
                 every: float = 5.0) -> None:  # fmt: skip
        self.store, self.bot, self.texts = store, bot, texts
        self._take_slot, self._now, self.every = take_slot, now, every
        self._watched: dict[int, bool] = {}  # batch id → has a progress chat
        self._shown: dict[int, datetime] = {}
        self.listeners: dict[str, list[SentListener]] = {}

    async def after_settle(self, settled: Sequence[Settled], finished: Sequence[int]) -> None:
        """Call the sent listeners, then refresh the progress of the batches touched."""
        for out in settled:
            if out.status == RowStatus.SENT:
                await self._notify(out)
        for batch_id in sorted({o.row.batch_id for o in settled} | set(finished)):
            await self._refresh(batch_id, batch_id in finished)

    async def _notify(self, out: Settled) -> None:
        row = out.row
        for listener in self.listeners.get(row.kind, ()):
            sent = SentMessage(row.batch_id, row.kind, row.item, row.chat_id, out.message_id)
            try:
                await listener(sent)
            except Exception:
                log.exception("outbox: listener %s gagal", row.kind)

    async def _refresh(self, batch_id: int, finished: bool) -> None:
        try:
            await self._update(batch_id, finished)
        finally:
            if finished:
                self._watched.pop(batch_id, None)
                self._shown.pop(batch_id, None)

    async def _update(self, batch_id: int, finished: bool) -> None:
        if self.texts is None or self._watched.get(batch_id) is False:
            return
        now = self._now()
        last = self._shown.get(batch_id)
        if not finished and last is not None and (now - last).total_seconds() < self.every:
            return
        status = await self.store.outbox_batch_status(batch_id)
        watched = status is not None and status.progress_chat_id is not None
        _remember(self._watched, batch_id, watched)
        if status is None or status.progress_chat_id is None:
            return
        _remember(self._shown, batch_id, now)
        await self._show(status, eta_seconds(status, now))
        if finished:
            await self._send(status.progress_chat_id, "outbox/summary", status)

    async def _show(self, status: BatchStatus, eta: int | None) -> None:
        assert self.texts is not None
        assert status.progress_chat_id is not None
        text = self.texts.render("outbox/progress", status=status, eta=eta)
        if status.progress_message_id is None:
            message_id = await self._send(status.progress_chat_id, None, status, text)
            if message_id is not None:
                await self.store.set_outbox_progress(status.id, message_id)
            return
        self._take_slot(status.progress_chat_id)
        try:
            await self.bot.edit_message_text(
                text, status.progress_chat_id, status.progress_message_id, parse_mode="HTML"
            )
        except TelegramError as error:
            log.info("outbox: kemajuan %d tidak diperbarui: %s", status.id, error)

    async def _send(self, chat_id: int, template: str | None, status: BatchStatus,
                    text: str | None = None) -> int | None:  # fmt: skip
        assert self.texts is not None
        self._take_slot(chat_id)
        text = text if template is None else self.texts.render(template, status=status)
        try:
            message = await self.bot.send_message(chat_id, text or "", parse_mode="HTML")
        except TelegramError as error:
            log.info("outbox: pesan kemajuan ke %d gagal: %s", chat_id, error)
            return None
        return message.message_id


def _remember(seen: dict[int, T], batch_id: int, value: T) -> None:
    """Note a batch's value, forgetting the oldest batches beyond TRACKED."""
    seen.pop(batch_id, None)
    seen[batch_id] = value
    while len(seen) > TRACKED:
        del seen[next(iter(seen))]


def eta_seconds(status: BatchStatus, now: datetime) -> int | None:
    """Seconds left at the pace so far (None before there is a pace to go by)."""
    done = status.total - status.pending
    if status.pending == 0:
        return 0
    if status.started_at is None or done <= 0:
        return None
    elapsed = max(0.001, (now - status.started_at).total_seconds())
    return round(status.pending * elapsed / done)

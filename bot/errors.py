"""The error handler: no error is swallowed.

Every unexpected error reaches three ends: the log (the whole trace, token redacted), the
person whose update failed (a short apology, which gets through even when the failed call was
the reply itself: too long, bad entities), and the Diskominfo desk (once per kind of error per
hour; the next report says how many were held back). Code that catches a send failure on
purpose and goes on calls `report_failure`, so the desk hears of it all the same.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
import traceback
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from telegram import Update
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.context import BotContext
from bot.logs import redact

log = logging.getLogger(__name__)
DESK_INTERVAL_S = 3600.0
SUMMARY_LIMIT = 500
_EXPECTED_REFUSALS = ("message to edit not found", "message to delete not found",
                      "message is not modified", "chat not found")  # fmt: skip
_FORGET_AFTER = 24  # intervals: a kind not seen for a day is forgotten, held-back count and all


@dataclass
class ErrorThrottle:
    """When the desk hears of a kind of error again: once per interval (clock injectable)."""

    interval_s: float = DESK_INTERVAL_S
    clock: Callable[[], float] = time.monotonic
    _seen: dict[str, tuple[float, int]] = field(default_factory=dict)  # kind → (told at, held)

    def admit(self, kind: str) -> int | None:
        """None: hold this one back; else how many of its kind were held back since last told."""
        now = self.clock()
        self._forget(now)
        told_at, held = self._seen.get(kind, (None, 0))
        if told_at is not None and now - told_at < self.interval_s:
            self._seen[kind] = (told_at, held + 1)
            return None
        self._seen[kind] = (now, 0)
        return held

    def _forget(self, now: float) -> None:
        """Drop kinds not told for a long while, so the map does not grow with every error."""
        horizon = self.interval_s * _FORGET_AFTER
        for kind in [k for k, (at, _) in self._seen.items() if now - at >= horizon]:
            del self._seen[kind]


def error_kind(error: BaseException) -> str:
    """The kind of an error: its class and its message with numbers blanked out."""
    return f"{type(error).__name__}: {re.sub(r'[0-9]+', '#', str(error))}"[:160]


async def handle_error(update: object, context: BotContext) -> None:
    """Log an unhandled error, apologise to the person and tell the Diskominfo desk."""
    error = context.error
    token = context.bot.token
    if isinstance(error, BadRequest) and "message is not modified" in str(error).lower():
        # A double press edited a message to what it already said: nothing went wrong.
        log.info("Pesan tidak berubah: %s", _where(update))
        return
    # Format here, redacted, so the token stays out whatever handlers logging has.
    trace = "".join(traceback.format_exception(error)) if error else "?"
    log.error("Kesalahan saat memproses update:\n%s", redact(trace, token))
    if isinstance(update, Update):
        await _apologise(update, context)
    if error is not None:
        await _tell_desk(context, error, _where(update))


async def report_failure(context: BotContext, error: Exception, where: str) -> None:
    """A failure caught on purpose: log it (token redacted) and tell the desk, throttled."""
    token = context.bot.token
    log.warning("%s gagal: %s", where, redact(f"{type(error).__name__}: {error}", token))
    await _tell_desk(context, error, where)


def is_expected(error: TelegramError) -> bool:
    """A refusal that is part of life: the bot was removed or blocked, the message is gone."""
    if isinstance(error, Forbidden):
        return True
    message = str(error).lower()
    return isinstance(error, BadRequest) and any(m in message for m in _EXPECTED_REFUSALS)


@asynccontextmanager
async def reported(context: BotContext, where: str) -> AsyncIterator[None]:
    """Run sends whose failure must not stop the caller: expected refusals are logged, any
    other failure is reported to the desk as well (instead of contextlib.suppress)."""
    try:
        yield
    except TelegramError as error:
        if is_expected(error):
            log.info("%s tidak terkirim: %s", where, error)
        else:
            await report_failure(context, error, where)


async def _apologise(update: Update, context: BotContext) -> None:
    """A short plain apology in the chat of the update (and the button's spinner stopped)."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None:
        return
    if update.callback_query:
        # Already answered by the handler, or too old: then there is no spinner to stop.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    thread = message.message_thread_id if message and message.is_topic_message else None
    try:
        await context.bot.send_message(
            chat.id, context.texts.render("bot/error"), message_thread_id=thread
        )
    except TelegramError as error:  # blocked, removed, or the outage itself: the log has it
        log.warning("Permintaan maaf ke chat %s gagal: %s", chat.id, error)


async def _tell_desk(context: BotContext, error: BaseException, where: str) -> None:
    """Tell the desk (or, without one, the admins), unless this kind was told within the hour."""
    throttle = context.service(ErrorThrottle)
    held = throttle.admit(error_kind(error))
    if held is None:
        return
    token = context.bot.token
    desk = context.config.desk_chat_id
    text = context.texts.render(
        "bot/error_desk",
        summary=redact(f"{type(error).__name__}: {error}", token)[:SUMMARY_LIMIT],
        where=redact(where, token)[:200],
        held=held,
        minutes=round(throttle.interval_s / 60),
    )
    for chat_id in [desk] if desk is not None else sorted(context.config.admin_ids):
        try:
            await context.bot.send_message(chat_id, text)
        except TelegramError as failure:
            log.warning("Laporan kesalahan ke %s gagal: %s", chat_id, failure)


def _where(update: object) -> str:
    """Where the error happened, for the desk: the chat, and the command or button."""
    if not isinstance(update, Update):
        return "tugas terjadwal" if update is None else type(update).__name__
    chat = update.effective_chat
    place = f"chat {chat.id}" if chat else "tanpa chat"
    query, message = update.callback_query, update.effective_message
    if query is not None and isinstance(query.data, str):
        return f"{place}, tombol {query.data}"
    text = (message.text or "") if message else ""
    # Only the command: what a person typed may be private and belongs in no report.
    return f"{place}, perintah {text.split()[0]}" if text.startswith("/") else place

"""The error handler: log (token redacted), apologise to the user, tell the desk."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.error import Forbidden, NetworkError, TelegramError

from bot.context import BotContext
from bot.logs import redact

log = logging.getLogger(__name__)


async def handle_error(update: object, context: BotContext) -> None:
    """Log an unhandled error, answer the user politely and notify the Diskominfo desk."""
    error = context.error
    token = context.bot.token
    # Format here, redacted, so the token stays out whatever handlers logging has.
    trace = "".join(traceback.format_exception(error)) if error else "?"
    log.error("Kesalahan saat memproses update:\n%s", redact(trace, token))
    if isinstance(error, NetworkError) and not isinstance(error, Forbidden):
        return  # already retried (bot.ratelimit); an apology would meet the same outage
    if isinstance(update, Update) and update.effective_chat:
        try:
            await context.bot.send_message(
                update.effective_chat.id, context.texts.render("bot/error")
            )
        except TelegramError:
            log.warning("Tidak bisa mengirim pesan kesalahan ke chat %s", update.effective_chat.id)
    desk = context.config.desk_chat_id
    if desk is not None:
        summary = redact(f"{type(error).__name__}: {error}", token)[:500]
        try:
            await context.bot.send_message(
                desk, context.texts.render("bot/error_desk", summary=summary)
            )
        except TelegramError:
            log.warning("Tidak bisa memberi tahu meja Diskominfo tentang kesalahan")

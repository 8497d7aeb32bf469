"""Building blocks for registering handlers: command names, message filters, short makers."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.context import BotContext
from handlers.common.callbacks import run_command
from handlers.common.codec import Action
from handlers.common.filters import TO_BOT
from handlers.common.labels import ENGLISH_ALIASES
from handlers.common.replies import answer

Handler = BaseHandler[Update, BotContext, Any]
Callback = Callable[[Update, BotContext], Coroutine[Any, Any, Any]]

# Anything meant for the bot that is not a command: typed answers, photos, stickers …
ANY_MESSAGE = ~filters.COMMAND & ~filters.StatusUpdate.ALL & TO_BOT
TEXT = filters.TEXT & ~filters.COMMAND & TO_BOT


def command(name: str) -> list[str]:
    """A command's Indonesian name and its English aliases."""
    return [name, *ENGLISH_ALIASES.get(name, ())]


def button(callback: Callback, *actions: Action) -> Handler:
    """A handler for inline buttons of these kinds (their callback_data, see codec.py)."""
    pattern = "|".join(f"(?:{action.pattern})" for action in actions)
    return CallbackQueryHandler(callback, pattern=pattern)


def on_message(message_filter: filters.BaseFilter, callback: Callback) -> Handler:
    """A handler for messages that pass `message_filter`."""
    return MessageHandler(message_filter, callback)


def command_button(name: str, callback: Callback) -> Handler:
    """A help button (callbacks.run_command) that does what typing /<name> does."""

    async def pressed(update: Update, context: BotContext) -> Any:
        result = await callback(update, context)
        await answer(update)  # unless the command answered the press itself
        return result

    action = run_command(name)
    return CallbackQueryHandler(pressed, pattern=action.pattern)


def timeout_state(callback: Callback) -> dict[object, list[Handler]]:
    """A conversation's TIMEOUT state: `callback` runs with the conversation's last update."""
    return {ConversationHandler.TIMEOUT: [TypeHandler(Update, callback)]}

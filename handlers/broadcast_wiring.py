"""Handlers of Diseminasi: the /siaran and receipt conversations, /jadwal and its buttons."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext, KimApplication
from handlers import broadcast, broadcast_time, receipt, schedule
from handlers.broadcast_flow import Step
from handlers.labels import ENGLISH_ALIASES
from handlers.message_filters import TO_BOT

Handler = BaseHandler[Update, BotContext, Any]
ANY = ~filters.COMMAND & ~filters.StatusUpdate.ALL & TO_BOT
TEXT = filters.TEXT & ~filters.COMMAND & TO_BOT
CONTENT = (filters.TEXT | filters.PHOTO | filters.Document.ALL | filters.FORWARDED) & ANY


def _command(name: str) -> list[str]:
    return [name, *ENGLISH_ALIASES.get(name, ())]


def _siaran() -> Handler:
    button, text = broadcast.expect_button, broadcast.expect_text
    return ConversationHandler(
        entry_points=[CommandHandler(_command("siaran"), broadcast.start)],
        states={
            Step.CONTENT: [
                MessageHandler(CONTENT, broadcast.save_content),
                MessageHandler(ANY, broadcast.expect_content),
            ],
            Step.TARGET: [_cb(broadcast.choose_target, r"^siaran:target:\w+$"), _msg(button)],
            Step.PICK: [_cb(broadcast.toggle_pick, r"^siaran:pilih:[\w.-]+$"), _msg(button)],
            Step.KIM_NAMES: [MessageHandler(TEXT, broadcast.save_kim_names), _msg(text)],
            Step.TIME: [_cb(broadcast_time.choose_time, r"^siaran:waktu:\w+$"), _msg(button)],
            Step.DATETIME: [MessageHandler(TEXT, broadcast_time.save_datetime), _msg(text)],
            Step.WEEKDAY: [_cb(broadcast_time.save_weekday, r"^siaran:hari:[0-6]$"), _msg(button)],
            Step.MONTHDAY: [MessageHandler(TEXT, broadcast_time.save_monthday), _msg(text)],
            Step.CLOCK: [MessageHandler(TEXT, broadcast_time.save_clock), _msg(text)],
            Step.CONFIRM: [_cb(broadcast_time.confirm, r"^siaran:ok$"), _msg(button)],
        },
        fallbacks=[
            CommandHandler(_command("batal"), broadcast.cancel),
            _cb(broadcast.cancel, r"^siaran:batal$"),
        ],
        allow_reentry=True,
        name="siaran",
        persistent=True,
    )


def _receipt() -> Handler:
    return ConversationHandler(
        entry_points=[_cb(receipt.start, r"^sebar:\d+$")],
        states={
            receipt.Step.COUNT: [
                MessageHandler(TEXT, receipt.save_count),
                MessageHandler(ANY, receipt.expect_count),
            ],
            receipt.Step.CHANNEL: [
                _cb(receipt.save_channel, r"^sebar:kanal:\w+$"),
                MessageHandler(ANY, receipt.expect_channel),
            ],
        },
        fallbacks=[
            CommandHandler(_command("batal"), receipt.cancel),
            _cb(receipt.cancel, r"^sebar:batal$"),
        ],
        allow_reentry=True,
        name="receipt",
        persistent=True,
    )


def add_conversations(app: KimApplication) -> None:
    """Add the /siaran and receipt conversations (inside the per_message warning filter)."""
    app.add_handler(_siaran())
    app.add_handler(_receipt())


def add_handlers(app: KimApplication) -> None:
    """Add /jadwal, its buttons, and the answer to stale /siaran and receipt buttons."""
    app.add_handler(CommandHandler(_command("jadwal"), schedule.list_schedules))
    app.add_handler(_cb(schedule.change, r"^jadwal:(pause|resume|cancel):\d+$"))
    app.add_handler(_cb(receipt.busy_elsewhere, r"^sebar:"))
    app.add_handler(_cb(broadcast.stale_button, r"^siaran:"))


def _cb(callback: Any, pattern: str) -> Handler:
    return CallbackQueryHandler(callback, pattern=pattern)


def _msg(callback: Any) -> Handler:
    return MessageHandler(ANY, callback)

"""Handlers of Diseminasi: the /siaran and receipt conversations, /jadwal and its buttons."""

from __future__ import annotations

from telegram.ext import (
    CommandHandler,
    ConversationHandler,
    filters,
)

from bot.context import KimApplication
from handlers import broadcast, broadcast_time, receipt, schedule
from handlers.broadcast_flow import Step
from handlers.wiring import ANY_MESSAGE, TEXT, Callback, Handler, button, command, on_message

ANY = ANY_MESSAGE
CONTENT = (filters.TEXT | filters.PHOTO | filters.Document.ALL | filters.FORWARDED) & ANY


def _siaran() -> Handler:
    want_button, want_text = broadcast.expect_button, broadcast.expect_text
    return ConversationHandler(
        entry_points=[CommandHandler(command("siaran"), broadcast.start)],
        states={
            Step.CONTENT: [
                on_message(CONTENT, broadcast.save_content),
                on_message(ANY, broadcast.expect_content),
            ],
            Step.TARGET: [
                button(broadcast.choose_target, r"^siaran:target:\w+$"),
                _msg(want_button),
            ],
            Step.PICK: [
                button(broadcast.toggle_pick, r"^siaran:pilih:[\w.-]+$"),
                _msg(want_button),
            ],
            Step.KIM_NAMES: [on_message(TEXT, broadcast.save_kim_names), _msg(want_text)],
            Step.TIME: [
                button(broadcast_time.choose_time, r"^siaran:waktu:\w+$"),
                _msg(want_button),
            ],
            Step.DATETIME: [on_message(TEXT, broadcast_time.save_datetime), _msg(want_text)],
            Step.WEEKDAY: [
                button(broadcast_time.save_weekday, r"^siaran:hari:[0-6]$"),
                _msg(want_button),
            ],
            Step.MONTHDAY: [on_message(TEXT, broadcast_time.save_monthday), _msg(want_text)],
            Step.CLOCK: [on_message(TEXT, broadcast_time.save_clock), _msg(want_text)],
            Step.CONFIRM: [button(broadcast_time.confirm, r"^siaran:ok$"), _msg(want_button)],
        },
        fallbacks=[
            CommandHandler(command("batal"), broadcast.cancel),
            button(broadcast.cancel, r"^siaran:batal$"),
        ],
        allow_reentry=True,
        name="siaran",
        persistent=True,
    )


def _receipt() -> Handler:
    return ConversationHandler(
        entry_points=[button(receipt.start, r"^sebar:\d+$")],
        states={
            receipt.Step.COUNT: [
                on_message(TEXT, receipt.save_count),
                on_message(ANY, receipt.expect_count),
            ],
            receipt.Step.CHANNEL: [
                button(receipt.save_channel, r"^sebar:kanal:\w+$"),
                on_message(ANY, receipt.expect_channel),
            ],
        },
        fallbacks=[
            CommandHandler(command("batal"), receipt.cancel),
            button(receipt.cancel, r"^sebar:batal$"),
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
    app.add_handler(CommandHandler(command("jadwal"), schedule.list_schedules))
    app.add_handler(button(schedule.change, r"^jadwal:(pause|resume|cancel):\d+$"))
    app.add_handler(button(receipt.busy_elsewhere, r"^sebar:"))
    app.add_handler(button(broadcast.stale_button, r"^siaran:"))


def _msg(callback: Callback) -> Handler:
    return on_message(ANY, callback)

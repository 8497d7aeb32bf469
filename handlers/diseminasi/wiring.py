"""How the diseminasi handlers are wired: conversations first, then commands and buttons."""

from __future__ import annotations

from telegram.ext import (
    CommandHandler,
    ConversationHandler,
    filters,
)

from bot.context import KimApplication
from handlers.common.draft import CONVERSATION_TIMEOUT, timed_out
from handlers.common.wiring import (
    ANY_MESSAGE,
    TEXT,
    Callback,
    Handler,
    button,
    command,
    command_button,
    on_message,
    timeout_state,
)
from handlers.diseminasi import callbacks as cb
from handlers.diseminasi import compose, receipt, schedule_cards, timing
from handlers.diseminasi.draft import DRAFT, Step

ANY = ANY_MESSAGE
CONTENT = (filters.TEXT | filters.PHOTO | filters.Document.ALL | filters.FORWARDED) & ANY


def _siaran() -> Handler:
    want_button, want_text = compose.expect_button, compose.expect_text
    return ConversationHandler(
        entry_points=[
            CommandHandler(command("siaran"), compose.start),
            command_button("siaran", compose.start),
        ],
        states={
            Step.CONTENT: [
                on_message(CONTENT, compose.save_content),
                on_message(ANY, compose.expect_content),
            ],
            Step.TARGET: [
                button(compose.choose_target, cb.TARGET),
                _msg(want_button),
            ],
            Step.PICK: [
                button(compose.toggle_pick, cb.PICK),
                _msg(want_button),
            ],
            Step.KIM_NAMES: [on_message(TEXT, compose.save_kim_names), _msg(want_text)],
            Step.TIME: [
                button(timing.choose_time, cb.TIME),
                _msg(want_button),
            ],
            Step.DATETIME: [on_message(TEXT, timing.save_datetime), _msg(want_text)],
            Step.WEEKDAY: [
                button(timing.save_weekday, cb.WEEKDAY),
                _msg(want_button),
            ],
            Step.MONTHDAY: [on_message(TEXT, timing.save_monthday), _msg(want_text)],
            Step.CLOCK: [on_message(TEXT, timing.save_clock), _msg(want_text)],
            Step.CONFIRM: [button(timing.confirm, cb.CONFIRM), _msg(want_button)],
            **timeout_state(timed_out(DRAFT, "diseminasi/siaran/timed_out")),
        },
        fallbacks=[
            CommandHandler(command("batal"), compose.cancel),
            button(compose.cancel, cb.CANCEL),
        ],
        allow_reentry=True,
        conversation_timeout=CONVERSATION_TIMEOUT,
        name="siaran",
        persistent=True,
    )


def _receipt() -> Handler:
    return ConversationHandler(
        entry_points=[button(receipt.start, cb.RECEIPT)],
        states={
            receipt.Step.COUNT: [
                on_message(TEXT, receipt.save_count),
                on_message(ANY, receipt.expect_count),
            ],
            receipt.Step.CHANNEL: [
                button(receipt.save_channel, cb.CHANNEL),
                on_message(ANY, receipt.expect_channel),
            ],
            **timeout_state(timed_out(receipt.DRAFT, "diseminasi/receipt/timed_out")),
        },
        fallbacks=[
            CommandHandler(command("batal"), receipt.cancel),
            button(receipt.cancel, cb.RECEIPT_CANCEL),
        ],
        allow_reentry=True,
        conversation_timeout=CONVERSATION_TIMEOUT,
        name="receipt",
        persistent=True,
    )


def add_handlers(app: KimApplication) -> None:
    """The /siaran and receipt conversations, then /jadwal, its buttons, and stale buttons."""
    app.add_handler(_siaran())
    app.add_handler(_receipt())
    app.add_handler(CommandHandler(command("jadwal"), schedule_cards.list_schedules))
    app.add_handler(command_button("jadwal", schedule_cards.list_schedules))
    app.add_handler(button(schedule_cards.change, cb.CHANGE))
    app.add_handler(button(schedule_cards.list_schedules, cb.SCHEDULES_PAGE))
    app.add_handler(button(receipt.busy_elsewhere, cb.SEBAR.anything))
    app.add_handler(button(compose.stale_button, cb.SIARAN.anything))


def _msg(callback: Callback) -> Handler:
    return on_message(ANY, callback)

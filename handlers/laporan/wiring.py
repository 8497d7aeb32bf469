"""How the laporan handlers are wired: the /laporan conversation."""

from __future__ import annotations

from telegram.ext import CommandHandler, ConversationHandler

from bot.context import KimApplication
from handlers.common.draft import CONVERSATION_TIMEOUT, timed_out
from handlers.common.wiring import (
    ANY_MESSAGE,
    Handler,
    button,
    command,
    command_button,
    on_message,
    timeout_state,
)
from handlers.laporan import callbacks as cb
from handlers.laporan import steps
from handlers.laporan.draft import DRAFT, Step


def _laporan() -> Handler:
    typed = on_message(ANY_MESSAGE, steps.expect_button)
    return ConversationHandler(
        entry_points=[
            CommandHandler(command("laporan"), steps.start),
            command_button("laporan", steps.start),
        ],
        states={
            Step.MONTH: [button(steps.choose_month, cb.MONTH), typed],
            Step.SCOPE: [
                button(steps.choose_kecamatan, cb.KECAMATAN),
                button(steps.deliver, cb.ALL),
                typed,
            ],
            Step.KIM: [button(steps.deliver, cb.WHOLE, cb.KIM), typed],
            **timeout_state(timed_out(DRAFT, "laporan/timed_out")),
        },
        fallbacks=[
            CommandHandler(command("batal"), steps.cancel),
            button(steps.cancel, cb.CANCEL),
        ],
        allow_reentry=True,
        conversation_timeout=CONVERSATION_TIMEOUT,
        name="laporan",
        persistent=True,
    )


def add_handlers(app: KimApplication) -> None:
    """/laporan: month, scope, then the report's files."""
    app.add_handler(_laporan())

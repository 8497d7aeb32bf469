"""How the aspirasi handlers are wired: conversations first, then commands and buttons.

Three conversations: the submission (private; /aspirasi in a group only points a KIM member
to their private chat), the note that goes with a change on a card (desk or OPD group, per
person), and the citizen's typed answer or reason to reopen.
"""

from __future__ import annotations

from telegram.ext import CommandHandler, ConversationHandler, filters

from bot.context import KimApplication
from handlers.aspirasi import callbacks as cb
from handlers.aspirasi import (
    citizen,
    confirm,
    content,
    desk,
    feedback,
    incoming,
    notes,
    prompts,
    submit,
)
from handlers.aspirasi.draft import DRAFT, NOTE, REPLY, Step
from handlers.common.draft import CONVERSATION_TIMEOUT, timed_out
from handlers.common.filters import TO_BOT
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

LOCATION = filters.LOCATION & TO_BOT
VOICE = filters.VOICE & TO_BOT
PHOTO = filters.PHOTO & TO_BOT
# The links that open a submission (t.me/<bot>?start=…): one's own, a KIM group's for a
# citizen, a concluded discussion's "Jadikan aspirasi".
START_LINK = filters.ChatType.PRIVATE & filters.Regex(rf"^/start(@\w+)? {cb.START_PAYLOAD}$")


def add_handlers(app: KimApplication) -> None:
    """The three conversations, then the commands, the cards' buttons and stale buttons."""
    app.add_handler(_submission())
    app.add_handler(_note())
    app.add_handler(_citizen_reply())
    app.add_handler(CommandHandler(command("status"), citizen.show_status))
    app.add_handler(CommandHandler(command("aspirasiku"), citizen.list_mine))
    app.add_handler(command_button("aspirasiku", citizen.list_mine))
    app.add_handler(button(citizen.list_mine, cb.MINE_PAGE))
    app.add_handler(CommandHandler(command("aspirasi_masuk"), incoming.list_incoming))
    app.add_handler(command_button("aspirasi_masuk", incoming.list_incoming))
    app.add_handler(button(incoming.list_incoming, cb.INCOMING_PAGE))
    app.add_handler(button(incoming.open_card, cb.OPEN))
    app.add_handler(button(desk.choose_opd, cb.FORWARD))
    app.add_handler(button(desk.show_card, cb.SHOW_CARD))
    app.add_handler(button(feedback.rate, cb.RATE))
    # Buttons of a step that is over (a submission sent, a note already given).
    app.add_handler(button(prompts.step_over, cb.ASP.anything, cb.MEJA.anything, cb.WARGA.anything))


def _any(callback: Callback) -> Handler:
    return on_message(ANY_MESSAGE, callback)


def _submission() -> Handler:
    S = Step
    return ConversationHandler(
        entry_points=[
            CommandHandler(command("aspirasi"), submit.start),
            CommandHandler("start", submit.start, START_LINK),
            command_button("aspirasi", submit.start),
        ],
        states={
            S.CATEGORY: [button(submit.save_category, cb.CATEGORY), _any(prompts.expect_button)],
            S.PLACE: [
                button(submit.save_kecamatan, cb.KECAMATAN),
                on_message(LOCATION, submit.save_location),
                _any(prompts.expect_place),
            ],
            S.DESA: [
                button(submit.save_desa, cb.DESA),
                button(submit.turn_desa_page, cb.DESA_PAGE),
                button(submit.back_to_kecamatan, cb.BACK),
                on_message(TEXT, submit.find_typed_desa),
                on_message(LOCATION, submit.save_location),
                _any(prompts.expect_button),
            ],
            S.TEXT: [
                on_message(TEXT, content.save_text),
                on_message(VOICE, content.save_voice),
                _any(prompts.expect_text),
            ],
            S.VOICE_TEXT: [on_message(TEXT, content.save_voice_text), _any(prompts.expect_typed)],
            S.PHOTOS: [
                on_message(PHOTO, content.save_photo),
                button(content.photos_done, cb.PHOTOS_DONE),
                _any(prompts.expect_photo),
            ],
            S.IDENTITY: [button(confirm.save_identity, cb.IDENTITY), _any(prompts.expect_button)],
            S.NAME: [on_message(TEXT, confirm.save_name), _any(prompts.expect_typed)],
            S.SUMMARY: [button(confirm.confirm, cb.CONFIRM), _any(prompts.expect_button)],
            **timeout_state(timed_out(DRAFT, "aspirasi/timed_out")),
        },
        fallbacks=[
            CommandHandler(command("batal"), confirm.cancel),
            button(confirm.cancel, cb.CANCEL),
        ],
        allow_reentry=True,
        conversation_timeout=CONVERSATION_TIMEOUT,
        name="aspirasi",
        persistent=True,
    )


def _note() -> Handler:
    return ConversationHandler(
        entry_points=[
            button(desk.press_status, cb.SET_STATUS),
            button(desk.press_forward, cb.SEND_TO),
            button(desk.press_ask, cb.ASK),
        ],
        states={
            desk.NOTE_STEP: [
                on_message(TEXT, notes.save_note),
                button(notes.skip_note, cb.NO_NOTE),
                _any(notes.expect_note),
            ],
            **timeout_state(timed_out(NOTE, "aspirasi/meja/timed_out")),
        },
        fallbacks=[CommandHandler(command("batal"), notes.cancel)],
        allow_reentry=True,
        conversation_timeout=CONVERSATION_TIMEOUT,
        name="aspirasi_catatan",
        persistent=True,
    )


def _citizen_reply() -> Handler:
    return ConversationHandler(
        entry_points=[
            button(feedback.ask_reopen, cb.REOPEN),
            button(feedback.ask_answer, cb.ANSWER),
        ],
        states={
            feedback.REPLY_STEP: [
                on_message(TEXT, feedback.save_reply),
                _any(feedback.expect_reply),
            ],
            **timeout_state(timed_out(REPLY, "aspirasi/warga/timed_out")),
        },
        fallbacks=[CommandHandler(command("batal"), feedback.cancel)],
        allow_reentry=True,
        conversation_timeout=CONVERSATION_TIMEOUT,
        name="aspirasi_balas",
        persistent=True,
    )

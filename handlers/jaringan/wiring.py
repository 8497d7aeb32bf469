"""How the jaringan handlers are wired: conversations first, then commands and buttons."""

from __future__ import annotations

from telegram.ext import CommandHandler, ConversationHandler, filters

from bot.context import KimApplication
from handlers.common.draft import CONVERSATION_TIMEOUT, timed_out
from handlers.common.wiring import (
    ANY_MESSAGE,
    TEXT,
    Handler,
    button,
    command,
    command_button,
    on_message,
    timeout_state,
)
from handlers.jaringan import (
    agenda,
    agenda_add,
    agenda_scope,
    contact,
    directory,
    labels,
    settings,
    share,
    share_desk,
)
from handlers.jaringan import callbacks as cb
from handlers.jaringan.draft import AGENDA, Step

ADD_WORDS = "|".join(labels.AGENDA_ADD_WORDS)
AGENDA_ADD = filters.Regex(rf"(?i)^/\S+\s+({ADD_WORDS})\s*$")


def add_handlers(app: KimApplication) -> None:
    """The agenda conversation, the commands, the buttons, then stale agenda buttons."""
    app.add_handler(_agenda_conversation())
    app.add_handler(CommandHandler(command("jaringan"), directory.show_network))
    app.add_handler(command_button("jaringan", directory.list_directory))
    app.add_handler(button(directory.list_directory, cb.DIRECTORY_PAGE))
    app.add_handler(button(settings.toggle, cb.SETTING))
    app.add_handler(button(settings.consent, cb.CONSENT))
    app.add_handler(button(settings.withdraw, cb.WITHDRAW))
    app.add_handler(button(share.offer, cb.OFFER))
    app.add_handler(button(share.pick_kecamatan, cb.SCOPE_PICK, cb.TOGGLE_KECAMATAN))
    app.add_handler(button(share.send_to_desk, cb.SCOPE_ALL, cb.SEND))
    app.add_handler(button(share_desk.decide, cb.APPROVE, cb.DECLINE))
    app.add_handler(button(contact.ask_contact, cb.CONTACT))
    app.add_handler(button(contact.answer_request, cb.ACCEPT, cb.REFUSE))
    app.add_handler(CommandHandler(command("agenda"), agenda.list_agenda))
    app.add_handler(command_button("agenda", agenda.list_agenda))
    app.add_handler(button(agenda.list_agenda, cb.AGENDA_PAGE))
    # Buttons of a new event that is over (saved, cancelled, timed out).
    app.add_handler(button(agenda_scope.step_over, cb.AGD.anything))


def _agenda_conversation() -> Handler:
    S, steps = Step, agenda_scope
    expect_text = on_message(ANY_MESSAGE, steps.expect_text)
    expect_button = on_message(ANY_MESSAGE, steps.expect_button)
    return ConversationHandler(
        entry_points=[CommandHandler(command("agenda"), agenda_add.begin, AGENDA_ADD)],
        states={
            S.JUDUL: [on_message(TEXT, agenda_add.save_title), expect_text],
            S.JENIS: [button(agenda_add.save_kind, cb.KIND), expect_button],
            S.WAKTU: [on_message(TEXT, agenda_add.save_when), expect_text],
            S.TEMPAT: [on_message(TEXT, agenda_add.save_place), expect_text],
            S.SASARAN: [button(steps.save_scope, cb.SCOPE), expect_button],
            S.KECAMATAN: [button(steps.save_kecamatan, cb.KECAMATAN), expect_button],
            S.TUJUAN: [button(steps.save_target_kim, cb.TARGET_KIM), expect_button],
            S.RINGKASAN: [button(steps.save, cb.SAVE), expect_button],
            **timeout_state(timed_out(AGENDA, "jaringan/agenda_timed_out")),
        },
        fallbacks=[
            CommandHandler(command("batal"), steps.cancel),
            button(steps.cancel, cb.CANCEL),
        ],
        allow_reentry=True,
        conversation_timeout=CONVERSATION_TIMEOUT,
        name="agenda",
        persistent=True,
    )

"""How the jaringan handlers are wired: conversations first, then commands and buttons."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.context import KimApplication
from handlers.common.wiring import button, command, command_button
from handlers.jaringan import callbacks as cb
from handlers.jaringan import contact, directory, settings, share, share_desk


def add_handlers(app: KimApplication) -> None:
    """The agenda conversation, the commands, the buttons."""
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

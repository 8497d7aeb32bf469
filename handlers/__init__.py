"""Handler registration: the order below decides which handler sees an update first."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

import handlers.news as news
import handlers.outbox_admin as outbox_admin
from bot.context import BotContext, KimApplication
from handlers import admin, broadcast_wiring, desk, group, membership, privacy, registration, start
from handlers.labels import ENGLISH_ALIASES
from handlers.message_filters import TO_BOT
from handlers.registration_draft import Step

R = Step
ANY_MESSAGE = ~filters.COMMAND & ~filters.StatusUpdate.ALL & TO_BOT
TEXT = filters.TEXT & ~filters.COMMAND & TO_BOT
SK_FILE = (filters.PHOTO | filters.Document.IMAGE | filters.Document.PDF) & TO_BOT


def command(name: str) -> list[str]:
    """A command's Indonesian name and its English aliases."""
    return [name, *ENGLISH_ALIASES.get(name, ())]


Handler = BaseHandler[Update, BotContext, Any]
Callback = Callable[[Update, BotContext], Coroutine[Any, Any, Any]]


def _button(callback: Callback, pattern: str) -> Handler:
    return CallbackQueryHandler(callback, pattern=pattern)


def _message(message_filter: filters.BaseFilter, callback: Callback) -> Handler:
    return MessageHandler(message_filter, callback)


def _registration() -> Handler:
    expect_button = _message(ANY_MESSAGE, registration.expect_button)
    expect_text = _message(ANY_MESSAGE, registration.expect_text)
    return ConversationHandler(
        entry_points=[CommandHandler(command("daftar"), registration.start)],
        states={
            R.NAMA: [_message(TEXT, registration.save_name), expect_text],
            R.KECAMATAN: [_button(registration.save_kecamatan, r"^daftar:kec:"), expect_button],
            R.DESA: [
                _button(registration.save_desa, r"^daftar:desa:"),
                _button(registration.turn_desa_page, r"^daftar:hal:[\d.]+:\d+$"),
                _button(registration.back_to_kecamatan, r"^daftar:kembali$"),
                _message(TEXT, registration.find_typed_desa),
                expect_button,
            ],
            R.TAUTAN: [
                _button(registration.save_link, r"^daftar:(tautkan:\d+|baru)$"),
                expect_button,
            ],
            R.PENERBIT: [_button(registration.save_penerbit, r"^daftar:sk:"), expect_button],
            R.NOMOR: [_message(TEXT, registration.save_nomor), expect_text],
            R.TANGGAL: [_message(TEXT, registration.save_tanggal), expect_text],
            R.FOTO: [
                _message(SK_FILE, registration.save_foto),
                _button(registration.save_foto, r"^daftar:lewati$"),
                _message(ANY_MESSAGE, registration.expect_photo),
            ],
            R.RINGKASAN: [
                _button(registration.confirm, r"^daftar:ok$"),
                _button(registration.choose_edit, r"^daftar:ubah$"),
                _button(registration.edit_field, r"^daftar:ubah:\w+$"),
                expect_button,
            ],
        },
        fallbacks=[
            CommandHandler(command("batal"), registration.cancel),
            _button(registration.cancel, r"^daftar:batal$"),
        ],
        allow_reentry=True,
        name="registration",
        persistent=True,
    )


def _rejection() -> Handler:
    return ConversationHandler(
        entry_points=[_button(desk.ask_reason, r"^verif:tolak:\d+$")],
        states={
            desk.Step.REASON: [
                _message(TEXT, desk.reject),
                _message(ANY_MESSAGE, desk.expect_reason),
            ],
        },
        fallbacks=[CommandHandler(command("batal"), start.cancel)],
        name="rejection",
        persistent=True,
    )


def register_handlers(app: KimApplication) -> None:
    """Add every handler in order: bookkeeping first, conversations, then plain commands."""
    # Group -1 sees every update first and never stops it: remember who talks to the bot.
    app.add_handler(TypeHandler(Update, admin.remember_person), group=-1)

    app.add_handler(ChatMemberHandler(group.track_bot_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, group.follow_migration))

    # Conversations before plain commands, so /batal inside one ends that one.
    with warnings.catch_warnings():
        # Button steps are tracked per chat and user, not per message: that is intended.
        warnings.filterwarnings("ignore", message=".*per_message.*", category=PTBUserWarning)
        app.add_handler(_registration())
        app.add_handler(_rejection())
        # Other activities' conversations go here (each module's add_conversations(app)).
        news.add_conversations(app)  # /kurasi (Akses)
        broadcast_wiring.add_conversations(app)  # /siaran and receipts (Diseminasi)

    app.add_handler(CommandHandler("start", start.show_start, filters.ChatType.PRIVATE))
    app.add_handler(CommandHandler(command("bantuan"), start.show_help))
    app.add_handler(CommandHandler(command("batal"), start.cancel_nothing))
    app.add_handler(CommandHandler(command("gabung"), membership.join))
    app.add_handler(CommandHandler(command("keluar"), membership.leave))
    app.add_handler(CommandHandler(command("anggota"), membership.list_members))
    app.add_handler(CommandHandler(command("profil"), membership.show_profile))
    app.add_handler(CommandHandler(command("jabatan"), membership.choose_member))
    app.add_handler(CommandHandler(command("verifikasi"), desk.list_pending))
    app.add_handler(CommandHandler(command("peran"), admin.manage_roles))
    app.add_handler(CommandHandler(command("hapusdata"), privacy.ask_erase))

    app.add_handler(_button(desk.verify, r"^verif:ok:\d+$"))
    app.add_handler(_button(privacy.erase, r"^hapusdata:(ya|batal)$"))
    app.add_handler(_button(membership.choose_jabatan, r"^jabatan:pilih:\d+$"))
    app.add_handler(_button(membership.save_jabatan, r"^jabatan:set:\d+:[a-z-]+$"))
    # Other activities' plain commands and buttons go here (each module's add_handlers(app)).
    outbox_admin.add_handlers(app)  # /gagal: failed deliveries (Diseminasi)
    news.add_handlers(app)  # curation buttons, /topik, /berita, receipts (Akses)
    broadcast_wiring.add_handlers(app)  # /jadwal and stale Diseminasi buttons

    # Buttons of a registration that is over, or that belongs to someone else.
    app.add_handler(_button(registration.busy_elsewhere, r"^daftar:"))

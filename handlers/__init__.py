"""Handler registration: the order below decides which handler sees an update first."""

from __future__ import annotations

import warnings

from telegram import Update
from telegram.ext import (
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
from bot.context import KimApplication
from handlers import (
    admin,
    broadcast_wiring,
    desk,
    group,
    membership,
    privacy,
    registration,
    registration_prompts,
    registration_sk,
    start,
)
from handlers.message_filters import TO_BOT
from handlers.registration_draft import Step
from handlers.wiring import ANY_MESSAGE, TEXT, Handler, button, command, on_message

R = Step
SK_FILE = (filters.PHOTO | filters.Document.IMAGE | filters.Document.PDF) & TO_BOT


def _registration() -> Handler:
    expect_button = on_message(ANY_MESSAGE, registration_prompts.expect_button)
    expect_text = on_message(ANY_MESSAGE, registration_prompts.expect_text)
    return ConversationHandler(
        entry_points=[CommandHandler(command("daftar"), registration.start)],
        states={
            R.NAMA: [on_message(TEXT, registration.save_name), expect_text],
            R.KECAMATAN: [button(registration.save_kecamatan, r"^daftar:kec:"), expect_button],
            R.DESA: [
                button(registration.save_desa, r"^daftar:desa:"),
                button(registration.turn_desa_page, r"^daftar:hal:[\d.]+:\d+$"),
                button(registration.back_to_kecamatan, r"^daftar:kembali$"),
                on_message(TEXT, registration.find_typed_desa),
                expect_button,
            ],
            R.TAUTAN: [
                button(registration.save_link, r"^daftar:(tautkan:\d+|baru)$"),
                expect_button,
            ],
            R.PENERBIT: [button(registration_sk.save_penerbit, r"^daftar:sk:"), expect_button],
            R.NOMOR: [on_message(TEXT, registration_sk.save_nomor), expect_text],
            R.TANGGAL: [on_message(TEXT, registration_sk.save_tanggal), expect_text],
            R.FOTO: [
                on_message(SK_FILE, registration_sk.save_foto),
                button(registration_sk.save_foto, r"^daftar:lewati$"),
                on_message(ANY_MESSAGE, registration_prompts.expect_photo),
            ],
            R.RINGKASAN: [
                button(registration_sk.confirm, r"^daftar:ok$"),
                button(registration_sk.choose_edit, r"^daftar:ubah$"),
                button(registration_sk.edit_field, r"^daftar:ubah:\w+$"),
                expect_button,
            ],
        },
        fallbacks=[
            CommandHandler(command("batal"), registration_sk.cancel),
            button(registration_sk.cancel, r"^daftar:batal$"),
        ],
        allow_reentry=True,
        name="registration",
        persistent=True,
    )


def _rejection() -> Handler:
    return ConversationHandler(
        entry_points=[button(desk.ask_reason, r"^verif:tolak:\d+$")],
        states={
            desk.Step.REASON: [
                on_message(TEXT, desk.reject),
                on_message(ANY_MESSAGE, desk.expect_reason),
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

    app.add_handler(button(desk.verify, r"^verif:ok:\d+$"))
    app.add_handler(button(privacy.erase, r"^hapusdata:(ya|batal)$"))
    app.add_handler(button(membership.choose_jabatan, r"^jabatan:pilih:\d+$"))
    app.add_handler(button(membership.save_jabatan, r"^jabatan:set:\d+:[a-z-]+$"))
    # Other activities' plain commands and buttons go here (each module's add_handlers(app)).
    outbox_admin.add_handlers(app)  # /gagal: failed deliveries (Diseminasi)
    news.add_handlers(app)  # curation buttons, /topik, /berita, receipts (Akses)
    broadcast_wiring.add_handlers(app)  # /jadwal and stale Diseminasi buttons

    # Buttons of a registration that is over, or that belongs to someone else.
    app.add_handler(button(registration_prompts.busy_elsewhere, r"^daftar:"))

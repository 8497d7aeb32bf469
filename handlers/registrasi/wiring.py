"""How the registrasi handlers are wired: conversations first, then commands and buttons."""

from __future__ import annotations

from telegram.ext import CommandHandler, ConversationHandler, filters

from bot.context import KimApplication
from handlers.common.draft import CONVERSATION_TIMEOUT, cancel_with, timed_out
from handlers.common.filters import TO_BOT
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
from handlers.registrasi import callbacks as cb
from handlers.registrasi import (
    link,
    link_verification,
    membership,
    prompts,
    register,
    register_sk,
    verification,
)
from handlers.registrasi.draft import DRAFT, Step

SK_FILE = (filters.PHOTO | filters.Document.IMAGE | filters.Document.PDF) & TO_BOT


def add_handlers(app: KimApplication) -> None:
    """The two conversations first, then the commands and buttons outside them."""
    app.add_handler(_registration())
    app.add_handler(_rejection())
    app.add_handler(CommandHandler(command("gabung"), membership.join))
    app.add_handler(CommandHandler(command("keluar"), membership.leave))
    app.add_handler(CommandHandler(command("anggota"), membership.list_members))
    app.add_handler(CommandHandler(command("profil"), membership.show_profile))
    app.add_handler(CommandHandler(command("jabatan"), membership.choose_member))
    app.add_handler(CommandHandler(command("verifikasi"), link_verification.list_pending))
    app.add_handler(command_button("verifikasi", link_verification.list_pending))
    app.add_handler(button(verification.verify, cb.VERIFY))
    app.add_handler(button(verification.list_pending, cb.PENDING_PAGE))
    app.add_handler(button(membership.list_members, cb.MEMBERS_PAGE))
    app.add_handler(button(link_verification.approve, cb.APPROVE_LINK))
    app.add_handler(button(membership.choose_jabatan, cb.PICK_MEMBER))
    app.add_handler(button(membership.save_jabatan, cb.SET_JABATAN))
    # Buttons of a registration that is over, or that belongs to someone else.
    app.add_handler(button(prompts.busy_elsewhere, cb.DAFTAR.anything))


def _registration() -> Handler:
    R = Step
    expect_button = on_message(ANY_MESSAGE, prompts.expect_button)
    expect_text = on_message(ANY_MESSAGE, prompts.expect_text)
    return ConversationHandler(
        entry_points=[CommandHandler(command("daftar"), register.start)],
        states={
            R.NAMA: [on_message(TEXT, register.save_name), expect_text],
            R.KECAMATAN: [button(register.save_kecamatan, cb.KECAMATAN), expect_button],
            R.DESA: [
                button(register.save_desa, cb.DESA),
                button(register.turn_desa_page, cb.DESA_PAGE),
                button(register.back_to_kecamatan, cb.BACK),
                on_message(TEXT, register.find_typed_desa),
                expect_button,
            ],
            R.TAUTAN: [
                button(link.choose_link, cb.LINK, cb.NEW_KIM),
                expect_button,
            ],
            R.PENERBIT: [button(register_sk.save_penerbit, cb.PENERBIT), expect_button],
            R.NOMOR: [on_message(TEXT, register_sk.save_nomor), expect_text],
            R.TANGGAL: [on_message(TEXT, register_sk.save_tanggal), expect_text],
            R.FOTO: [
                on_message(SK_FILE, register_sk.save_foto),
                button(register_sk.save_foto, cb.SKIP_FOTO),
                on_message(ANY_MESSAGE, prompts.expect_photo),
            ],
            R.RINGKASAN: [
                button(register_sk.confirm, cb.CONFIRM),
                button(register_sk.choose_edit, cb.EDIT),
                button(register_sk.edit_field, cb.EDIT_FIELD),
                expect_button,
            ],
            **timeout_state(timed_out(DRAFT, "registrasi/timed_out")),
        },
        fallbacks=[
            CommandHandler(command("batal"), register_sk.cancel),
            button(register_sk.cancel, cb.CANCEL),
        ],
        allow_reentry=True,
        conversation_timeout=CONVERSATION_TIMEOUT,
        name="registration",
        persistent=True,
    )


def _rejection() -> Handler:
    slot = verification.REJECTING
    return ConversationHandler(
        entry_points=[
            button(verification.ask_reason, cb.REJECT),
            button(link_verification.ask_reason, cb.REJECT_LINK),
        ],
        states={
            verification.Step.REASON: [
                on_message(TEXT, link_verification.reject),  # of a link, or of a KIM
                on_message(ANY_MESSAGE, verification.expect_reason),
                button(verification.reason_pending, cb.REJECT),
                button(link_verification.ask_reason, cb.REJECT_LINK),  # switch to that link
            ],
            **timeout_state(timed_out(slot, "registrasi/verifikasi/timed_out")),
        },
        fallbacks=[CommandHandler(command("batal"), cancel_with(slot))],
        conversation_timeout=CONVERSATION_TIMEOUT,
        name="rejection",
        persistent=True,
    )

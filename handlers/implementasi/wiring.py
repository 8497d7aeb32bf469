"""How the implementasi handlers are wired: conversations first, then commands and buttons."""

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
    on_message,
    timeout_state,
)
from handlers.implementasi import callbacks as cb
from handlers.implementasi import desk, group, labels, prompts, report, result, summary
from handlers.implementasi.draft import DRAFT, Step

PRIVATE = filters.ChatType.PRIVATE
GROUPS = filters.ChatType.GROUPS
DEEP_LINK = PRIVATE & filters.Regex(rf"^/start {cb.START_PAYLOAD}$")
PHOTO = filters.PHOTO & TO_BOT
SKIP_LOCATION = filters.Text([labels.NO_LOCATION]) & PRIVATE


def add_handlers(app: KimApplication) -> None:
    """The two conversations, the group's command, the desk's buttons, then stale buttons."""
    app.add_handler(_report())
    app.add_handler(_fix_request())
    app.add_handler(CommandHandler(command("implementasi"), group.start_in_group, GROUPS))
    app.add_handler(button(group.turn_reports_page, cb.REPORTS_PAGE))
    app.add_handler(button(desk.verify, cb.VERIFY))
    app.add_handler(button(desk.choose_weeks, cb.FOLLOW_UP, cb.BACK))
    app.add_handler(button(desk.follow_up, cb.FOLLOW_UP_WEEKS))
    # Buttons of a report that is over (sent, cancelled, timed out).
    app.add_handler(button(summary.step_over, cb.IMPL.anything))


def _report() -> Handler:
    S = Step
    expect_button = on_message(ANY_MESSAGE, prompts.expect_button)
    expect_text = on_message(ANY_MESSAGE, prompts.expect_text)
    return ConversationHandler(
        entry_points=[
            CommandHandler("start", report.start_from_link, DEEP_LINK),
            CommandHandler(command("implementasi"), report.resume, PRIVATE),
            button(summary.start_fix, cb.FIX),
        ],
        states={
            S.JUDUL: [on_message(TEXT, report.save_title), expect_text],
            S.SUMBER: [button(report.save_source, cb.SOURCE, cb.NO_SOURCE), expect_button],
            S.KEGIATAN: [on_message(TEXT, report.save_activity), expect_text],
            S.TANGGAL: [on_message(TEXT, report.save_date), expect_text],
            S.SATUAN: [button(report.save_unit, cb.UNIT), expect_button],
            S.JUMLAH: [on_message(TEXT, report.save_amount), expect_text],
            S.BIDANG: [button(result.save_bidang, cb.BIDANG), expect_button],
            S.HASIL: [on_message(TEXT, result.save_result), expect_text],
            S.KOMODITAS: [on_message(TEXT, result.save_commodity), expect_text],
            S.SEBELUM: [on_message(TEXT, result.save_before), expect_text],
            S.SESUDAH: [on_message(TEXT, result.save_after), expect_text],
            S.FOTO: [
                on_message(PHOTO, result.save_photo),
                button(result.photos_done, cb.PHOTOS_DONE),
                on_message(ANY_MESSAGE, result.expect_photo),
            ],
            S.LOKASI: [
                on_message(filters.LOCATION | SKIP_LOCATION, result.save_location),
                on_message(ANY_MESSAGE, result.expect_location),
            ],
            S.RINGKASAN: [
                button(summary.confirm, cb.CONFIRM),
                button(summary.choose_edit, cb.EDIT),
                button(summary.edit_field, cb.EDIT_FIELD),
                expect_button,
            ],
            **timeout_state(timed_out(DRAFT, "implementasi/timed_out")),
        },
        fallbacks=[
            CommandHandler(command("batal"), summary.cancel),
            button(summary.cancel, cb.CANCEL),
        ],
        allow_reentry=True,
        conversation_timeout=CONVERSATION_TIMEOUT,
        name="implementasi",
        persistent=True,
    )


def _fix_request() -> Handler:
    slot = desk.FIXING
    return ConversationHandler(
        entry_points=[button(desk.ask_reason, cb.ASK_FIX)],
        states={
            desk.Step.REASON: [
                on_message(TEXT, desk.save_reason),
                on_message(ANY_MESSAGE, desk.expect_reason),
                button(desk.reason_pending, cb.ASK_FIX),
            ],
            **timeout_state(timed_out(slot, "implementasi/fix_timed_out")),
        },
        fallbacks=[CommandHandler(command("batal"), cancel_with(slot))],
        conversation_timeout=CONVERSATION_TIMEOUT,
        name="implementasi_perbaikan",
        persistent=True,
    )

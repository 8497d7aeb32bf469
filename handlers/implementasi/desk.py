"""The Diskominfo desk's decisions on a report (admins only), each recorded with who and when.

Terverifikasi; Tindak lanjut dalam N minggu (the card's buttons turn into 1/2/4/8 weeks, and
the KIM is reminded then, broadcasts/implementasi); Minta perbaikan asks for the reason (a
short conversation, `FIXING`), which goes back to the reporter with "Perbaiki laporan".
Each decision and its effects are one transaction; a later press says who decided and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.errors import reported
from bot.models.implementasi import (
    FOLLOW_UP_WEEKS,
    MAX_FIX_REASON,
    MIN_FIX_REASON,
    Report,
    ReportStatus,
    follow_up_time,
)
from bot.models.people import Role
from bot.user_text import clean_text
from broadcasts.implementasi.followup import plan_follow_up
from handlers.common.access import has_role
from handlers.common.draft import DraftSlot, JsonDraft
from handlers.common.replies import (
    alert,
    answer,
    ask_text,
    callback_data,
    message_text,
    reply,
    retire_buttons,
    toast,
)
from handlers.implementasi import callbacks as cb
from handlers.implementasi import keyboards, labels
from handlers.implementasi.cards import decided_text, decision_effects, decision_key


class Step(IntEnum):
    """The fix request's state: waiting for the reason."""

    REASON = 0


@dataclass
class FixDraft(JsonDraft):
    """The report whose fix request waits for its reason."""

    report_id: int | None = None


FIXING = DraftSlot("perbaikan_impl", FixDraft)


async def _is_admin(update: Update, context: BotContext) -> bool:
    user = update.effective_user
    if user is not None and await has_role(context, user.id, Role.ADMIN):
        return True
    await alert(update, context, "implementasi/not_admin_alert")
    return False


async def _waiting(update: Update, context: BotContext, report_id: int) -> Report | None:
    """The report, if it still waits for the desk; else say who decided it, and when."""
    report = await context.store.get_report(report_id)
    if report is not None and report.status == ReportStatus.PENDING:
        return report
    await already_decided(update, context, report_id)
    return None


async def _decide(
    context: BotContext, report_id: int, status: ReportStatus, by: int, *,
    reason: str | None = None, weeks: int | None = None,
) -> Report | None:  # fmt: skip
    """Record a decision and queue its effects, in one transaction; None when not waiting."""
    now = context.config.clock()
    follow_up = (weeks, follow_up_time(now, weeks, context.config.timezone)) if weeks else None
    async with context.store.transaction():
        report = await context.store.decide_report(report_id, status, by, now, reason=reason,
                                                   follow_up=follow_up)  # fmt: skip
        if report is not None:
            effects = await decision_effects(context, report)
            await context.outbox.submit_effects(decision_key(report), effects)
    return report


async def verify(update: Update, context: BotContext) -> None:
    """Terverifikasi: the report stands; the reporter may offer it to the network."""
    if not await _is_admin(update, context):
        return
    (report_id,) = cb.VERIFY.parse(callback_data(update)) or ("0",)
    user = update.effective_user
    assert user is not None
    if await _decide(context, int(report_id), ReportStatus.VERIFIED, user.id) is None:
        await already_decided(update, context, int(report_id))
        return
    await toast(update, context, "implementasi/verified_toast")


async def choose_weeks(update: Update, context: BotContext) -> None:
    """Tindak lanjut: the card's buttons turn into the choice of weeks (Kembali undoes it)."""
    if not await _is_admin(update, context):
        return
    back = cb.BACK.parse(callback_data(update))
    (report_id,) = back or cb.FOLLOW_UP.parse(callback_data(update)) or ("0",)
    if await _waiting(update, context, int(report_id)) is None:
        return
    await answer(update)
    markup = keyboards.desk_keyboard if back else keyboards.weeks_keyboard
    query = update.callback_query
    if query is not None and query.message is not None:
        async with reported(context, f"tombol laporan #{report_id}"):
            await query.edit_message_reply_markup(markup(int(report_id)))


async def follow_up(update: Update, context: BotContext) -> None:
    """N weeks chosen: verified, and the KIM is reminded to follow it up then."""
    if not await _is_admin(update, context):
        return
    report_id, weeks = cb.FOLLOW_UP_WEEKS.parse(callback_data(update)) or ("0", "0")
    if int(weeks) not in FOLLOW_UP_WEEKS:
        await alert(update, context, "common/unknown_choice")
        return
    user = update.effective_user
    assert user is not None
    report = await _decide(context, int(report_id), ReportStatus.FOLLOW_UP, user.id,
                           weeks=int(weeks))  # fmt: skip
    if report is None:
        await already_decided(update, context, int(report_id))
        return
    plan_follow_up(context, report)
    await toast(update, context, "implementasi/follow_up_toast", report=report)


async def ask_reason(update: Update, context: BotContext) -> int:
    """Minta perbaikan: ask what the reporter should fix."""
    if not await _is_admin(update, context):
        return ConversationHandler.END
    (report_id,) = cb.ASK_FIX.parse(callback_data(update)) or ("0",)
    report = await _waiting(update, context, int(report_id))
    if report is None:
        return ConversationHandler.END
    await answer(update)
    FIXING.save(context, FixDraft(report.id))
    await reply(update, context, "implementasi/ask_fix_reason",
                ask_text(labels.ASK_FIX_REASON), report=report)  # fmt: skip
    return Step.REASON


async def save_reason(update: Update, context: BotContext) -> int:
    """The typed reason: the report goes back to its reporter with it."""
    reason = clean_text(message_text(update), MAX_FIX_REASON, min_len=MIN_FIX_REASON,
                        multiline=True)  # fmt: skip
    if reason is None:
        return await expect_reason(update, context)
    report_id = FIXING.load(context).report_id
    user = update.effective_user
    assert user is not None
    if report_id is None:  # the draft is gone: which report is meant is not known
        await reply(update, context, "implementasi/reason_lost")
        return FIXING.clear(context)
    report = await _decide(context, report_id, ReportStatus.FIX, user.id, reason=reason)
    FIXING.clear(context)
    if report is None:
        await _say_decided(update, context, report_id)
        return ConversationHandler.END
    await reply(update, context, "implementasi/fix_sent", report=report)
    return ConversationHandler.END


async def expect_reason(update: Update, context: BotContext) -> int:
    """A reason too short or too long, or no text at all: ask again."""
    await reply(update, context, "implementasi/bad_fix_reason", ask_text(labels.ASK_FIX_REASON),
                min=MIN_FIX_REASON, max=MAX_FIX_REASON)  # fmt: skip
    return Step.REASON


async def reason_pending(update: Update, context: BotContext) -> int:
    """Minta perbaikan pressed while a reason is awaited: say which report waits for it."""
    waiting = await context.store.get_report(FIXING.load(context).report_id or 0)
    if waiting is None or waiting.status != ReportStatus.PENDING:
        return await ask_reason(update, context)  # that one was decided meanwhile: start anew
    await alert(update, context, "implementasi/reason_pending", report=waiting)
    return Step.REASON


async def already_decided(update: Update, context: BotContext, report_id: int) -> None:
    """A card pressed after its report was decided: who decided and when; the card shows it."""
    report = await context.store.get_report(report_id)
    if report is None:
        await retire_buttons(update, context, "implementasi/report_gone")
        return
    viewer = update.effective_user.id if update.effective_user else 0
    await alert(update, context, "implementasi/already_decided", report=report, viewer=viewer,
                status=labels.STATUS[report.status.value])  # fmt: skip
    query = update.callback_query
    if query is not None and query.message is not None and report.decision is not None:
        async with reported(context, f"kartu laporan #{report.id}"):
            await query.edit_message_text(await decided_text(context, report))


async def _say_decided(update: Update, context: BotContext, report_id: int) -> None:
    """A typed reason for a report decided meanwhile: say so in the chat."""
    report = await context.store.get_report(report_id)
    if report is None:
        await reply(update, context, "implementasi/report_gone")
        return
    viewer = update.effective_user.id if update.effective_user else 0
    await reply(update, context, "implementasi/already_decided", report=report, viewer=viewer,
                status=labels.STATUS[report.status.value])  # fmt: skip

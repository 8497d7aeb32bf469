"""The report's summary: change a field, send it (to the KIM group's card and the desk), or
cancel; and "Perbaiki laporan", which opens a report sent back for fixing at its summary.
"""

from __future__ import annotations

from telegram import ReplyKeyboardRemove, Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.models.implementasi import Report, ReportStatus
from handlers.common import labels as common
from handlers.common.replies import (
    alert,
    answer,
    callback_data,
    close_buttons,
    reply,
    retire_buttons,
)
from handlers.implementasi import callbacks as cb
from handlers.implementasi import keyboards, labels
from handlers.implementasi.announce import announce
from handlers.implementasi.draft import DRAFT, ImplDraft, Step
from handlers.implementasi.prompts import next_step, show_summary
from handlers.implementasi.report import member_kim


async def choose_edit(update: Update, context: BotContext) -> int:
    """Offer the fields that can be changed."""
    await answer(update)
    await close_buttons(update, context)
    await reply(update, context, "implementasi/ask_edit", keyboards.edit_keyboard())
    return Step.RINGKASAN


async def edit_field(update: Update, context: BotContext) -> int:
    """Forget one field: it is asked again, then the summary comes back."""
    (name,) = cb.EDIT_FIELD.parse(callback_data(update)) or ("",)
    if name not in labels.EDIT_FIELDS:
        await alert(update, context, "common/unknown_choice")
        return Step.RINGKASAN
    await answer(update)
    await close_buttons(update, context, common.EDIT, labels.EDIT_FIELDS[name])
    with DRAFT.edit(context) as draft:
        draft.clear(name)
    return await next_step(update, context)


async def confirm(update: Update, context: BotContext) -> int:
    """Send the report (or the corrected one): the KIM group's card, the desk's report."""
    await answer(update)
    user = update.effective_user
    assert user is not None
    draft = DRAFT.load(context)
    if draft.resume_step() is not None:  # a change was left half-way: ask what is missing
        return await next_step(update, context)
    if await member_kim(context, user.id, draft.kim_id) is None:
        await reply(update, context, "implementasi/no_longer_member")
        return DRAFT.clear(context)
    await close_buttons(update, context, common.CONFIRMED)
    entered, now = draft.report_draft(user.id), context.config.clock()
    report: Report | None
    if draft.report_id is None:
        report = await context.store.add_report(entered, now)
    else:
        report = await context.store.resubmit_report(draft.report_id, entered, now)
    DRAFT.clear(context)
    if report is None:  # decided meanwhile (not waiting for a fix any more)
        await reply(update, context, "implementasi/fix_over")
        return ConversationHandler.END
    delivered = await announce(context, report)
    await reply(update, context, "implementasi/submitted", report=report, delivered=delivered)
    return ConversationHandler.END


async def cancel(update: Update, context: BotContext) -> int:
    """Leave the report; nothing is sent (a report sent back stays as it was)."""
    await answer(update)
    await close_buttons(update, context)
    await reply(update, context, "implementasi/cancelled", ReplyKeyboardRemove())
    return DRAFT.clear(context)


async def start_fix(update: Update, context: BotContext) -> int:
    """ "Perbaiki laporan" on the reporter's notice: open the report sent back at its summary."""
    (report_id,) = cb.FIX.parse(callback_data(update)) or ("0",)
    report = await context.store.get_report(int(report_id))
    user = update.effective_user
    assert user is not None
    if report is None or report.reporter_id != user.id:
        await retire_buttons(update, context, "implementasi/fix_gone")
        return ConversationHandler.END
    if report.status != ReportStatus.FIX:
        await retire_buttons(update, context, "implementasi/fix_over")
        return ConversationHandler.END
    await answer(update)
    DRAFT.save(context, ImplDraft.correcting(report))
    await reply(update, context, "implementasi/fix_begin", report=report)
    return await show_summary(update, context)


async def step_over(update: Update, context: BotContext) -> None:
    """A report button outside its step (the report was sent, cancelled or timed out)."""
    await retire_buttons(update, context, "implementasi/step_over")

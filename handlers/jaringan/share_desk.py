"""The desk's decision on a share (admins only): approve, and the story goes out through the
outbox to every opted-in KIM of its scope, each once; or decline. Each decision and its
effects are one transaction; a later press says who decided and when.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.errors import reported
from bot.models.jaringan import Share, ShareStatus
from bot.models.people import Role
from broadcasts.jaringan.stories import submit_story
from handlers.common.access import has_role
from handlers.common.replies import alert, callback_data, retire_buttons, toast
from handlers.jaringan import callbacks as cb
from handlers.jaringan import labels
from handlers.jaringan.share import decision_effects, share_card_values, story_values


async def decide(update: Update, context: BotContext) -> None:
    """Setujui & bagikan / Jangan bagikan."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await alert(update, context, "jaringan/share_admin_only")
        return
    approve = cb.APPROVE.parse(callback_data(update))
    (report_id,) = approve or cb.DECLINE.parse(callback_data(update)) or ("0",)
    status = ShareStatus.APPROVED if approve else ShareStatus.DECLINED
    share = await _decide(context, int(report_id), status, user.id)
    if share is None:
        await already_decided(update, context, int(report_id))
        return
    await toast(update, context, "jaringan/share_decided_toast", share=share)


async def _decide(
    context: BotContext, report_id: int, status: ShareStatus, by: int
) -> Share | None:
    """Record the decision, queue the story (approved) and the effects; None if not waiting."""
    report = await context.store.get_report(report_id)
    share = await context.store.get_share(report_id)
    if report is None or share is None or share.status != ShareStatus.PENDING:
        return None
    receivers = await context.store.story_receivers(report.kim_id, share.kecamatan)
    approved = status == ShareStatus.APPROVED
    now = context.config.clock()
    async with context.store.transaction():
        count = len(receivers) if approved else None
        decided = await context.store.decide_share(report_id, status, by, now, count)
        if decided is None:
            return None
        if approved:
            await submit_story(context, await story_values(context, report), receivers, by)
        assert decided.decision is not None
        key = f"bagi:{report_id}@{decided.decision.at:%Y%m%dT%H%M%S%f}"
        effects = await decision_effects(context, report, decided)
        await context.outbox.submit_effects(key, effects)
    return decided


async def already_decided(update: Update, context: BotContext, report_id: int) -> None:
    """A share card pressed after its decision: who decided and when; the card shows it."""
    report = await context.store.get_report(report_id)
    share = await context.store.get_share(report_id)
    if report is None or share is None:
        await retire_buttons(update, context, "jaringan/share_gone")
        return
    viewer = update.effective_user.id if update.effective_user else 0
    await alert(update, context, "jaringan/share_already", share=share, viewer=viewer,
                status=labels.SHARE_STATUS[share.status.value])  # fmt: skip
    query = update.callback_query
    if query is not None and query.message is not None and share.decision is not None:
        values = await share_card_values(context, report, share)
        async with reported(context, f"kartu berbagi laporan #{report_id}"):
            await query.edit_message_text(context.texts.render("jaringan/share_decided", **values))

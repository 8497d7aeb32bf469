"""A verified report offered to the network ("Bagikan ke jaringan", bagi:…).

The reporter (a member of the KIM) chooses the scope: every KIM that opted in to stories, or
those of chosen kecamatan (ticked in place, kept in `SHARING`). The desk approves or declines
(admins); an approval queues the story for each receiving KIM once (broadcasts/jaringan),
the desk cards' edits and the reporter's notice, in the approval's transaction.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.errors import reported
from bot.models.implementasi import Report, ReportCard
from bot.models.jaringan import Share, ShareScope, ShareStatus
from bot.outbox import edit_text, text_message
from handlers.common.pager import show
from handlers.common.replies import alert, answer, callback_data, reply
from handlers.jaringan import callbacks as cb
from handlers.jaringan import keyboards, labels
from handlers.jaringan.draft import SHARING, ShareDraft

BAGIKAN = "bagikan"  # impl_card kind of a share's desk cards


async def story_values(context: BotContext, report: Report) -> dict[str, Any]:
    """What a story and a share's cards show: the report, its KIM's name, desa, kecamatan."""
    kim = await context.store.get_kim(report.kim_id)
    region = context.region
    return {
        "report": report,
        "kim_name": kim.nama if kim else report.kim_nama,
        "desa": region.desa_by_code(kim.desa_kode) if kim else None,
        "kecamatan": region.kecamatan_by_code(kim.kecamatan_kode) if kim else None,
    }


async def shareable(update: Update, context: BotContext, report_id: int) -> Report | None:
    """The report, if the presser's KIM may offer it now; else say why in a pop-up."""
    report = await context.store.get_report(report_id)
    user = update.effective_user
    assert user is not None
    kim = await context.store.kim_of_member(user.id)
    if report is None or kim is None or kim.id != report.kim_id:
        await alert(update, context, "jaringan/share_not_member")
        return None
    if not report.status.accepted:
        await alert(update, context, "jaringan/share_not_verified")
        return None
    share = await context.store.get_share(report.id)
    if share is not None and share.status != ShareStatus.DECLINED:
        await alert(update, context, "jaringan/share_exists", share=share,
                    status=labels.SHARE_STATUS[share.status.value])  # fmt: skip
        return None
    return report


async def offer(update: Update, context: BotContext) -> None:
    """ "Bagikan ke jaringan": ask for the scope."""
    (report_id,) = cb.OFFER.parse(callback_data(update)) or ("0",)
    report = await shareable(update, context, int(report_id))
    if report is None:
        return
    await answer(update)
    await reply(update, context, "jaringan/share_scope", keyboards.scope_keyboard(report.id),
                report=report)  # fmt: skip


async def pick_kecamatan(update: Update, context: BotContext) -> None:
    """ "Pilih kecamatan", or a kecamatan ticked on or off: the list, edited in place."""
    toggled = cb.TOGGLE_KECAMATAN.parse(callback_data(update))
    (report_id,) = cb.SCOPE_PICK.parse(callback_data(update)) or (toggled or ("0",))[:1]
    report = await shareable(update, context, int(report_id))
    if report is None:
        return
    draft = SHARING.load(context)
    if draft.report_id != report.id:
        draft = ShareDraft(report.id)
    if toggled is not None:
        kode = toggled[1]
        if context.region.kecamatan_by_code(kode) is None:
            await alert(update, context, "common/unknown_choice")
            return
        draft.kecamatan = [k for k in draft.kecamatan if k != kode] + (
            [] if kode in draft.kecamatan else [kode]
        )
    await answer(update)
    SHARING.save(context, draft)
    markup = keyboards.kecamatan_toggles(report.id, context.region.kecamatan, draft.kecamatan)
    text = context.texts.render("jaringan/share_pick", report=report, count=len(draft.kecamatan))
    await show(update, context, text, markup)


async def send_to_desk(update: Update, context: BotContext) -> None:
    """ "Semua KIM", or "Kirim" after ticking kecamatan: the share waits for the desk."""
    picked = cb.SEND.parse(callback_data(update))
    (report_id,) = picked or cb.SCOPE_ALL.parse(callback_data(update)) or ("0",)
    report = await shareable(update, context, int(report_id))
    if report is None:
        return
    chosen = SHARING.load(context).kecamatan if picked else []
    if picked and (SHARING.load(context).report_id != report.id or not chosen):
        await alert(update, context, "jaringan/share_pick_one")
        return
    scope = ShareScope.KECAMATAN if picked else ShareScope.ALL
    user = update.effective_user
    assert user is not None
    share = await context.store.request_share(report.id, scope, chosen, user.id,
                                              context.config.clock())  # fmt: skip
    SHARING.clear(context)
    if share is None:  # offered meanwhile (another press, another member)
        await alert(update, context, "jaringan/share_pending")
        return
    await answer(update)
    delivered = await _announce(context, report, share)
    text = context.texts.render("jaringan/share_sent", report=report, delivered=delivered)
    await show(update, context, text, None)


async def _announce(context: BotContext, report: Report, share: Share) -> bool:
    """The share's card, with the desk's buttons; False when no desk chat got it."""
    values = await share_card_values(context, report, share)
    text = context.texts.render("jaringan/share_card", **values)
    delivered = False
    desk = context.config.desk_chat_id
    for chat_id in [desk] if desk is not None else sorted(context.config.admin_ids):
        async with reported(context, f"kartu berbagi laporan #{report.id}"):
            sent = await context.bot.send_message(
                chat_id, text, reply_markup=keyboards.share_decision_keyboard(report.id)
            )
            card = ReportCard(sent.chat_id, sent.message_id)
            await context.store.remember_report_card(report.id, BAGIKAN, card,
                                                     context.config.clock())  # fmt: skip
            delivered = True
    return delivered


async def share_card_values(context: BotContext, report: Report, share: Share) -> dict[str, Any]:
    """A share's desk card: the story, the scope, and how many KIMs it would reach now."""
    receivers = await context.store.story_receivers(report.kim_id, share.kecamatan)
    region = context.region
    names = [k.nama for kode in share.kecamatan if (k := region.kecamatan_by_code(kode))]
    status = labels.SHARE_STATUS[share.status.value]
    return {**await story_values(context, report), "share": share, "count": len(receivers),
            "kecamatan_names": names, "status": status}  # fmt: skip


async def decision_effects(context: BotContext, report: Report, share: Share) -> list[Any]:
    """Inside the decision's transaction: the desk cards' edits and the reporter's notice."""
    values = await share_card_values(context, report, share)
    decided = context.texts.render("jaringan/share_decided", **values)
    cards = await context.store.take_report_cards(report.id, BAGIKAN)
    effects = [edit_text(card.chat_id, card.message_id, decided) for card in cards]
    if share.requested_by:
        notice = context.texts.render("jaringan/share_notice", **values)
        effects.append(text_message(share.requested_by, notice))
    return effects

"""The cards of a report: the KIM group's short card, the desk's cards with the buttons.

Each desk card is remembered (impl_card, kind 'laporan'); once the report is decided every
one of them shows the decision and loses its buttons, the group's card shows the new status,
and the reporter is told in private: edits and notice queued in the outbox inside the
decision's transaction (see docs/ARCHITECTURE.md), so a crash leaves both or neither.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup

from bot.context import BotContext
from bot.models.implementasi import Report, ReportStatus
from bot.outbox import OutboxMessage, edit_text, text_message
from broadcasts.jaringan.offer import share_offer_markup
from handlers.implementasi import keyboards
from handlers.implementasi.prompts import report_values

LAPORAN = "laporan"  # impl_card kind of a report's desk cards
_NOTICES = {
    ReportStatus.VERIFIED: "implementasi/notice_verified",
    ReportStatus.FOLLOW_UP: "implementasi/notice_follow_up",
    ReportStatus.FIX: "implementasi/notice_fix",
}


def desk_targets(context: BotContext) -> list[int]:
    """Where reports go: the desk group, or without one each configured admin."""
    desk = context.config.desk_chat_id
    return [desk] if desk is not None else sorted(context.config.admin_ids)


async def card_values(context: BotContext, report: Report) -> dict[str, Any]:
    """What a report's cards show: the report, its KIM, kecamatan and desa, the labels."""
    values = await report_values(context, report)
    kim = await context.store.get_kim(report.kim_id)
    values["kecamatan"] = context.region.kecamatan_by_code(kim.kecamatan_kode) if kim else None
    values["desa"] = context.region.desa_by_code(kim.desa_kode) if kim else None
    return values


async def group_card_text(context: BotContext, report: Report) -> str:
    """The KIM group's short card of a report."""
    return context.texts.render("implementasi/group_card", **await card_values(context, report))


async def report_card_text(context: BotContext, report: Report) -> str:
    """A desk card of a waiting report."""
    return context.texts.render("implementasi/desk_card", **await card_values(context, report))


async def decided_text(context: BotContext, report: Report) -> str:
    """A desk card once decided: the report, the decision, who decided and when."""
    return context.texts.render("implementasi/decided", **await card_values(context, report))


async def decision_effects(context: BotContext, report: Report) -> list[OutboxMessage]:
    """Inside the decision's transaction: the cards' edits and the reporter's notice."""
    decided = await decided_text(context, report)
    effects = [edit_text(card.chat_id, card.message_id, decided)
               for card in await context.store.take_report_cards(report.id, LAPORAN)]  # fmt: skip
    if report.group_chat_id is not None and report.group_message_id is not None:
        group = await group_card_text(context, report)
        effects.append(edit_text(report.group_chat_id, report.group_message_id, group))
    if report.reporter_id:  # 0: the reporter erased their data
        values = await card_values(context, report)
        notice = context.texts.render(_NOTICES[report.status], **values)
        effects.append(text_message(report.reporter_id, notice, _notice_markup(report)))
    return effects


def _notice_markup(report: Report) -> InlineKeyboardMarkup:
    """A report sent back: "Perbaiki laporan"; a verified one: "Bagikan ke jaringan"."""
    if report.status == ReportStatus.FIX:
        return keyboards.fix_keyboard(report.id)
    return share_offer_markup(report.id)


def decision_key(report: Report) -> str:
    """The outbox key of a decision's effects (a report corrected is decided again)."""
    assert report.decision is not None
    return f"impl:{report.id}@{report.decision.at:%Y%m%dT%H%M%S%f}"

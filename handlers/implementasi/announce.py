"""A sent report is announced: a short card in the KIM group (edited, not repeated, when a
corrected report is sent again), and the whole report with its photos in the Diskominfo desk
(or, without one, to each configured admin) with the desk's three buttons.
"""

from __future__ import annotations

from telegram import InputMediaPhoto
from telegram.error import Forbidden, TelegramError

from bot.context import BotContext
from bot.errors import report_failure, reported
from bot.models.implementasi import Report, ReportCard
from handlers.implementasi import keyboards
from handlers.implementasi.cards import LAPORAN, desk_targets, group_card_text, report_card_text


async def announce(context: BotContext, report: Report) -> bool:
    """Show a sent report in its group and at the desk; False when no desk chat got it."""
    await _group_card(context, report)
    delivered = False
    for chat_id in desk_targets(context):
        delivered = await _to_desk(context, chat_id, report) or delivered
    return delivered


async def _group_card(context: BotContext, report: Report) -> None:
    """Post the report's short card in the KIM group, or show the corrected report on it."""
    kim = await context.store.get_kim(report.kim_id)
    if kim is None or kim.chat_id is None:
        return
    text = await group_card_text(context, report)
    if report.group_chat_id is not None and report.group_message_id is not None:
        async with reported(context, f"kartu grup laporan #{report.id}"):
            await context.bot.edit_message_text(text, report.group_chat_id,
                                                report.group_message_id)  # fmt: skip
        return
    async with reported(context, f"kartu grup laporan #{report.id}"):
        sent = await context.bot.send_message(kim.chat_id, text)
        await context.store.set_report_group_card(report.id, sent.chat_id, sent.message_id)


async def _to_desk(context: BotContext, chat_id: int, report: Report) -> bool:
    """The photos, then the card with the buttons; False when the card did not arrive."""
    await _send_photos(context, chat_id, report)
    text = await report_card_text(context, report)
    try:
        sent = await context.bot.send_message(
            chat_id, text, reply_markup=keyboards.desk_keyboard(report.id)
        )
    except TelegramError as error:
        # An admin who never opened the bot is expected; a desk that refuses is not.
        if not (isinstance(error, Forbidden) and chat_id != context.config.desk_chat_id):
            await report_failure(context, error, f"kartu laporan implementasi #{report.id}")
        return False
    card = ReportCard(sent.chat_id, sent.message_id)
    await context.store.remember_report_card(report.id, LAPORAN, card, context.config.clock())
    return True


async def _send_photos(context: BotContext, chat_id: int, report: Report) -> None:
    """The evidence above the card: one photo, or an album of them."""
    if not report.photos:
        return
    caption = context.texts.render("implementasi/photos_caption", report=report)
    async with reported(context, f"foto laporan implementasi #{report.id}"):
        if len(report.photos) == 1:
            await context.bot.send_photo(chat_id, report.photos[0], caption=caption)
            return
        album = [InputMediaPhoto(file_id, caption=caption if index == 0 else None)
                 for index, file_id in enumerate(report.photos)]  # fmt: skip
        await context.bot.send_media_group(chat_id, album)

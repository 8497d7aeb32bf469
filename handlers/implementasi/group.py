"""/implementasi in a KIM group: with a title a member starts a report, which goes on in their
private chat (the group is not flooded); without one it lists the KIM's reports and their
status, a page at a time (impl:hal:<page>).
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.implementasi import MAX_TITLE, MIN_TITLE
from bot.models.registrasi import Kim, KimStatus
from bot.user_text import clean, clean_text
from handlers.common.pager import PER_PAGE, Page, keyboard, page_number, page_text, show
from handlers.common.replies import answer, message_text, person_name, reply
from handlers.implementasi import callbacks as cb
from handlers.implementasi import keyboards, labels
from handlers.implementasi.draft import DRAFT, ImplDraft

DEEP_LINK = "impl_{kim_id}"  # the /start payload that opens the report in private


async def kim_of_group(update: Update, context: BotContext) -> Kim | None:
    """The verified KIM of this group; explains what is missing when there is none."""
    chat = update.effective_chat
    assert chat is not None
    kim = await context.store.kim_by_chat(chat.id)
    if kim is None:
        await reply(update, context, "implementasi/not_kim")
        return None
    if kim.status != KimStatus.VERIFIED:
        await reply(update, context, "implementasi/not_verified", kim=kim)
        return None
    return kim


async def start_in_group(update: Update, context: BotContext) -> None:
    """/implementasi [judul] in a group: start a member's report, or list the KIM's reports."""
    kim = await kim_of_group(update, context)
    if kim is None:
        return
    parts = message_text(update).split(maxsplit=1)
    typed = parts[1] if len(parts) > 1 else ""
    if not typed:
        await list_reports(update, context, kim)
        return
    user = update.effective_user
    assert user is not None
    member_of = await context.store.kim_of_member(user.id)
    if member_of is None or member_of.id != kim.id:
        await reply(update, context, "implementasi/not_member", kim=kim)
        return
    judul = clean_text(typed, MAX_TITLE, min_len=MIN_TITLE)
    if judul is None:
        await reply(update, context, "implementasi/bad_title", length=len(clean(typed)),
                    min_title=MIN_TITLE, max_title=MAX_TITLE)  # fmt: skip
        return
    earlier = DRAFT.load(context)
    DRAFT.save(context, ImplDraft(kim_id=kim.id, judul=judul))
    url = f"https://t.me/{context.bot.username}?start={DEEP_LINK.format(kim_id=kim.id)}"
    replaced = earlier.judul if earlier.judul != judul else None  # an unsent draft is replaced
    await reply(update, context, "implementasi/continue_private", keyboards.continue_keyboard(url),
                name=person_name(update), judul=judul, replaced=replaced)  # fmt: skip


async def list_reports(update: Update, context: BotContext, kim: Kim) -> None:
    """The KIM's reports with their status, the latest first, a page at a time."""
    total = await context.store.count_kim_reports(kim.id)
    page = Page.of(page_number(update, cb.REPORTS_PAGE), total)
    reports = await context.store.kim_reports(kim.id, PER_PAGE, page.offset)
    rows = [
        context.texts.render(
            "implementasi/report_row",
            report=report,
            number=number,
            status=labels.STATUS[report.status.value],
        )
        for number, report in enumerate(reports, start=page.first)
    ]
    text = page_text(context.texts, "implementasi/reports", rows, page=page, kim=kim)
    await show(update, context, text, keyboard(page, cb.REPORTS_PAGE))


async def turn_reports_page(update: Update, context: BotContext) -> None:
    """‹ › on the list of a KIM's reports: the page, edited in place."""
    chat = update.effective_chat
    assert chat is not None
    kim = await context.store.kim_by_chat(chat.id)
    await answer(update)
    if kim is not None:
        await list_reports(update, context, kim)

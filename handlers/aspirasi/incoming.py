"""/aspirasi_masuk: the open tickets by age, oldest first, for the desk (all of them) and for
an OPD's group (those forwarded to it); ten a page (aspm:hal:<page>), each with a button
that opens its card with the lifecycle buttons (aspm:buka:<id>).
"""

from __future__ import annotations

from markupsafe import Markup
from telegram import Update

from bot.context import BotContext
from handlers.aspirasi import callbacks as cb
from handlers.aspirasi import desk_keyboards, labels
from handlers.aspirasi.access import may_list
from handlers.aspirasi.cards import card_markup, card_text, excerpt
from handlers.aspirasi.desk import pressed_ticket
from handlers.aspirasi.services import now
from handlers.common.pager import Page, keyboard, page_number, page_text, show
from handlers.common.replies import alert, answer, reply

ROW_TEXT = 80  # of each ticket's text, what a row of the list shows


async def list_incoming(update: Update, context: BotContext) -> None:
    """/aspirasi_masuk and its ‹ ›: a page of open tickets, oldest first."""
    allowed, opd_id = await may_list(update, context)
    if not allowed:
        if update.callback_query:
            await alert(update, context, "aspirasi/meja/list_refused")
        else:
            await reply(update, context, "aspirasi/meja/list_refused")
        return
    await answer(update)
    total = await context.store.count_open_aspirations(opd_id)
    page = Page.of(page_number(update, cb.INCOMING_PAGE), total)
    tickets = await context.store.open_aspirations(page.size, page.offset, opd_id)
    moment = now(context)
    rows = [
        context.texts.render("aspirasi/meja/incoming_row", asp=a, days=(moment - a.created_at).days,
                             status=labels.STATUSES[a.status], overdue=a.due_at < moment,
                             category=labels.CATEGORIES[a.category], isi=excerpt(a.text, ROW_TEXT))
        for a in tickets
    ]  # fmt: skip
    text = page_text(context.texts, "aspirasi/meja/incoming", rows, page=page)
    buttons = desk_keyboards.open_keyboard(tickets)
    await show(update, context, text, keyboard(page, cb.INCOMING_PAGE, above=buttons))


async def open_card(update: Update, context: BotContext) -> None:
    """Buka ASP-…: the ticket's card with its buttons, here; kept to show later changes."""
    aspiration = await pressed_ticket(update, context, cb.OPEN)
    if aspiration is None:
        return
    await answer(update)
    chat = update.effective_chat
    assert chat is not None
    markup = card_markup(context, aspiration, chat.id)
    text = Markup(await card_text(context, aspiration))
    sent = await reply(update, context, "common/prepared", markup, html=text)
    await context.store.remember_aspiration_card(aspiration.id, chat.id, sent.message_id)

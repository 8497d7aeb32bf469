"""What a citizen asks about their aspirations.

/status KODE — the ticket and its full history, for the person who filed it (admins may look
up any); someone else's code answers exactly like an unknown one, so codes cannot be probed.
/aspirasiku — one's own tickets, newest first, ten a page (aspw:hal:<page>).
"""

from __future__ import annotations

from markupsafe import Markup
from telegram import Update

from bot.context import BotContext
from bot.models.aspirasi import Aspiration, Event, parse_code
from bot.models.people import Role
from handlers.aspirasi import callbacks as cb
from handlers.aspirasi import labels
from handlers.aspirasi.cards import excerpt, role_label
from handlers.aspirasi.services import opds
from handlers.common.access import has_role, is_group
from handlers.common.pager import Page, keyboard, page_number, page_text, show
from handlers.common.replies import alert, answer, reply

STATUS_TEXT = 300  # the aspiration's own text, as /status recalls it
HISTORY_NOTE = 600  # each note in the history (the pager cuts further to fit)


async def show_status(update: Update, context: BotContext) -> None:
    """/status KODE: the ticket and its history, for its reporter (or an admin)."""
    user = update.effective_user
    assert user is not None
    admin = await has_role(context, user.id, Role.ADMIN)
    if is_group(update) and not admin:
        await reply(update, context, "aspirasi/status_private")
        return
    typed = " ".join(context.args or ())
    if not typed:
        await reply(update, context, "aspirasi/status_usage")
        return
    code = parse_code(typed)
    if code is None:
        await reply(update, context, "aspirasi/status_malformed", typed=typed[:40])
        return
    aspiration = await context.store.aspiration_by_code(code)
    if aspiration is None or not (admin or aspiration.reporter_id == user.id):
        await reply(update, context, "aspirasi/status_unknown", code=code)
        return
    await reply(
        update, context, "common/prepared", html=Markup(await status_text(context, aspiration))
    )


async def status_text(context: BotContext, aspiration: Aspiration) -> str:
    """The ticket with every change in its history, fitted to one message."""
    events = await context.store.aspiration_events(aspiration.id)
    rows = [_history_row(context, event) for event in events]
    opd = opds(context).get(aspiration.opd_id) if aspiration.opd_id else None
    return page_text(
        context.texts, "aspirasi/status", rows, asp=aspiration,
        category=labels.CATEGORIES[aspiration.category],
        status=labels.STATUSES[aspiration.status], isi=excerpt(aspiration.text, STATUS_TEXT),
        opd_name=opd.name if opd else aspiration.opd_id,
    )  # fmt: skip


def _history_row(context: BotContext, event: Event) -> str:
    opd = opds(context).get(event.opd_id) if event.opd_id else None
    return context.texts.render(
        "aspirasi/history_row", event=event, by=role_label(context, event),
        status=labels.STATUSES[event.status] if event.status else None,
        catatan=excerpt(event.note, HISTORY_NOTE), opd_name=opd.name if opd else event.opd_id,
    )  # fmt: skip


async def list_mine(update: Update, context: BotContext) -> None:
    """/aspirasiku and its ‹ ›: one's own tickets, newest first."""
    user = update.effective_user
    assert user is not None
    if is_group(update):
        if update.callback_query:
            await alert(update, context, "aspirasi/status_private")
        else:
            await reply(update, context, "aspirasi/status_private")
        return
    await answer(update)
    total = await context.store.count_aspirations_of(user.id)
    page = Page.of(page_number(update, cb.MINE_PAGE), total)
    mine = await context.store.aspirations_of(user.id, page.size, page.offset)
    rows = [
        context.texts.render("aspirasi/mine_row", asp=a, status=labels.STATUSES[a.status],
                             isi=excerpt(a.text, 80))
        for a in mine
    ]  # fmt: skip
    text = page_text(context.texts, "aspirasi/mine", rows, page=page)
    await show(update, context, text, keyboard(page, cb.MINE_PAGE))

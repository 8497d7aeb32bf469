"""/agenda (private or group): the upcoming events a reader sees, the soonest first, a page at
a time (agd:hal:<page>). In a KIM group: the events of that KIM (everyone's, its kecamatan's,
its own); in private: a Diskominfo admin sees all, a KIM member their KIM's, anyone else the
events for every KIM. /agenda tambah adds one (agenda_add.py).
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.people import Role
from bot.models.registrasi import Kim, KimStatus
from broadcasts.jaringan.agenda import audience
from handlers.common.access import has_role, is_group
from handlers.common.pager import PER_PAGE, Page, keyboard, page_number, page_text, show
from handlers.common.replies import answer
from handlers.jaringan import callbacks as cb
from handlers.jaringan import labels


async def reader(update: Update, context: BotContext) -> tuple[Kim | None, bool]:
    """(the KIM whose events the reader sees, whether they see every event)."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    assert user is not None
    if is_group(update):
        kim = await context.store.kim_by_chat(chat.id)
        return (kim if kim is not None and kim.status == KimStatus.VERIFIED else None), False
    if await has_role(context, user.id, Role.ADMIN):
        return None, True
    kim = await context.store.kim_of_member(user.id)
    return (kim if kim is not None and kim.status == KimStatus.VERIFIED else None), False


async def list_agenda(update: Update, context: BotContext) -> None:
    """One page of the upcoming events (the command, or its ‹ › edited in place)."""
    await answer(update)
    kim, everything = await reader(update, context)
    now = context.config.clock()
    total = await context.store.count_upcoming_agenda(now, kim, everything)
    page = Page.of(page_number(update, cb.AGENDA_PAGE), total)
    events = await context.store.upcoming_agenda(now, kim, everything, PER_PAGE, page.offset)
    rows = [
        context.texts.render(
            "jaringan/agenda_row", agenda=agenda, number=number,
            jenis=labels.AGENDA_KINDS[agenda.jenis.value],
            audience=audience(context.region, agenda),
        )
        for number, agenda in enumerate(events, start=page.first)
    ]  # fmt: skip
    text = page_text(context.texts, "jaringan/agenda", rows, page=page, kim=kim,
                     is_admin=everything)  # fmt: skip
    await show(update, context, text, keyboard(page, cb.AGENDA_PAGE))

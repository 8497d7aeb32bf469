"""Personal data: /dataku shows a person everything the bot keeps about them (UU 27/2022's
right of access; /hapusdata is the right of erasure). Private chat only; the tickets are
paged (dataku:hal:<page>), each page under Telegram's 4096 characters.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from handlers.common.pager import Page, keyboard, page_number, page_text, show
from handlers.common.replies import answer, reply
from handlers.umum import callbacks as cb

CONFIGURED_ADMIN = "admin (konfigurasi)"


async def show_my_data(update: Update, context: BotContext) -> None:
    """/dataku and its ‹ ›: the name as kept, KIM membership, roles, then the tickets."""
    await answer(update)
    user, chat = update.effective_user, update.effective_chat
    assert user is not None
    assert chat is not None
    if chat.type != chat.PRIVATE:
        await reply(update, context, "umum/privacy/private_only")
        return
    total = await context.store.count_aspirations_of(user.id)
    page = Page.of(page_number(update, cb.MY_DATA_PAGE), total)
    tickets = await context.store.aspirations_of(user.id, page.size, page.offset)
    rows = [context.texts.render("umum/privacy/my_data_row", asp=t) for t in tickets]
    values = await _about(context, user.id)
    text = page_text(context.texts, "umum/privacy/my_data", rows, page=page, **values)
    await show(update, context, text, keyboard(page, cb.MY_DATA_PAGE))


async def _about(context: BotContext, user_id: int) -> dict[str, Any]:
    """What is kept about the person besides their tickets."""
    store = context.store
    seen = await store.person_seen(user_id)
    kim = await store.kim_of_member(user_id)
    members = await store.list_members(kim.id) if kim else []
    roles = {role.value for role in await store.roles_of(user_id)}
    if user_id in context.config.admin_ids:
        roles.add(CONFIGURED_ADMIN)
    return {"person": seen[0] if seen else None, "at": seen[1] if seen else None, "kim": kim,
            "member": next((m for m in members if m.user_id == user_id), None),
            "my_roles": sorted(roles),
            "reports": await store.count_reports_by(user_id)}  # fmt: skip

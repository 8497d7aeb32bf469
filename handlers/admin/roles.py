"""Diskominfo roles and the people the bot knows.

/peran (admins only, private or desk): list roles a page at a time (peran:hal:<page>);
`/peran beri <@username|id> penyiar|kurator` grants, `/peran cabut …` revokes. Admins come
from KIM_ADMIN_IDS and cannot be revoked here.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.people import Role
from bot.user_text import clean
from handlers.admin import callbacks as cb
from handlers.admin import labels
from handlers.common.access import has_role
from handlers.common.menu import publish_staff_menu
from handlers.common.pager import Page, keyboard, page_number, page_text, show
from handlers.common.replies import alert, answer, reply

PER_PAGE = 20


async def manage_roles(update: Update, context: BotContext) -> None:
    """List, grant or revoke the broadcaster and curator roles (admins only)."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await reply(update, context, "common/not_admin")
        return
    args = [clean(a).lower() for a in (context.args or [])]
    if not args:
        await _show_roles(update, context)
        return
    if (
        len(args) != 3
        or args[0] not in (*labels.GRANT_WORDS, *labels.REVOKE_WORDS)
        or args[2] not in labels.ROLE_BY_WORD
    ):
        await reply(update, context, "admin/peran_usage")
        return
    person = await context.store.find_person(args[1])
    if person is None:
        await reply(update, context, "admin/peran_unknown", handle=args[1][:64])
        return
    role = Role(labels.ROLE_BY_WORD[args[2]])
    if args[0] in labels.GRANT_WORDS:
        changed = await context.store.grant_role(person.user_id, role, user.id)
    else:
        changed = await context.store.revoke_role(person.user_id, role)
    if changed and person.user_id not in context.config.admin_ids:
        roles = {r.value for r in await context.store.roles_of(person.user_id)}
        await publish_staff_menu(context.bot, person.user_id, roles)
    await reply(
        update,
        context,
        "admin/peran_done",
        grant=args[0] in labels.GRANT_WORDS,
        changed=changed,
        person=person,
        role=labels.ROLE_NAMES[role],
    )


async def turn_roles_page(update: Update, context: BotContext) -> None:
    """‹ › under the list of roles: show another page (admins only)."""
    user = update.effective_user
    if user is None or not await has_role(context, user.id, Role.ADMIN):
        await alert(update, context, "common/not_admin_alert")
        return
    await answer(update)
    await _show_roles(update, context)


async def _show_roles(update: Update, context: BotContext) -> None:
    """The configured admins, then every grant, a page at a time."""
    grants = await context.store.list_roles()
    holders = [*sorted(context.config.admin_ids), *grants]
    page = Page.of(page_number(update, cb.ROLES_PAGE), len(holders), PER_PAGE)
    rows = [
        context.texts.render("admin/peran_row", holder=h, names=labels.ROLE_NAMES)
        for h in page.rows(holders)
    ]
    text = page_text(context.texts, "admin/peran_list", rows, page=page, granted=len(grants))
    await show(update, context, text, keyboard(page, cb.ROLES_PAGE))

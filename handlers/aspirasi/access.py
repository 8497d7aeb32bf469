"""Who may move a ticket: Diskominfo's admins anywhere, and the OPD it was forwarded to, from
its own group. Everyone else pressing a card's button is told so, and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update

from bot.context import BotContext
from bot.models.aspirasi import Aspiration
from bot.models.people import Role
from handlers.aspirasi.services import opd_of_chat
from handlers.common.access import has_role
from handlers.common.replies import alert


@dataclass(frozen=True)
class Actor:
    """Who acts on a ticket: Diskominfo (an admin) or the assigned OPD (from its group)."""

    role: str  # "diskominfo" or "opd", as the ticket's history records it
    user_id: int
    opd_id: str | None = None


async def actor_for(update: Update, context: BotContext, aspiration: Aspiration) -> Actor | None:
    """The presser as an actor on this ticket; None (with a pop-up saying why) if they may not."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None
    assert chat is not None
    if await has_role(context, user.id, Role.ADMIN):
        return Actor("diskominfo", user.id)
    opd = opd_of_chat(context, chat.id)
    if opd is not None and opd.id == aspiration.opd_id:
        return Actor("opd", user.id, opd.id)
    template = "aspirasi/meja/other_opd" if opd is not None else "aspirasi/meja/not_allowed"
    await alert(update, context, template, code=aspiration.code)
    return None


async def may_list(update: Update, context: BotContext) -> tuple[bool, str | None]:
    """Whether the sender may see open tickets, and of which OPD (None: all, for admins)."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None
    assert chat is not None
    if await has_role(context, user.id, Role.ADMIN):
        return True, None
    opd = opd_of_chat(context, chat.id)
    return (True, opd.id) if opd is not None else (False, None)

"""Start, help, cancel, and remembering who talks to the bot.

Commands: /start (private welcome, shows the user's id), /bantuan (help for the chat and
the user's roles), /batal (leave whatever conversation is running; also the global
fallback when none is).
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.people import Role
from bot.user_text import clean
from handlers.common.access import has_role, is_group
from handlers.common.replies import NAME_LIMIT, reply


async def show_start(update: Update, context: BotContext) -> None:
    """Welcome a person in private chat and explain what the bot does."""
    user = update.effective_user
    assert user is not None
    kim = await context.store.kim_of_member(user.id)
    await reply(
        update,
        context,
        "umum/welcome",
        user=user,
        kim=kim,
        is_staff=await has_role(context, user.id, Role.BROADCASTER),
    )


async def show_help(update: Update, context: BotContext) -> None:
    """Explain the commands that fit this chat and this person."""
    user = update.effective_user
    assert user is not None
    in_group = is_group(update)
    kim = (
        await context.store.kim_by_chat(update.effective_chat.id)
        if in_group and update.effective_chat
        else None
    )
    await reply(
        update,
        context,
        "umum/help",
        in_group=in_group,
        kim=kim,
        is_admin=await has_role(context, user.id, Role.ADMIN),
        is_broadcaster=await has_role(context, user.id, Role.BROADCASTER),
        is_curator=await has_role(context, user.id, Role.CURATOR),
    )


async def cancel_nothing(update: Update, context: BotContext) -> None:
    """Answer /batal when no conversation is running."""
    await reply(update, context, "common/nothing_to_cancel")


async def remember_person(update: Update, context: BotContext) -> None:
    """Keep the name a person uses (so /peran can find them by @username)."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    name = clean(user.first_name)[:NAME_LIMIT] or str(user.id)
    await context.store.touch_person(user.id, name, user.username)

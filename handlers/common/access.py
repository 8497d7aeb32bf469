"""Who may do what: group chats, group admins (asked of Telegram), Diskominfo roles."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from bot.config import Config
from bot.context import BotContext
from bot.models.people import Role
from bot.store import Store

ADMIN_STATUSES = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


def is_group(update: Update) -> bool:
    """Whether the update comes from a group or supergroup."""
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


async def is_group_admin(context: BotContext, chat_id: int, user_id: int) -> bool:
    """Whether the user administers the group (asks Telegram, which is the authority)."""
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError:
        return False
    return member.status in ADMIN_STATUSES


async def has_role(context: BotContext, user_id: int, role: Role) -> bool:
    """Whether the user holds a Diskominfo role; configured and stored admins hold every role."""
    if user_id in context.config.admin_ids:
        return True
    roles = await context.store.roles_of(user_id)
    return Role.ADMIN in roles or role in roles


async def anyone_verifies(config: Config, store: Store) -> bool:
    """Whether anybody may verify KIMs: an admin in KIM_ADMIN_IDS, or one in the database."""
    if config.admin_ids:
        return True
    return any(grant.role == Role.ADMIN for grant in await store.list_roles())

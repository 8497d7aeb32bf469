"""Publish the command menu per scope with setMyCommands."""

from __future__ import annotations

import logging

from telegram import (
    Bot,
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import TelegramError

from bot.context import KimApplication, services_of
from handlers.common import labels

log = logging.getLogger(__name__)


def _commands(pairs: tuple[tuple[str, str], ...]) -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in pairs]


def staff_menu(roles: set[str]) -> tuple[tuple[str, str], ...]:
    """The private menu of a Diskominfo staff member with these roles."""
    if "admin" in roles:
        return (*labels.PRIVATE_COMMANDS, *labels.DISKOMINFO_COMMANDS)
    allowed = {name for role in roles for name in labels.ROLE_COMMANDS.get(role, ())}
    staff = tuple(pair for pair in labels.DISKOMINFO_COMMANDS if pair[0] in allowed)
    return (*labels.PRIVATE_COMMANDS, *staff)


async def publish_staff_menu(app_bot: Bot, user_id: int, roles: set[str]) -> None:
    """Refresh one person's private menu after their roles changed."""
    scope = BotCommandScopeChat(user_id)
    try:
        if roles:
            await app_bot.set_my_commands(_commands(staff_menu(roles)), scope=scope)
        else:
            await app_bot.delete_my_commands(scope=scope)
    except TelegramError as error:  # they never opened a chat with the bot: nothing to show
        log.info("Menu untuk %s tidak diperbarui: %s", user_id, error)


async def publish_commands(app: KimApplication) -> None:
    """Set the menu for private chats, groups, group admins, the desk and each admin."""
    config = services_of(app).config
    scopes: list[tuple[BotCommandScope, tuple[tuple[str, str], ...]]] = [
        (BotCommandScopeAllPrivateChats(), labels.PRIVATE_COMMANDS),
        (BotCommandScopeAllGroupChats(), labels.GROUP_COMMANDS),
        (BotCommandScopeAllChatAdministrators(), labels.GROUP_ADMIN_COMMANDS),
    ]
    diskominfo = (*labels.PRIVATE_COMMANDS, *labels.DISKOMINFO_COMMANDS)
    if config.desk_chat_id is not None:
        scopes.append((BotCommandScopeChat(config.desk_chat_id), labels.DISKOMINFO_COMMANDS))
    scopes.extend((BotCommandScopeChat(admin), diskominfo) for admin in sorted(config.admin_ids))
    holders: dict[int, set[str]] = {}
    for grant in await services_of(app).store.list_roles():
        holders.setdefault(grant.user_id, set()).add(grant.role.value)
    scopes.extend(
        (BotCommandScopeChat(user_id), staff_menu(roles))
        for user_id, roles in holders.items()
        if user_id not in config.admin_ids
    )
    for scope, pairs in scopes:
        try:
            await app.bot.set_my_commands(_commands(pairs), scope=scope)
        except TelegramError as error:  # e.g. an admin who never opened a chat with the bot
            log.warning("setMyCommands gagal untuk %s: %s", scope.type, error)

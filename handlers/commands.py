"""Publish the command menu per scope with setMyCommands."""

from __future__ import annotations

import logging

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import TelegramError

from bot.context import CONFIG_KEY, KimApplication
from handlers import labels

log = logging.getLogger(__name__)


def _commands(pairs: tuple[tuple[str, str], ...]) -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in pairs]


async def publish_commands(app: KimApplication) -> None:
    """Set the menu for private chats, groups, group admins, the desk and each admin."""
    config = app.bot_data[CONFIG_KEY]
    scopes: list[tuple[BotCommandScope, tuple[tuple[str, str], ...]]] = [
        (BotCommandScopeAllPrivateChats(), labels.PRIVATE_COMMANDS),
        (BotCommandScopeAllGroupChats(), labels.GROUP_COMMANDS),
        (BotCommandScopeAllChatAdministrators(), labels.GROUP_ADMIN_COMMANDS),
    ]
    diskominfo = (*labels.PRIVATE_COMMANDS, *labels.DISKOMINFO_COMMANDS)
    if config.desk_chat_id is not None:
        scopes.append((BotCommandScopeChat(config.desk_chat_id), labels.DISKOMINFO_COMMANDS))
    scopes.extend((BotCommandScopeChat(admin), diskominfo) for admin in sorted(config.admin_ids))
    for scope, pairs in scopes:
        try:
            await app.bot.set_my_commands(_commands(pairs), scope=scope)
        except TelegramError as error:  # e.g. an admin who never opened a chat with the bot
            log.warning("setMyCommands gagal untuk %s: %s", scope.type, error)

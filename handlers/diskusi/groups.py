"""Who and where: the KIM of a group, what the bot may do and see there, and telling people
(a reply to a command, a pop-up to a button)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from telegram import Chat, ChatMemberAdministrator, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from bot.context import BotContext
from bot.models.registrasi import Kim, KimStatus
from handlers.common.access import ADMIN_STATUSES, is_group
from handlers.common.replies import alert, message_text, reply

_COMMAND = re.compile(r"^/\S*\s*")


@dataclass(frozen=True)
class Reach:
    """What the bot may do and see in a group, as Telegram says now."""

    forum: bool  # the group has topics
    topics: bool  # the bot may create and close topics (admin with "Kelola topik")
    sees_all: bool  # every message reaches it (admin, or privacy mode off)


async def reach_of(context: BotContext, chat: Chat) -> Reach:
    """Ask Telegram what the bot may do in `chat` (a refusal counts as no rights)."""
    try:
        member = await context.bot.get_chat_member(chat.id, context.bot.id)
    except TelegramError:
        member = None
    status = member.status if member else ChatMemberStatus.LEFT
    manages = status == ChatMemberStatus.OWNER or (
        isinstance(member, ChatMemberAdministrator) and bool(member.can_manage_topics)
    )
    privacy_off = bool(context.bot.can_read_all_group_messages)
    forum = bool(chat.is_forum)
    return Reach(forum, forum and manages, status in ADMIN_STATUSES or privacy_off)


async def tell(update: Update, context: BotContext, template: str, **values: Any) -> None:
    """Say it: in a pop-up after a button press, else as a reply."""
    if update.callback_query is not None:
        await alert(update, context, template, **values)
    else:
        await reply(update, context, template, **values)


async def kim_of_group(update: Update, context: BotContext) -> Kim | None:
    """The verified KIM of the update's group; None after saying why there is none."""
    chat = update.effective_chat
    if chat is None or not is_group(update):
        await tell(update, context, "diskusi/group_only")
        return None
    kim = await context.store.kim_by_chat(chat.id)
    if kim is None or kim.status == KimStatus.REJECTED:
        await tell(update, context, "diskusi/not_kim")
        return None
    if kim.status != KimStatus.VERIFIED:
        await tell(update, context, "diskusi/kim_pending", kim=kim)
        return None
    return kim


def thread_of(update: Update) -> int | None:
    """The forum topic the update happened in (None: General, or no forum)."""
    message = update.effective_message
    return message.message_thread_id if message and message.is_topic_message else None


def after_command(update: Update) -> str:
    """What was typed after the command (/diskusi@bot …), cleaned, lines kept."""
    return _COMMAND.sub("", message_text(update), count=1)

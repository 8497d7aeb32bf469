"""Helpers shared by the activity modules: permission checks and replies from templates."""

from __future__ import annotations

import html
from typing import Any

from telegram import ForceReply, InlineKeyboardMarkup, Message, ReplyKeyboardRemove, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.models import Role

ADMIN_STATUSES = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
Markup = InlineKeyboardMarkup | ForceReply | ReplyKeyboardRemove | None


async def reply(
    update: Update, context: BotContext, template: str, markup: Markup = None, **values: Any
) -> Message:
    """Render a template and send it to the chat of the update, as a reply where possible."""
    message = update.effective_message
    chat = update.effective_chat
    assert chat is not None
    text = context.texts.render(template, **values)
    reply_to = message.message_id if message and not update.callback_query else None
    if isinstance(markup, ForceReply) and reply_to is None and update.effective_user:
        # After a button press there is no message to reply to: mention the presser, so that
        # the selective ForceReply opens the reply field for them (and only them).
        text = f"{context.texts.render('common/mention', user=update.effective_user)} {text}"
    return await context.bot.send_message(
        chat.id,
        text,
        reply_markup=markup,
        reply_to_message_id=reply_to,
        allow_sending_without_reply=True,
        message_thread_id=message.message_thread_id
        if message and message.is_topic_message
        else None,
    )


def ask_text(placeholder: str) -> ForceReply:
    """Ask for typed text: in groups with privacy mode on, only replies reach the bot."""
    return ForceReply(selective=True, input_field_placeholder=placeholder[:64])


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


async def answer(update: Update, text: str | None = None, alert: bool = False) -> None:
    """Answer a button press (always, so the phone stops its spinner)."""
    if update.callback_query:
        await update.callback_query.answer(text, show_alert=alert)


def person_name(update: Update) -> str:
    """The first name (and last name) of whoever sent the update."""
    user = update.effective_user
    assert user is not None
    return user.full_name[:64]


def callback_data(update: Update) -> str:
    """The data of the pressed button, or an empty string."""
    query = update.callback_query
    return query.data if query and isinstance(query.data, str) else ""


def message_text(update: Update) -> str:
    """The text of the message (stripped), or an empty string."""
    message = update.effective_message
    return (message.text or "").strip() if message else ""


def scratch(context: BotContext, key: str) -> dict[str, Any]:
    """A conversation's scratch data for the current user (created empty when missing)."""
    assert context.user_data is not None
    data: dict[str, Any] = context.user_data.setdefault(key, {})
    return data


def end_scratch(context: BotContext, key: str) -> int:
    """Forget a conversation's scratch data and end the conversation."""
    if context.user_data is not None:
        context.user_data.pop(key, None)
    return ConversationHandler.END


async def alert(update: Update, context: BotContext, template: str, **values: Any) -> None:
    """Answer a button press with a pop-up rendered from a template (plain text)."""
    text = html.unescape(context.texts.render(template, **values))
    await answer(update, text[:200], alert=True)


async def close_buttons(
    update: Update, context: BotContext, label: str | None = None, value: str = ""
) -> None:
    """Remove the pressed message's buttons; with a label, show the choice made instead."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    if label:
        note = context.texts.render("common/chosen", label=label, value=value)
        await query.edit_message_text(note)
    else:
        await query.edit_message_reply_markup(None)

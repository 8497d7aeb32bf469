"""Replies from templates: messages, reply-field prompts, button answers and pop-ups."""

from __future__ import annotations

import contextlib
import html
from typing import Any

from telegram import (
    CallbackQuery,
    ForceReply,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import BadRequest, TelegramError

from bot.context import BotContext
from bot.telegram_length import TELEGRAM_LIMIT, split_html, visible_length
from bot.user_text import clean

# Presses answered lately, oldest first (a press is answered within seconds of arriving).
_ANSWERED: dict[str, CallbackQuery] = {}
_ANSWERED_KEPT = 1000
POPUP_LIMIT = 200  # Telegram's limit for answerCallbackQuery text
NAME_LIMIT = 64  # Telegram's own limit for a first name
Markup = InlineKeyboardMarkup | ForceReply | ReplyKeyboardMarkup | ReplyKeyboardRemove | None


async def reply(
    update: Update, context: BotContext, template: str, markup: Markup = None, **values: Any
) -> Message:
    """Render a template and send it to the chat of the update, as a reply where possible.

    A text over Telegram's limit (a long list) goes out in parts, the buttons under the last.
    """
    message = update.effective_message
    chat = update.effective_chat
    assert chat is not None
    text = context.texts.render(template, **values)
    reply_to = message.message_id if message and not update.callback_query else None
    if isinstance(markup, ForceReply) and reply_to is None and update.effective_user:
        # After a button press there is no message to reply to: mention the presser, so that
        # the selective ForceReply opens the reply field for them (and only them).
        text = f"{context.texts.render('common/mention', user=update.effective_user)} {text}"
    parts = split_html(text) if visible_length(text) > TELEGRAM_LIMIT else [text]
    thread = message.message_thread_id if message and message.is_topic_message else None
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        sent = await context.bot.send_message(
            chat.id,
            part,
            reply_markup=markup if last else None,
            reply_to_message_id=reply_to if index == 0 else None,
            allow_sending_without_reply=True,
            message_thread_id=thread,
        )
    return sent


def ask_text(placeholder: str) -> ForceReply:
    """Ask for typed text: in groups with privacy mode on, only replies reach the bot."""
    return ForceReply(selective=True, input_field_placeholder=placeholder[:64])


async def answer(update: Update) -> None:
    """Answer a button press without a note (always answer: the phone shows a spinner).

    A press is answered once: a second answer (say, a help button running a command that
    answers for itself) is skipped, as Telegram would refuse it.
    """
    query = update.callback_query
    if query and _first_answer(query):
        await _answer(query)


def _first_answer(query: CallbackQuery) -> bool:
    """Whether this press has not been answered yet (and note that it now is)."""
    # The very object, not only its id: ids are unique on Telegram, not in a test's emulator.
    if _ANSWERED.get(query.id) is query:
        return False
    _ANSWERED[query.id] = query
    if len(_ANSWERED) > _ANSWERED_KEPT:
        del _ANSWERED[next(iter(_ANSWERED))]
    return True


def person_name(update: Update) -> str:
    """The first name (and last name) of whoever sent the update, cleaned like typed text."""
    user = update.effective_user
    assert user is not None
    return clean(user.full_name)[:NAME_LIMIT] or str(user.id)


def callback_data(update: Update) -> str:
    """The data of the pressed button, or an empty string."""
    query = update.callback_query
    return query.data if query and isinstance(query.data, str) else ""


def message_text(update: Update) -> str:
    """The typed text, cleaned at the edge (invisible characters out, lines tidy), or ""."""
    message = update.effective_message
    return clean(message.text or "", multiline=True) if message else ""


async def alert(update: Update, context: BotContext, template: str, **values: Any) -> None:
    """Answer a button press with a pop-up box that must be closed (refusals, problems)."""
    await _popup(update, context, template, True, values)


async def toast(update: Update, context: BotContext, template: str, **values: Any) -> None:
    """Answer a button press with a short note that fades by itself (confirmations)."""
    await _popup(update, context, template, False, values)


async def _popup(
    update: Update, context: BotContext, template: str, box: bool, values: dict[str, Any]
) -> None:
    """Pop-ups are plain text of at most 200 characters: undo the template's HTML escaping."""
    query = update.callback_query
    if query and _first_answer(query):
        text = html.unescape(context.texts.render(template, **values))
        await _answer(query, text[:POPUP_LIMIT], show_alert=box)


async def open_link(update: Update, url: str) -> None:
    """Answer a button press by opening a t.me link: the bot's private chat with a /start
    payload (Telegram lets a press open only the bot's own links)."""
    query = update.callback_query
    if query and _first_answer(query):
        await _answer(query, url=url)


def start_link(context: BotContext, payload: str) -> str:
    """The t.me link that opens the private chat with the bot and sends /start <payload>."""
    return f"https://t.me/{context.bot.username}?start={payload}"


async def _answer(
    query: CallbackQuery, text: str | None = None, show_alert: bool = False, url: str | None = None
) -> None:
    """Answer a press; a press too old to answer (handled again after a restart) is let go:
    the spinner stopped long ago, and the step itself must still run."""
    try:
        if url is not None:
            await query.answer(url=url)
        elif text is None:
            await query.answer()
        else:
            await query.answer(text, show_alert=show_alert)
    except BadRequest as error:
        if (
            "query is too old" not in error.message.lower()
            and "query id is invalid" not in error.message.lower()
        ):
            raise


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


async def retire_buttons(update: Update, context: BotContext, template: str, **values: Any) -> None:
    """A button of a step that is over: say so in a box, and take the message's buttons away."""
    await alert(update, context, template, **values)
    await drop_keyboard(update)


async def drop_keyboard(update: Update) -> None:
    """Remove the pressed message's buttons, if it still can be edited."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    with contextlib.suppress(TelegramError):  # too old to edit, deleted, or already bare
        await query.edit_message_reply_markup(None)


async def drop_pressed_button(update: Update) -> None:
    """Take the pressed button off its message (the others stay): its action is done."""
    query = update.callback_query
    message = query.message if query else None
    if query is None or not isinstance(message, Message) or message.reply_markup is None:
        return
    rows = [[b for b in row if b.callback_data != query.data]
            for row in message.reply_markup.inline_keyboard]  # fmt: skip
    markup = InlineKeyboardMarkup([row for row in rows if row]) if any(rows) else None
    with contextlib.suppress(TelegramError):  # too old to edit, or deleted
        await query.edit_message_reply_markup(markup)

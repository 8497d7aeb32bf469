"""What no activity took: the answers that keep a person out of dead ends.

Private chat: free text, photos and unknown commands get a short help with buttons to the
main actions (menu:<command>, handlers/common/callbacks.py); free text is offered as an
aspiration, which handlers/aspirasi starts with that text filled in. Groups: /start answers in the
group; an unknown command (not one for another bot) points to /bantuan; any other message
is left alone. A button that no handler took is answered and its message's buttons removed.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.aspirasi import MIN_TEXT
from bot.models.people import Role
from handlers.common.access import has_role
from handlers.common.replies import message_text, reply, retire_buttons
from handlers.umum import labels
from handlers.umum.keyboards import help_keyboard

_STAFF = ((Role.ADMIN, labels.ADMIN), (Role.BROADCASTER, labels.BROADCASTER),
          (Role.CURATOR, labels.CURATOR))  # fmt: skip


async def show_short_help(update: Update, context: BotContext) -> None:
    """Free text or an unknown command in private: a short help with buttons; free text long
    enough to be an aspiration is offered as one ("Sampaikan sebagai aspirasi")."""
    user = update.effective_user
    assert user is not None
    staff = [pair for role, pairs in _STAFF if await has_role(context, user.id, role)
             for pair in pairs]  # fmt: skip
    command = _command(update)
    offer = command is None and len(message_text(update)) >= MIN_TEXT
    await reply(update, context, "umum/short_help", help_keyboard(staff, offer), command=command,
                offer=offer)  # fmt: skip


async def show_group_start(update: Update, context: BotContext) -> None:
    """/start in a group: say, in the group, what the bot does here."""
    chat = update.effective_chat
    assert chat is not None
    kim = await context.store.kim_by_chat(chat.id)
    await reply(update, context, "umum/group_start", kim=kim, title=chat.title)


async def answer_group_command(update: Update, context: BotContext) -> None:
    """An unknown command in a group: point to /bantuan (commands for other bots: nothing)."""
    chat = update.effective_chat
    command = _command(update)
    if chat is None or command is None or not _for_me(update, context.bot.username):
        return
    kim = await context.store.kim_by_chat(chat.id)
    await reply(update, context, "umum/group_unknown_command", command=command, kim=kim)


async def retire_button(update: Update, context: BotContext) -> None:
    """A button no handler took (its step is long over): answer it and remove the buttons."""
    await retire_buttons(update, context, "umum/stale_button")


def _command(update: Update) -> str | None:
    """The command a message starts with, without its @bot suffix (None: not a command)."""
    message = update.effective_message
    text = message.text if message and message.text else ""
    if not text.startswith("/"):
        return None
    return text.split(maxsplit=1)[0].partition("@")[0][:64]


def _for_me(update: Update, username: str) -> bool:
    """Whether a command names no bot, or this one (/cmd@this_bot)."""
    message = update.effective_message
    head = (message.text or "").split(maxsplit=1)[0] if message else ""
    _, at, name = head.partition("@")
    return not at or name.casefold() == username.casefold()

"""What happens to the group itself: the bot added or removed, a move to a supergroup.

The bot added → a greeting that explains /daftar (or welcomes a known KIM back).
The bot removed or kicked → the KIM is marked inactive; its data is kept.
A group that becomes a supergroup keeps its KIM under the new chat id.
"""

from __future__ import annotations

from telegram import ChatMemberUpdated, Update
from telegram.constants import ChatMemberStatus

from bot.context import BotContext

_IN = (
    ChatMemberStatus.MEMBER,
    ChatMemberStatus.ADMINISTRATOR,
    ChatMemberStatus.OWNER,
    ChatMemberStatus.RESTRICTED,
)


def _was_in(change: ChatMemberUpdated) -> tuple[bool, bool]:
    """Whether the bot was in the chat before and after the change."""
    old, new = change.old_chat_member, change.new_chat_member
    was = old.status in _IN and getattr(old, "is_member", True)
    now = new.status in _IN and getattr(new, "is_member", True)
    return was, now


async def track_bot_membership(update: Update, context: BotContext) -> None:
    """Greet a group that added the bot; mark a KIM inactive when the bot is removed."""
    change = update.my_chat_member
    if change is None:
        return
    chat = change.chat
    was, now = _was_in(change)
    if was == now:
        return
    if not now:
        await context.store.set_chat_active(chat.id, False)
        await context.store.set_kim_active(chat.id, False)
        return
    await context.store.upsert_chat(chat.id, chat.type, chat.title)
    if chat.type == chat.PRIVATE:
        return
    kim = await context.store.set_kim_active(chat.id, True)
    await context.bot.send_message(
        chat.id, context.texts.render("umum/group_welcome", kim=kim, title=chat.title)
    )


async def follow_migration(update: Update, context: BotContext) -> None:
    """Move the KIM to the supergroup's new chat id."""
    message = update.effective_message
    if message is None:
        return
    # Telegram says it twice: in the old group (migrate_to) and in the new one (migrate_from).
    if message.migrate_to_chat_id is not None:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id is not None:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return
    await context.store.migrate_chat(old, new, message.chat.title)

"""Which group messages reach a bot, as Telegram decides with privacy mode (BotFather).

With privacy mode on, a bot that is not an administrator of a group receives only commands,
replies to its own messages, and service messages; a reply to someone else's reply does not
reach it. Privacy mode off, or the bot an administrator: every message. Private chats and
every other kind of update (button presses, membership changes) always reach it. A message
in a forum topic carries the topic's creation message as its reply when it replies to
nothing else: that implicit reply does not make it a reply to the bot.
"""

from __future__ import annotations

from typing import Any

from bot.emulator.state import State, User

_SERVICE = frozenset({
    "new_chat_members", "left_chat_member", "new_chat_title", "new_chat_photo",
    "delete_chat_photo", "group_chat_created", "supergroup_chat_created", "pinned_message",
    "migrate_to_chat_id", "migrate_from_chat_id", "forum_topic_created", "forum_topic_closed",
    "forum_topic_reopened", "forum_topic_edited",
})  # fmt: skip


def reaches_bot(state: State, bot: User, update: dict[str, Any]) -> bool:
    """Return whether Telegram would hand `update` to the bot."""
    message = update.get("message")
    if not isinstance(message, dict) or message["chat"]["type"] == "private":
        return True
    chat = state.chats.get(message["chat"]["id"])
    if not state.privacy_mode or (chat is not None and chat.bot_status in _ADMINS):
        return True
    if _SERVICE & message.keys() or _is_command(message):
        return True
    replied = message.get("reply_to_message")
    return (
        isinstance(replied, dict)
        and replied.get("from", {}).get("id") == bot.id
        and "forum_topic_created" not in replied
    )


_ADMINS = ("creator", "administrator")


def _is_command(message: dict[str, Any]) -> bool:
    entities = message.get("entities") or []
    return any(e.get("type") == "bot_command" and e.get("offset") == 0 for e in entities)

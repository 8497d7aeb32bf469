"""Custom message filters."""

from __future__ import annotations

from telegram import Message
from telegram.constants import ChatType
from telegram.ext.filters import MessageFilter


class _ToBot(MessageFilter):
    """Private messages, and group messages that reply to one of the bot's messages.

    In a group only those are meant for the bot (and, with privacy mode on, only those
    reach it): the registering admin chatting with the group must not be told off. In a
    forum topic, Telegram sends a message that replies to nothing as a reply to the topic's
    creation: in a topic the bot made (a discussion), that is chatter, not an answer.
    """

    def filter(self, message: Message) -> bool:
        if message.chat.type == ChatType.PRIVATE:
            return True
        replied = message.reply_to_message
        return bool(
            replied
            and replied.forum_topic_created is None
            and replied.from_user
            and replied.from_user.is_bot
            and replied.from_user.id == message.get_bot().id
        )


TO_BOT = _ToBot(name="TO_BOT")

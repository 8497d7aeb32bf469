"""The outbox: every message that goes to many chats is stored first, then delivered."""

from bot.outbox.message import (
    OutboxMessage,
    copy_message,
    document_message,
    photo_message,
    text_message,
)

__all__ = ["OutboxMessage", "copy_message", "document_message", "photo_message", "text_message"]

"""The outbox: every message that goes to many chats is stored first, then delivered.

Use `context.outbox.submit(kind, item, [text_message(chat_id, html), ...])`; see
bot/outbox/outbox.py for the API and bot/outbox/worker.py for how delivery works.
"""

from bot.outbox.delivery import RetryPolicy
from bot.outbox.message import (
    OutboxMessage,
    copy_message,
    document_message,
    photo_message,
    text_message,
)
from bot.outbox.outbox import Outbox, delivery_bot
from bot.outbox.pacing import Budget, Clock, Limits, Pacer, SkippingClock
from bot.outbox.records import BatchStatus, FailedBatch, RowStatus, SentMessage

__all__ = [
    "BatchStatus",
    "Budget",
    "Clock",
    "FailedBatch",
    "Limits",
    "Outbox",
    "OutboxMessage",
    "Pacer",
    "RetryPolicy",
    "RowStatus",
    "SentMessage",
    "SkippingClock",
    "copy_message",
    "delivery_bot",
    "document_message",
    "photo_message",
    "text_message",
]

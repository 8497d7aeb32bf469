"""The outbox: every message that goes to many chats is stored first, then delivered.

Use `context.outbox.submit(kind, item, [text_message(chat_id, html), ...])`, and for the
effects of a decision `context.outbox.submit_effects(key, [...])` inside the decision's
transaction; see bot/outbox/outbox.py for the API, bot/outbox/worker.py for how delivery
works and bot/outbox/supervisor.py for what happens when it fails.
"""

from bot.outbox.delivery import RetryPolicy
from bot.outbox.message import (
    OutboxMessage,
    close_topic,
    copy_message,
    document_message,
    edit_markup,
    edit_text,
    photo_message,
    text_message,
    upload_document,
    upload_photo,
    voice_message,
)
from bot.outbox.outbox import DECISION, Outbox, delivery_bot
from bot.outbox.pacing import Budget, Clock, Limits, Pacer, SkippingClock
from bot.outbox.records import BatchStatus, FailedBatch, RowStatus, SentMessage

__all__ = [
    "DECISION",
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
    "close_topic",
    "copy_message",
    "delivery_bot",
    "document_message",
    "edit_markup",
    "edit_text",
    "photo_message",
    "text_message",
    "upload_document",
    "upload_photo",
    "voice_message",
]

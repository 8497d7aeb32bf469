"""One send attempt: call the Bot API and turn the answer into a `Settled` outcome.

429 → retry after `retry_after` (not counted as an attempt); 403 → the chat is gone
(skipped, chat marked inactive by the worker); migrated → the worker re-targets the row;
400 → final failure; network errors, timeouts and 5xx → retry with exponential backoff
and jitter, capped, until `max_attempts`, then final failure. An edit whose message already
shows the change ("message is not modified") is sent; one whose message is gone (deleted,
too old, unknown chat) is skipped: nothing is left to edit, so it is no failure for /gagal.
Closing a forum topic is done when it is closed already, skipped when the topic is gone. A
message for a forum topic that is gone goes to the group's General topic instead.
"""

from __future__ import annotations

import base64
import logging
import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot, InputFile
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.outbox.message import EDIT_METHODS, TOPIC_METHODS, UPLOAD
from bot.outbox.records import OutboxRow, RowStatus, Settled

# How Telegram says that an edit has nothing left to do (lower case, as a prefix).
NOT_MODIFIED = "message is not modified"
NOTHING_TO_EDIT = (
    "message to edit not found",
    "message can't be edited",
    "message_id_invalid",
    "chat not found",
)
TOPIC_UNCHANGED = "topic_not_modified"
NO_TOPIC = ("topic_id_invalid", "message thread not found", "topic_deleted", "chat not found",
            "the chat is not a forum")  # fmt: skip
# How Telegram refuses a message for a forum topic that is gone (or that it may not enter).
LOST_THREAD = ("message thread not found", "topic_deleted", "topic_closed")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a failing message is retried."""

    max_attempts: int = 5
    base_delay: float = 2.0
    max_delay: float = 300.0
    jitter: float = 0.25

    def backoff(self, attempts: int) -> float:
        """Seconds before attempt number `attempts + 1` (exponential, jittered, capped)."""
        delay = min(self.max_delay, self.base_delay * 2.0 ** max(0, attempts - 1))
        spread: float = random.uniform(-self.jitter, self.jitter)
        return delay * (1 + spread)


@dataclass(frozen=True)
class Attempt:
    """What happened to one send: the outcome, plus a 429 pause or a chat migration."""

    settled: Settled
    flood_wait: float | None = None
    migrated_to: int | None = None
    gone: bool = False


async def attempt(bot: Bot, row: OutboxRow, policy: RetryPolicy, now: datetime) -> Attempt:
    """Send `row` once and classify the answer."""
    try:
        result = await bot.do_api_request(
            row.method.lower(),  # Bot API names are case-insensitive; PTB warns on camelCase
            api_kwargs={"chat_id": row.chat_id, **_with_files(row.params)},
        )
    except RetryAfter as error:
        wait = _seconds(error.retry_after)
        due = now + timedelta(seconds=wait)
        return Attempt(_retry(row, error, due, counts=False), flood_wait=wait)
    except ChatMigrated as error:
        return Attempt(_retry(row, error, now, counts=False), migrated_to=error.new_chat_id)
    except Forbidden as error:
        return Attempt(Settled(row, RowStatus.SKIPPED, error=_text(error)), gone=True)
    except BadRequest as error:  # a subclass of NetworkError: check it first
        if _lost_thread(row, error):
            log.warning("outbox: topik %s di %s tidak ada; dikirim ke General",
                        row.params["message_thread_id"], row.chat_id)  # fmt: skip
            general = {k: v for k, v in row.params.items() if k != "message_thread_id"}
            return await attempt(bot, replace(row, params=general), policy, now)
        return Attempt(Settled(row, _refused(row, error), error=_text(error)))
    except NetworkError as error:  # includes TimedOut and 5xx answers
        return Attempt(_backoff(row, error, policy, now))
    except TelegramError as error:
        return Attempt(Settled(row, RowStatus.FAILED, error=_text(error)))
    return Attempt(Settled(row, RowStatus.SENT, message_id=_message_id(result)))


def _with_files(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters with each kept upload ({"upload": name, "base64": …}) as a file."""
    return {key: _file(value) for key, value in params.items()}


def _file(value: Any) -> Any:
    if isinstance(value, dict) and UPLOAD in value and "base64" in value:
        return InputFile(base64.b64decode(value["base64"]), filename=str(value[UPLOAD]))
    return value


def _lost_thread(row: OutboxRow, error: BadRequest) -> bool:
    """Whether a new message was refused only because its forum topic is gone."""
    return (
        row.method not in EDIT_METHODS | TOPIC_METHODS
        and "message_thread_id" in row.params
        and error.message.lower().startswith(LOST_THREAD)
    )


def _refused(row: OutboxRow, error: BadRequest) -> RowStatus:
    """A 400 is final: failed, unless it is an edit or a topic change with nothing (left)
    to do."""
    message = error.message.lower()
    if row.method in TOPIC_METHODS:
        if message.startswith(TOPIC_UNCHANGED):
            return RowStatus.SENT  # closed already
        return RowStatus.SKIPPED if message.startswith(NO_TOPIC) else RowStatus.FAILED
    if row.method not in EDIT_METHODS:
        return RowStatus.FAILED
    if message.startswith(NOT_MODIFIED):
        return RowStatus.SENT  # the message already shows it
    if message.startswith(NOTHING_TO_EDIT):
        return RowStatus.SKIPPED  # deleted or out of reach: the decision stands anyway
    return RowStatus.FAILED


def _backoff(row: OutboxRow, error: Exception, policy: RetryPolicy, now: datetime) -> Settled:
    if row.attempts + 1 >= policy.max_attempts:
        return Settled(row, RowStatus.FAILED, error=_text(error))
    due = now + timedelta(seconds=policy.backoff(row.attempts + 1))
    return _retry(row, error, due, counts=True)


def _retry(row: OutboxRow, error: Exception, due: datetime, *, counts: bool) -> Settled:
    return Settled(row, RowStatus.PENDING, error=_text(error), due_at=due, counts=counts)


def _seconds(value: timedelta | float) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _text(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:500]


def _message_id(result: Any) -> int | None:
    if isinstance(result, dict) and isinstance(result.get("message_id"), int):
        return int(result["message_id"])
    return None

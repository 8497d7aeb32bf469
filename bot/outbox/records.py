"""Plain records of the outbox that the Store returns and the worker passes around."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class RowStatus(StrEnum):
    """Where one outbox row stands."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class OutboxRow:
    """One stored message for one chat, ready to be claimed and sent."""

    id: int
    batch_id: int
    kind: str
    item: str
    chat_id: int
    method: str
    params: dict[str, Any]
    attempts: int


@dataclass(frozen=True)
class BatchStatus:
    """Counts of one batch: pending includes rows being sent right now."""

    id: int
    kind: str
    item: str
    total: int
    sent: int
    failed: int
    skipped: int
    pending: int
    created_by: int | None
    progress_chat_id: int | None
    progress_message_id: int | None
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def done(self) -> bool:
        """Whether nothing of the batch is left to send."""
        return self.pending == 0


@dataclass(frozen=True)
class SentMessage:
    """What a sent listener hears about: which message reached which chat."""

    batch_id: int
    kind: str
    item: str
    chat_id: int
    message_id: int | None


@dataclass(frozen=True)
class FailedBatch:
    """Finally failed rows of one batch, for /gagal."""

    batch_id: int
    kind: str
    item: str
    count: int
    last_error: str | None
    last_at: datetime | None


@dataclass(frozen=True)
class Settled:
    """The outcome of one send attempt, written back to the outbox in bulk.

    status SENT carries message_id; PENDING is a retry at `due_at` (counted as an attempt
    when `counts` is true); FAILED and SKIPPED are final and keep `error`.
    """

    row: OutboxRow
    status: RowStatus
    message_id: int | None = None
    error: str | None = None
    due_at: datetime | None = None
    counts: bool = True


@dataclass(frozen=True)
class LostReply:
    """A reply to a person the bot gave up on (network or server errors for over a minute)."""

    chat_id: int
    method: str
    error: str
    at: datetime

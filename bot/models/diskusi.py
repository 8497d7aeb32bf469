"""Frozen records of Diskusi: discussion threads in KIM groups, and a forum's news topic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

MIN_TITLE, MAX_TITLE = 3, 100  # a topic's name may be 128 characters; the list stays short
MAX_OPENER_TEXT = 1000
MIN_CONCLUSION, MAX_CONCLUSION = 10, 1500  # the summary card stays well under 4096
MAX_OPEN = 10  # open threads per KIM: a KIM has 3–8 members
SUPERGROUP_BASE = 1_000_000_000_000  # a supergroup's chat id is -(10^12 + its internal id)


class DiscussionStatus(StrEnum):
    """Whether a thread still takes messages."""

    OPEN = "open"
    CLOSED = "closed"


class CloseReason(StrEnum):
    """Why a thread was closed."""

    CONCLUSION = "conclusion"  # /kesimpulan by its opener or a group admin
    IDLE = "idle"  # no message for long, after one reminder


@dataclass(frozen=True)
class Discussion:
    """One discussion thread of a KIM: a forum topic (`thread_id`) or a reply thread."""

    id: int
    kim_id: int
    chat_id: int | None  # the KIM's group as it is now (it follows a move to a supergroup)
    kim_name: str
    title: str
    opener_text: str | None
    origin: str
    thread_id: int | None
    anchor_id: int | None
    opened_by: int | None
    opener_name: str | None
    opened_at: datetime
    last_activity_at: datetime
    participants: int
    messages: int
    status: DiscussionStatus
    reminded_at: datetime | None = None
    closed_at: datetime | None = None
    closed_by: int | None = None
    close_reason: CloseReason | None = None
    conclusion: str | None = None
    closing_message_id: int | None = None
    summary_message_id: int | None = None

    @property
    def is_open(self) -> bool:
        """Whether it still takes messages."""
        return self.status == DiscussionStatus.OPEN

    @property
    def in_topic(self) -> bool:
        """Whether it lives in a forum topic of its own."""
        return self.thread_id is not None

    @property
    def duration(self) -> timedelta:
        """How long it ran (so far, while open: until its last message)."""
        end = self.closed_at or self.last_activity_at
        return max(end - self.opened_at, timedelta(0))

    @property
    def link(self) -> str | None:
        """A t.me link to its topic or opening message; None in a basic group (no links)."""
        if self.chat_id is None or self.chat_id > -SUPERGROUP_BASE:
            return None
        target = self.thread_id or self.anchor_id
        internal = -self.chat_id - SUPERGROUP_BASE
        return f"https://t.me/c/{internal}/{target}" if target else None


@dataclass(frozen=True)
class NewsThread:
    """The forum topic where a KIM's group receives news and broadcasts (None: General)."""

    kim_id: int
    thread_id: int
    name: str | None

"""Frozen records for Diskominfo broadcasts (siaran): content, target, schedule, runs, receipts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum

from bot.models.people import Decision


class ContentKind(StrEnum):
    """What a broadcast sends."""

    TEXT = "text"
    PHOTO = "photo"
    DOCUMENT = "document"
    COPY = "copy"


class TargetKind(StrEnum):
    """Which KIMs a broadcast goes to."""

    ALL = "all"
    KECAMATAN = "kecamatan"
    TOPIC = "topic"
    KIM = "kim"


class ScheduleKind(StrEnum):
    """When a broadcast goes out: once, or again and again."""

    ONCE = "once"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class BroadcastStatus(StrEnum):
    """Where a broadcast stands."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PAUSED = "paused"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Content:
    """The message: a Jinja2 text or caption, a file, or a message to copy."""

    kind: ContentKind
    template: str | None = None
    file_id: str | None = None
    from_chat_id: int | None = None
    message_id: int | None = None


@dataclass(frozen=True)
class Target:
    """The KIMs addressed: all verified ones, or those of some kecamatan, topics or ids."""

    kind: TargetKind
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schedule:
    """When: once (at next_run_at), or daily/weekly/monthly at a local time."""

    kind: ScheduleKind
    at: time | None = None
    weekday: int | None = None
    day: int | None = None

    @property
    def recurring(self) -> bool:
        """Whether the broadcast runs more than once."""
        return self.kind != ScheduleKind.ONCE


@dataclass(frozen=True)
class Broadcast:
    """One broadcast as stored."""

    id: int
    created_by: int
    content: Content
    target: Target
    schedule: Schedule
    next_run_at: datetime | None  # when scheduled: the next run; when over: the last it had
    status: BroadcastStatus
    created_at: datetime
    last_change: Decision | None = None  # the last pause, resume or cancel: by whom, when


@dataclass(frozen=True)
class BroadcastRun:
    """One occurrence of a broadcast: the KIMs it went to are its deliveries."""

    id: int
    broadcast_id: int
    run_no: int
    scheduled_for: datetime
    started_at: datetime
    batch_id: int | None


@dataclass(frozen=True)
class Delivery:
    """A run addressed to one KIM group, and whether it arrived."""

    run_id: int
    kim_id: int
    chat_id: int
    message_id: int | None
    sent_at: datetime | None


@dataclass(frozen=True)
class Receipt:
    """A KIM's confirmation that it passed a run on to citizens."""

    run_id: int
    kim_id: int
    citizens: int
    channel: str
    confirmed_by: int
    confirmed_at: datetime
    confirmer: str | None = None  # the first name of whoever confirmed

    @property
    def decision(self) -> Decision:
        """Who confirmed, and when."""
        return Decision(self.confirmed_by, self.confirmer, self.confirmed_at)


@dataclass(frozen=True)
class RunStats:
    """What the broadcaster sees per run: addressed, delivered, confirmed, citizens reached."""

    run_id: int
    run_no: int
    scheduled_for: datetime
    targets: int
    delivered: int
    confirmed: int
    citizens: int

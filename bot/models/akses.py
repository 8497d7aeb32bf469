"""Plain records of the news domain (feeds state, news items) that the Store returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.models.people import Decision

MANUAL_SOURCE = "manual"


class NewsStatus(StrEnum):
    """Where a news item stands in curation."""

    PENDING = "pending_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class FeedRecord:
    """What the poller remembers about one source."""

    source_id: str
    etag: str | None = None
    last_modified: str | None = None
    consecutive_failures: int = 0
    failing_since: datetime | None = None
    next_due: datetime | None = None
    last_polled_at: datetime | None = None
    last_status: int | None = None
    last_error: str | None = None
    failure_notified: bool = False


@dataclass(frozen=True)
class NewsDraft:
    """A news item about to be stored."""

    source_id: str
    guid: str
    link: str
    title: str
    title_key: str
    summary_html: str
    published_at: datetime | None
    image_url: str | None
    topics: tuple[str, ...]
    status: NewsStatus
    duplicate_of: int | None = None
    curated_by: int | None = None


@dataclass(frozen=True)
class News:
    """A stored news item."""

    id: int
    source_id: str
    guid: str
    link: str
    title: str
    title_key: str
    summary_html: str
    published_at: datetime | None
    image_url: str | None
    topics: tuple[str, ...]
    status: NewsStatus
    duplicate_of: int | None
    curated_by: int | None
    approved_at: datetime | None
    created_at: datetime
    decision: Decision | None = None  # the curator who approved, rejected or posted it

    @property
    def has_web_link(self) -> bool:
        """Whether the link is a web address (a hand-posted text has none)."""
        return self.link.startswith(("http://", "https://"))

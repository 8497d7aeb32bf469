"""Feed health: tell the Diskominfo desk when a source has failed for a day, and when it recovers.

``assess`` is pure (previous state + this poll → change); ``announce`` puts the notice in
the outbox (kind "notice"), keyed by the failure's start so it is sent once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.context import BotContext
from bot.models.akses import FeedRecord
from bot.outbox import text_message
from broadcasts.akses.feeds import FetchResult, Source

log = logging.getLogger(__name__)
NOTICE_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class HealthChange:
    """A source went down (failing for a day) or came back up."""

    kind: Literal["down", "up"]
    source: Source
    failing_since: datetime
    at: datetime
    failures: int = 0
    error: str | None = None
    next_due: datetime | None = None


def assess(
    source: Source, previous: FeedRecord | None, result: FetchResult
) -> tuple[bool, HealthChange | None]:
    """Return (desk already told of this failure, change to announce now or None)."""
    told = previous.failure_notified if previous else False
    if result.error is None:
        if told and previous and previous.failing_since:
            return False, HealthChange("up", source, previous.failing_since, result.fetched_at)
        return False, None
    since = result.failing_since or result.fetched_at
    if told or result.fetched_at - since < NOTICE_AFTER:
        return told, None
    change = HealthChange(
        "down", source, since, result.fetched_at, result.consecutive_failures, result.error,
        result.next_due,
    )  # fmt: skip
    return True, change


def desk_targets(context: BotContext) -> list[int]:
    """Where notices go: the desk group, or each configured admin without one."""
    desk = context.config.desk_chat_id
    return [desk] if desk is not None else sorted(context.config.admin_ids)


async def announce(context: BotContext, change: HealthChange) -> None:
    """Queue the desk notice about a source that went down or came back."""
    if change.kind == "down":
        text = context.texts.render(
            "akses/feed_failing", source=change.source, failing_since=change.failing_since,
            failures=change.failures, error=change.error, next_due=change.next_due,
        )  # fmt: skip
    else:
        text = context.texts.render(
            "akses/feed_recovered", source=change.source, failing_since=change.failing_since,
            recovered_at=change.at,
        )  # fmt: skip
    item = f"feed:{change.source.id}:{change.kind}:{change.failing_since.isoformat()}"
    messages = [text_message(chat_id, text) for chat_id in desk_targets(context)]
    if messages:
        await context.outbox.submit(kind="notice", item=item, messages=messages)
    log.info("feed %s: %s, desk notified", change.source.id, change.kind)

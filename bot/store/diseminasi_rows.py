"""Row mappers of the broadcast tables: database rows in, frozen records out."""

from __future__ import annotations

import json
from datetime import datetime, time

import aiosqlite

from bot.models.diseminasi import (
    Broadcast,
    BroadcastRun,
    BroadcastStatus,
    Content,
    ContentKind,
    Delivery,
    Receipt,
    RunStats,
    Schedule,
    ScheduleKind,
    Target,
    TargetKind,
)
from bot.store.base import from_db_time
from bot.store.people import decision_row

# Broadcasts with the first name of whoever last paused, resumed or cancelled them.
BROADCAST_SELECT = """SELECT broadcast.*, (SELECT first_name FROM person p
    WHERE p.user_id = broadcast.changed_by) AS changer FROM broadcast"""
# Receipts with the first name of whoever confirmed.
RECEIPT_SELECT = """SELECT receipt.*, (SELECT first_name FROM person p
    WHERE p.user_id = receipt.confirmed_by) AS confirmer FROM receipt"""


def db_time(row: aiosqlite.Row, key: str) -> datetime:
    moment = from_db_time(row[key])
    assert moment is not None
    return moment


def broadcast_row(row: aiosqlite.Row) -> Broadcast:
    content = Content(
        ContentKind(row["content_kind"]),
        row["template"],
        row["file_id"],
        row["from_chat_id"],
        row["message_id"],
    )
    at = time.fromisoformat(row["at_time"]) if row["at_time"] else None
    schedule = Schedule(ScheduleKind(row["schedule_kind"]), at, row["weekday"], row["month_day"])
    target = Target(TargetKind(row["target_kind"]), tuple(json.loads(row["target_values"])))
    return Broadcast(
        id=row["id"],
        created_by=row["created_by"],
        content=content,
        target=target,
        schedule=schedule,
        next_run_at=from_db_time(row["next_run_at"]),
        status=BroadcastStatus(row["status"]),
        created_at=db_time(row, "created_at"),
        last_change=decision_row(row, "changed_by", "changed_at", "changer"),
    )


def run_row(row: aiosqlite.Row) -> BroadcastRun:
    return BroadcastRun(
        row["id"],
        row["broadcast_id"],
        row["run_no"],
        db_time(row, "scheduled_for"),
        db_time(row, "started_at"),
        row["batch_id"],
    )


def delivery_row(row: aiosqlite.Row) -> Delivery:
    sent_at = from_db_time(row["sent_at"])
    return Delivery(row["run_id"], row["kim_id"], row["chat_id"], row["message_id"], sent_at)


def receipt_row(row: aiosqlite.Row) -> Receipt:
    """A receipt row as a record."""
    return Receipt(
        row["run_id"],
        row["kim_id"],
        row["citizens"],
        row["channel"],
        row["confirmed_by"],
        db_time(row, "confirmed_at"),
        row["confirmer"],
    )


def stats_row(row: aiosqlite.Row) -> RunStats:
    """A run statistics row as a record."""
    return RunStats(
        row["id"],
        row["run_no"],
        db_time(row, "scheduled_for"),
        row["targets"],
        row["delivered"],
        row["confirmed"],
        row["citizens"],
    )


def broadcast_values(
    created_by: int, content: Content, target: Target, schedule: Schedule
) -> tuple[object, ...]:
    """A broadcast's columns from created_by to month_day, in table order."""
    at = schedule.at.strftime("%H:%M") if schedule.at else None
    return (
        created_by, content.kind, content.template, content.file_id, content.from_chat_id,
        content.message_id, target.kind, json.dumps(list(target.values)), schedule.kind, at,
        schedule.weekday, schedule.day,
    )  # fmt: skip

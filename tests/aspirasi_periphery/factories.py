"""Tickets for the pure Aspirasi modules' tests: one valid Aspiration, changed per test."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.models.aspirasi import Aspiration, Category, Event, Identity, Status
from broadcasts.aspirasi.calendar import verification_due

WIB = ZoneInfo("Asia/Pontianak")
BASE = Aspiration(
    id=1,
    code="ASP-2611-0001",
    category=Category.INFRASTRUKTUR,
    kecamatan_kode="61.06.01",
    desa_kode=None,
    latitude=None,
    longitude=None,
    text="Jalan desa rusak berat sejak musim hujan, mohon segera diperbaiki.",
    voice_file_id=None,
    identity=Identity.SHOWN,
    reporter_id=5_123_456_789,
    reporter_name="Budi Santoso",
    kim_id=None,
    status=Status.RECEIVED,
    opd_id=None,
    duplicate_of=None,
    rating=None,
    reopened=False,
    created_at=datetime(2026, 11, 2, 1, 0, tzinfo=UTC),
    updated_at=datetime(2026, 11, 2, 1, 0, tzinfo=UTC),
    due_at=datetime(2026, 11, 5, 16, 59, 59, tzinfo=UTC),
)


def wib(year: int, month: int, day: int, *clock: int) -> datetime:
    """A moment in the regency's local time (WIB): wib(2026, 3, 27, 23, 59, 59); 09:00 when
    no time is given."""
    hour, minute, second = (*clock, 0, 0, 0)[:3] if clock else (9, 0, 0)
    return datetime(year, month, day, hour, minute, second, tzinfo=WIB)


def ticket(number: int = 1, **changes: Any) -> Aspiration:
    """A ticket; `filed` (a datetime) sets created_at and the due time from the holidays."""
    filed = changes.pop("filed", None)
    holidays = changes.pop("holidays", ())
    if filed is not None:
        changes = {"created_at": filed, "updated_at": filed,
                   "due_at": verification_due(filed, WIB, holidays), **changes}  # fmt: skip
    return replace(BASE, id=number, code=f"ASP-2611-{number:04d}", **changes)


def event(
    aspiration: Aspiration, status: Status | None, at: datetime, note: str | None = None,
    by_role: str = "diskominfo", kind: str = "status",
) -> Event:  # fmt: skip
    """One entry of a ticket's history."""
    return Event(aspiration.id, kind, status, note, by_role, at)

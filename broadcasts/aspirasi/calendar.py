"""Working days in the regency's time zone: weekends and national holidays do not count (pure).

`verification_due(filed, tz, holidays)` is when an aspiration filed at `filed` must be verified:
the end of the third working day after the day it was filed.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta, tzinfo

VERIFY_WITHIN_DAYS = 3


def is_working_day(day: date, holidays: Collection[date] = ()) -> bool:
    """Monday to Friday, and not a national holiday."""
    return day.weekday() < 5 and day not in holidays


def add_working_days(day: date, count: int, holidays: Collection[date] = ()) -> date:
    """The date `count` working days after `day` (the day itself does not count)."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            count -= 1
    return day


def verification_due(filed: datetime, tz: tzinfo, holidays: Collection[date] = ()) -> datetime:
    """The end (23:59:59 local) of the third working day after the filing day, in UTC."""
    local_day = filed.astimezone(tz).date()
    due_day = add_working_days(local_day, VERIFY_WITHIN_DAYS, holidays)
    return datetime.combine(due_day, time(23, 59, 59), tzinfo=tz).astimezone(UTC)


def working_days_between(start: date, end: date, holidays: Collection[date] = ()) -> int:
    """How many working days lie after `start` up to and including `end` (0 if none)."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += is_working_day(day, holidays)
    return days

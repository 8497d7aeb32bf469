"""Verification deadlines with an injected clock, around weekends and national holidays.

The running example: filed on Wednesday 18 March 2026 (a cuti bersama for Nyepi). Thursday
19 (Nyepi), Friday 20 (cuti bersama), the weekend of Idulfitri (21–22) and Monday–Tuesday
23–24 (cuti bersama) are no working days, so the three days are 25, 26 and 27 March: due at
the end of Friday 27 March. Good Friday (3 April) then delays the escalation by a day.
"""

from __future__ import annotations

from datetime import UTC, date

import pytest

from bot.config import packaged_file
from bot.models.aspirasi import Status
from broadcasts.aspirasi.deadlines import (
    ESCALATE_AFTER,
    desk_reminder,
    is_overdue,
    overdue_tickets,
    to_escalate,
)
from broadcasts.aspirasi.holidays import Holidays, check_holidays
from tests.aspirasi_periphery.factories import WIB, ticket, wib

HOLIDAYS: Holidays = check_holidays(packaged_file("libur_nasional.yaml"))
FILED = wib(2026, 3, 18, 10, 30)


def test_the_deadline_skips_the_weekend_and_the_holidays_of_idulfitri() -> None:
    filed = ticket(filed=FILED, holidays=HOLIDAYS)
    assert filed.due_at.astimezone(WIB) == wib(2026, 3, 27, 23, 59, 59)
    # Without the holidays only the weekend would count: due on Monday 23 March.
    bare = ticket(filed=FILED)
    assert bare.due_at.astimezone(WIB) == wib(2026, 3, 23, 23, 59, 59)


def test_overdue_only_once_the_last_second_of_the_due_day_has_passed() -> None:
    filed = ticket(filed=FILED, holidays=HOLIDAYS)
    assert not is_overdue(filed, wib(2026, 3, 27, 23, 59, 59))
    assert is_overdue(filed, wib(2026, 3, 28, 0, 0, 0))


@pytest.mark.parametrize("status", [s for s in Status if s is not Status.RECEIVED])
def test_a_ticket_that_moved_on_is_never_overdue(status: Status) -> None:
    moved = ticket(filed=FILED, holidays=HOLIDAYS, status=status)
    assert overdue_tickets([moved], wib(2026, 5, 1), WIB, HOLIDAYS) == ()


@pytest.mark.parametrize(
    ("today", "days_overdue"),
    [
        (date(2026, 3, 28), 0),  # Saturday: overdue, but no working day has passed
        (date(2026, 3, 30), 1),  # Monday
        (date(2026, 4, 2), 4),  # Thursday
        (date(2026, 4, 3), 4),  # Good Friday: not a working day
        (date(2026, 4, 5), 4),  # Easter Sunday
        (date(2026, 4, 7), 6),  # Tuesday: one day short of escalation
        (date(2026, 4, 8), 7),  # Wednesday: escalated
    ],
)
def test_overdue_days_are_working_days(today: date, days_overdue: int) -> None:
    filed = ticket(filed=FILED, holidays=HOLIDAYS)
    [overdue] = overdue_tickets([filed], wib(today.year, today.month, today.day), WIB, HOLIDAYS)
    assert overdue.due_on == date(2026, 3, 27)
    assert overdue.filed_on == date(2026, 3, 18)
    assert overdue.days_overdue == days_overdue
    assert overdue.escalate is (days_overdue >= ESCALATE_AFTER)


def test_escalation_waits_for_seven_working_days_not_seven_calendar_days() -> None:
    filed = ticket(filed=FILED, holidays=HOLIDAYS)
    # 3 April is seven calendar days after the deadline, and Good Friday.
    assert to_escalate([filed], wib(2026, 4, 3), WIB, HOLIDAYS) == ()
    assert to_escalate([filed], wib(2026, 4, 7, 23, 59), WIB, HOLIDAYS) == ()
    [escalated] = to_escalate([filed], wib(2026, 4, 8, 0, 1), WIB, HOLIDAYS)
    assert escalated.aspiration == filed


def test_the_time_zone_decides_the_day_not_utc() -> None:
    filed = ticket(filed=FILED, holidays=HOLIDAYS)
    # 8 April 00:30 WIB is still 7 April in UTC: the regency's date counts.
    moment = wib(2026, 4, 8, 0, 30)
    assert moment.astimezone(UTC).date() == date(2026, 4, 7)
    [overdue] = overdue_tickets([filed], moment, WIB, HOLIDAYS)
    assert overdue.days_overdue == ESCALATE_AFTER


def test_the_reminder_lists_the_longest_overdue_first_and_counts_the_open_ones() -> None:
    older = ticket(1, filed=wib(2026, 3, 2), holidays=HOLIDAYS)
    newer = ticket(2, filed=FILED, holidays=HOLIDAYS)
    waiting = ticket(3, filed=wib(2026, 3, 30), holidays=HOLIDAYS)  # due 2 April
    forwarded = ticket(4, filed=wib(2026, 3, 2), holidays=HOLIDAYS, status=Status.FORWARDED)
    done = ticket(5, filed=wib(2026, 3, 2), holidays=HOLIDAYS, status=Status.DONE)
    tickets = [newer, done, waiting, forwarded, older]
    reminder = desk_reminder(tickets, wib(2026, 4, 1, 8), WIB, HOLIDAYS)
    assert reminder is not None
    assert reminder.today == date(2026, 4, 1)
    assert reminder.open_count == 4  # all but the finished one
    assert [o.aspiration.code for o in reminder.overdue] == [older.code, newer.code]
    assert [o.aspiration.code for o in reminder.escalated] == [older.code]


@pytest.mark.parametrize(
    "day",
    [date(2026, 4, 3), date(2026, 4, 4), date(2026, 4, 5), date(2026, 5, 15)],
    ids=["good-friday", "saturday", "easter", "cuti-bersama"],
)
def test_no_reminder_on_a_day_off(day: date) -> None:
    filed = ticket(filed=FILED, holidays=HOLIDAYS)
    moment = wib(day.year, day.month, day.day, 8)
    assert overdue_tickets([filed], moment, WIB, HOLIDAYS)  # overdue all the same
    assert desk_reminder([filed], moment, WIB, HOLIDAYS) is None


def test_no_reminder_when_nothing_is_overdue() -> None:
    filed = ticket(filed=FILED, holidays=HOLIDAYS)
    assert desk_reminder([filed], wib(2026, 3, 27, 8), WIB, HOLIDAYS) is None
    assert desk_reminder([], wib(2026, 3, 27, 8), WIB, HOLIDAYS) is None


def test_without_holidays_only_weekends_are_days_off() -> None:
    filed = ticket(filed=FILED)  # due Monday 23 March without the holiday list
    [overdue] = overdue_tickets([filed], wib(2026, 4, 3), WIB)
    assert overdue.days_overdue == 9  # 24 March – 3 April, weekdays
    assert desk_reminder([filed], wib(2026, 4, 3), WIB) is not None

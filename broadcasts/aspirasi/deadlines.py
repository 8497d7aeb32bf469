"""Verification deadlines (pure): which open tickets are overdue, which to escalate, and the
values of the desk's daily reminder.

A ticket is overdue when its `due_at` (3 working days after filing, broadcasts/aspirasi/
calendar.py) has passed and it is still `diterima`. Overdue days are counted in working days
like the deadline itself, so a long weekend or Idulfitri's cuti bersama do not escalate a
ticket nobody could have handled: after ESCALATE_AFTER working days overdue, it is escalated.
The reminder is for working days only; Monday's covers the weekend.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from bot.models.aspirasi import Aspiration, Status
from broadcasts.aspirasi.calendar import is_working_day, working_days_between

ESCALATE_AFTER = 7  # working days overdue


@dataclass(frozen=True)
class Overdue:
    """An open ticket past its verification deadline."""

    aspiration: Aspiration
    filed_on: date  # local dates, in the regency's time zone
    due_on: date
    days_overdue: int  # working days after the due day, up to and including today

    @property
    def escalate(self) -> bool:
        """Whether the ticket has waited long enough past its deadline to be escalated."""
        return self.days_overdue >= ESCALATE_AFTER


@dataclass(frozen=True)
class DeskReminder:
    """What the desk's daily reminder says: the overdue tickets, oldest deadline first."""

    today: date
    open_count: int  # tickets not closed, overdue or not
    overdue: tuple[Overdue, ...]

    @property
    def escalated(self) -> tuple[Overdue, ...]:
        """The overdue tickets to escalate (ESCALATE_AFTER working days or more)."""
        return tuple(o for o in self.overdue if o.escalate)


def is_overdue(ticket: Aspiration, now: datetime) -> bool:
    """Still waiting for verification after its deadline."""
    return ticket.status is Status.RECEIVED and ticket.due_at < now


def overdue_tickets(
    tickets: Iterable[Aspiration], now: datetime, tz: tzinfo, holidays: Collection[date] = ()
) -> tuple[Overdue, ...]:
    """The tickets past their verification deadline, the longest overdue first."""
    today = now.astimezone(tz).date()
    found = [_overdue(t, today, tz, holidays) for t in tickets if is_overdue(t, now)]
    return tuple(sorted(found, key=lambda o: (o.aspiration.due_at, o.aspiration.code)))


def _overdue(ticket: Aspiration, today: date, tz: tzinfo, holidays: Collection[date]) -> Overdue:
    due_on = ticket.due_at.astimezone(tz).date()
    return Overdue(
        aspiration=ticket,
        filed_on=ticket.created_at.astimezone(tz).date(),
        due_on=due_on,
        days_overdue=working_days_between(due_on, today, holidays),
    )


def to_escalate(
    tickets: Iterable[Aspiration], now: datetime, tz: tzinfo, holidays: Collection[date] = ()
) -> tuple[Overdue, ...]:
    """The tickets overdue for ESCALATE_AFTER working days or more."""
    return tuple(o for o in overdue_tickets(tickets, now, tz, holidays) if o.escalate)


def desk_reminder(
    tickets: Iterable[Aspiration], now: datetime, tz: tzinfo, holidays: Collection[date] = ()
) -> DeskReminder | None:
    """Today's reminder for the desk; None on a day off or when nothing is overdue."""
    today = now.astimezone(tz).date()
    if not is_working_day(today, holidays):
        return None
    open_tickets = [t for t in tickets if not t.status.closed]
    overdue = overdue_tickets(open_tickets, now, tz, holidays)
    return DeskReminder(today, len(open_tickets), overdue) if overdue else None

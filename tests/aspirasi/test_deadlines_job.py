"""The daily deadlines job, through the emulator with an injected clock and job.run(app):
working days skip the holidays registered at start, the desk is reminded once a day, a
long-overdue ticket is escalated once, a run missed while the bot was down is made up.

The test holidays: Monday 7 to Wednesday 9 December 2026. A ticket filed on Friday
4 December is due at the end of Monday 14 December (Thursday, Friday, Monday); counting
weekends only it would have been due on Wednesday 9 December.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.models.aspirasi import Aspiration, Category, Identity, NewAspiration
from bot.telegram_length import TELEGRAM_LIMIT, visible_length
from broadcasts.aspirasi.calendar import verification_due
from broadcasts.aspirasi.holidays import Holidays
from broadcasts.aspirasi.reminders import JOB_NAME, MAKE_UP_JOB, REMINDER_ROWS
from tests.aspirasi.conftest import deliver, store_of, submit
from tests.conftest import Hub, HubFactory

WIB = ZoneInfo("Asia/Pontianak")
HOLIDAYS = """\
years:
  - year: 2026
    complete: true
holidays:
  - {date: 2026-12-07, name: Libur Uji Satu}
  - {date: 2026-12-08, name: Libur Uji Dua}
  - {date: 2026-12-09, name: Libur Uji Tiga}
"""
Started = Callable[[], AbstractAsyncContextManager[Hub]]
REMINDER = "Pengingat verifikasi aspirasi"
ESCALATION = "Eskalasi aspirasi"


def wib(day: int, hour: int = 8, minute: int = 0) -> datetime:
    """A moment of December 2026 in Pontianak, in UTC."""
    return datetime(2026, 12, day, hour, minute, tzinfo=WIB).astimezone(UTC)


class Clock:
    """The bot's clock, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(wib(4, 10))  # Friday 4 December, 10:00


@pytest.fixture
def holidays_file(tmp_path: Path) -> Path:
    path = tmp_path / "libur.yaml"
    path.write_text(HOLIDAYS, encoding="utf-8")
    return path


@pytest.fixture
def started(start_hub: HubFactory, clock: Clock, holidays_file: Path) -> Started:
    """Start (or restart) the bot on the test's clock and holidays."""
    return lambda: start_hub(clock=clock, holidays_file=holidays_file)


async def run_job(hub: Hub, name: str = JOB_NAME) -> None:
    """Run the named job now, as the JobQueue would, and let the outbox deliver."""
    assert hub.app.job_queue is not None
    [job] = hub.app.job_queue.get_jobs_by_name(name)
    await job.run(hub.app)
    await deliver(hub)


def sent_with(hub: Hub, chat_id: int, marker: str) -> list[str]:
    chat = hub.emu.state.chats[chat_id]
    return [m["text"] for m in hub.emu.sent(chat) if marker in m.get("text", "")]


async def test_holidays_at_start_move_the_deadline_and_the_reminder(
    started: Started, clock: Clock
) -> None:
    async with started() as hub:
        assert isinstance(hub.service(Holidays), Holidays)
        asp = await submit(hub, hub.emu.user("Siti"))
        assert asp.due_at == datetime(2026, 12, 14, 23, 59, 59, tzinfo=WIB)
        clock.now = wib(14)  # Monday: due tonight, not overdue (counting weekends: 5 days late)
        await run_job(hub)
        assert sent_with(hub, hub.desk.id, REMINDER) == []
        clock.now = wib(15)  # Tuesday: one working day late
        await run_job(hub)
        [text] = sent_with(hub, hub.desk.id, REMINDER)
    assert asp.code in text
    assert "lewat 1 hari kerja" in text
    assert "Siti" not in text


async def test_an_overdue_ticket_is_reminded_once_a_day_across_runs_and_restarts(
    started: Started, clock: Clock
) -> None:
    async with started() as hub:
        asp = await submit(hub, hub.emu.user("Siti"))
        clock.now = wib(15)
        await run_job(hub)
        await run_job(hub)  # a second run the same day
    clock.now = wib(15, 14)
    async with started() as hub:
        await run_job(hub, MAKE_UP_JOB)  # after 08:00: today's run is made up at start
        assert len(sent_with(hub, hub.desk.id, REMINDER)) == 1
        clock.now = wib(16)
        await run_job(hub)
        reminders = sent_with(hub, hub.desk.id, REMINDER)
    assert len(reminders) == 2
    assert asp.code in reminders[1]
    assert "lewat 2 hari kerja" in reminders[1]


async def test_a_restart_before_the_run_time_makes_up_nothing(
    started: Started, clock: Clock
) -> None:
    clock.now = wib(15, 7, 59)
    async with started() as hub:
        assert hub.app.job_queue is not None
        assert hub.app.job_queue.get_jobs_by_name(MAKE_UP_JOB) == ()
        [daily] = hub.app.job_queue.get_jobs_by_name(JOB_NAME)
        assert daily.next_t is not None
        assert daily.next_t.astimezone(WIB).hour == 8


async def test_escalated_after_seven_working_days_once_to_the_admins(
    started: Started, clock: Clock
) -> None:
    async with started() as hub:
        asp = await submit(hub, hub.emu.user("Siti"), identity="rahasia")
        admin_chat = hub.emu.private_chat(hub.admin).id
        clock.now = wib(22)  # Tuesday 22 December: 6 working days late
        await run_job(hub)
        assert sent_with(hub, admin_chat, ESCALATION) == []
        clock.now = wib(23)  # 7 working days late
        await run_job(hub)
        await run_job(hub)
        clock.now = wib(24)
        await run_job(hub)
        escalations = sent_with(hub, admin_chat, ESCALATION)
        reminders = sent_with(hub, hub.desk.id, REMINDER)
    assert len(escalations) == 1
    assert asp.code in escalations[0]
    assert "Siti" not in escalations[0]
    assert len(reminders) == 3
    assert "dieskalasi" not in reminders[0]
    assert "dieskalasi" in reminders[1]


async def test_a_long_list_fits_one_message_and_counts_the_rest(
    started: Started, clock: Clock
) -> None:
    async with started() as hub:
        for n in range(REMINDER_ROWS + 12):
            await seed(hub, f"Aspirasi nomor {n} tentang jalan desa yang rusak berat.", wib(1))
        clock.now = wib(10)
        await run_job(hub)
        [text] = sent_with(hub, hub.desk.id, REMINDER)
    assert visible_length(text) <= TELEGRAM_LIMIT
    assert "dan 12 lainnya" in text
    assert f"{REMINDER_ROWS + 12} aspirasi melewati batas" in text


async def test_no_reminder_on_a_day_off(started: Started, clock: Clock) -> None:
    async with started() as hub:
        await submit(hub, hub.emu.user("Siti"))
        clock.now = wib(19)  # Saturday
        await run_job(hub)
        assert sent_with(hub, hub.desk.id, REMINDER) == []


async def seed(hub: Hub, text: str, filed: datetime) -> Aspiration:
    """A ticket filed at `filed`, straight into the store."""
    due = verification_due(filed, WIB, hub.service(Holidays))
    new = NewAspiration(Category.INFRASTRUKTUR, text, Identity.ANONYMOUS, None, None, filed,
                        due, filed.astimezone(WIB).strftime("%y%m"))  # fmt: skip
    return await store_of(hub).file_aspiration(new, limit=10**6, day_start=filed,
                                               repeat_since=filed)  # fmt: skip


def test_the_test_holidays_are_what_the_docstring_says() -> None:
    assert date(2026, 12, 4).weekday() == 4
    assert verification_due(wib(4, 10), WIB, frozenset()) < wib(10)

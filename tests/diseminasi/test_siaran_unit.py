"""Pure broadcast logic: next runs in WIB (incl. month end), targets, per-KIM rendering."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.models.diseminasi import Content, ContentKind, Schedule, ScheduleKind, Target, TargetKind
from bot.models.registrasi import Kim, KimStatus
from bot.texts import TemplateInputError, Texts
from broadcasts.diseminasi.siaran import (
    Addressee,
    KimVars,
    build_messages,
    first_too_long,
    next_run,
    select_targets,
)

WIB = ZoneInfo("Asia/Pontianak")


def wib(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIB).astimezone(UTC)


@pytest.mark.parametrize(
    ("schedule", "after", "expected"),
    [
        (Schedule(ScheduleKind.DAILY, time(7)), wib(2026, 3, 1, 6, 59), wib(2026, 3, 1, 7)),
        (Schedule(ScheduleKind.DAILY, time(7)), wib(2026, 3, 1, 7), wib(2026, 3, 2, 7)),
        # 2026-03-02 is a Monday; weekday 4 is Friday.
        (Schedule(ScheduleKind.WEEKLY, time(8), 4), wib(2026, 3, 2, 9), wib(2026, 3, 6, 8)),
        (Schedule(ScheduleKind.WEEKLY, time(8), 0), wib(2026, 3, 2, 9), wib(2026, 3, 9, 8)),
        (
            Schedule(ScheduleKind.MONTHLY, time(9), None, 31),
            wib(2026, 1, 31, 10),
            wib(2026, 2, 28, 9),
        ),
        (Schedule(ScheduleKind.MONTHLY, time(9), None, 31), wib(2028, 2, 1), wib(2028, 2, 29, 9)),
        (
            Schedule(ScheduleKind.MONTHLY, time(9), None, 30),
            wib(2026, 12, 30, 9),
            wib(2027, 1, 30, 9),
        ),
        # Late evening WIB is the previous day in UTC: the local date decides.
        (
            Schedule(ScheduleKind.DAILY, time(23, 30)),
            wib(2026, 5, 5, 23, 0),
            wib(2026, 5, 5, 23, 30),
        ),
    ],
)
def test_next_run(schedule: Schedule, after: datetime, expected: datetime) -> None:
    assert next_run(schedule, after, WIB) == expected


def test_one_off_has_no_next_run() -> None:
    assert next_run(Schedule(ScheduleKind.ONCE), wib(2026, 1, 1), WIB) is None


def kim(kim_id: int, kecamatan: str, status: KimStatus = KimStatus.VERIFIED) -> Kim:
    return Kim(
        kim_id, f"KIM {kim_id}", f"{kecamatan}.2001", kecamatan, None, None, None, None,
        -4000 - kim_id, status, True, "telegram", None, None, None, wib(2025, 1, 1),
    )  # fmt: skip


def test_select_targets() -> None:
    kims = [kim(1, "61.06.01"), kim(2, "61.06.02"), kim(3, "61.06.01", KimStatus.PENDING)]
    assert [k.id for k in select_targets(kims, Target(TargetKind.ALL))] == [1, 2]
    by_kecamatan = Target(TargetKind.KECAMATAN, ("61.06.01",))
    assert [k.id for k in select_targets(kims, by_kecamatan)] == [1]
    assert [k.id for k in select_targets(kims, Target(TargetKind.KIM, ("2", "3")))] == [2]
    topic = Target(TargetKind.TOPIC, ("kesehatan",))
    assert [k.id for k in select_targets(kims, topic, frozenset({2, 3}))] == [2]


def test_messages_are_rendered_per_kim_with_the_receipt_button() -> None:
    texts = Texts()
    content = Content(ContentKind.PHOTO, "Untuk <b>{{ kim.nama }}</b>, {{ kim.desa }}", "FILE")
    to = [Addressee(1, -1, KimVars("KIM A & B", "Sibau", "Putussibau Utara"))]
    (message,) = build_messages(texts, content, to, run_id=7)
    assert message.method == "sendPhoto"
    assert message.params["photo"] == "FILE"
    assert message.params["caption"] == "Untuk <b>KIM A &amp; B</b>, Sibau"
    button = message.params["reply_markup"]["inline_keyboard"][0][0]
    assert button["callback_data"] == "sebar:7"
    copy = Content(ContentKind.COPY, None, None, 55, 9)
    (copied,) = build_messages(texts, copy, to, run_id=7)
    assert copied.params == copied.params | {"from_chat_id": 55, "message_id": 9}


def test_length_is_checked_per_kim_and_bad_variables_raise() -> None:
    texts = Texts()
    content = Content(ContentKind.DOCUMENT, "x" * 1000 + "{{ kim.nama }}", "FILE")
    short, long = KimVars("KIM A", "d", "k"), KimVars("KIM " + "y" * 30, "d", "k")
    assert first_too_long(texts, content, [short]) is None
    assert first_too_long(texts, content, [short, long]) == (long, 1034)
    with pytest.raises(TemplateInputError, match=r"kim\.dusun"):
        first_too_long(texts, Content(ContentKind.TEXT, "{{ kim.dusun }}"), [short])

"""Tests for Indonesian date formatting and parsing (bot.dates)."""

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.dates import (
    format_clock_id,
    format_date_id,
    format_datetime_id,
    parse_date_id,
    parse_time_id,
)

TODAY = date(2026, 11, 27)
PONTIANAK = ZoneInfo("Asia/Pontianak")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 1, 1), "1 Januari 2026"),
        (date(2026, 8, 17), "17 Agustus 2026"),
        (date(2026, 11, 27), "27 November 2026"),
        (date(2025, 12, 31), "31 Desember 2025"),
    ],
)
def test_format_date_id(value: date, expected: str) -> None:
    assert format_date_id(value) == expected


def test_format_datetime_converts_utc_to_local_zone() -> None:
    moment = datetime(2026, 11, 27, 7, 5, tzinfo=UTC)
    assert format_datetime_id(moment, PONTIANAK) == "27 Nov 2026 14.05 WIB"


def test_format_clock_shows_the_local_time_only() -> None:
    assert format_clock_id(datetime(2026, 11, 27, 7, 5, tzinfo=UTC), PONTIANAK) == "14.05 WIB"
    assert format_clock_id(datetime(2026, 12, 31, 20, 0), PONTIANAK) == "03.00 WIB"


def test_format_datetime_treats_naive_as_utc_and_crosses_midnight() -> None:
    moment = datetime(2026, 12, 31, 20, 0)
    assert format_datetime_id(moment, PONTIANAK) == "1 Jan 2027 03.00 WIB"


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Jakarta", "1 Agu 2026 07.00 WIB"),
        ("Asia/Makassar", "1 Agu 2026 08.00 WITA"),
        ("Asia/Jayapura", "1 Agu 2026 09.00 WIT"),
    ],
)
def test_format_datetime_zone_abbreviations(zone: str, expected: str) -> None:
    moment = datetime(2026, 8, 1, 0, 0, tzinfo=UTC)
    assert format_datetime_id(moment, ZoneInfo(zone)) == expected


def test_format_datetime_other_zone_uses_its_name() -> None:
    moment = datetime(2026, 8, 1, 0, 0, tzinfo=UTC)
    offset = timezone(timedelta(hours=2), "EET")
    assert format_datetime_id(moment, offset) == "1 Agu 2026 02.00 EET"


@pytest.mark.parametrize(
    "text",
    [
        "17/08/2025",
        "17-08-2025",
        "17.08.2025",
        "2025-08-17",
        "17 Agustus 2025",
        "17 agustus 2025",
        "17 agt 2025",
        "17 Agu 2025",
        "17 agt. 2025",
        "  17   AGUSTUS   2025 ",
        "17/8/2025",
    ],
)
def test_parse_date_id_accepts_common_forms(text: str) -> None:
    assert parse_date_id(text, TODAY) == date(2025, 8, 17)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 Nopember 2025", date(2025, 11, 1)),
        ("5 Pebruari 2024", date(2024, 2, 5)),
        ("29 Feb 2024", date(2024, 2, 29)),
        ("9 sept 2025", date(2025, 9, 9)),
        ("3 Des 2025", date(2025, 12, 3)),
    ],
)
def test_parse_date_id_month_variants(text: str, expected: date) -> None:
    assert parse_date_id(text, TODAY) == expected


def test_parse_date_without_year_uses_todays_year() -> None:
    assert parse_date_id("17 Agustus", TODAY) == date(2026, 8, 17)
    assert parse_date_id("17/08", TODAY) == date(2026, 8, 17)


@pytest.mark.parametrize(
    "text",
    ["", "besok", "31/02/2025", "29 Feb 2025", "17 Agustos 2025", "2025-13-01", "17/08-2025",
     "00/01/2025", "17 08 2025 extra"],
)  # fmt: skip
def test_parse_date_id_rejects_invalid(text: str) -> None:
    assert parse_date_id(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("14.30", time(14, 30)), ("14:30", time(14, 30)), ("7.05", time(7, 5)), (" 00:00 ", time(0))],
)
def test_parse_time_id(text: str, expected: time) -> None:
    assert parse_time_id(text) == expected


@pytest.mark.parametrize("text", ["24.00", "14.60", "1430", "14,30", "jam 2", ""])
def test_parse_time_id_rejects_invalid(text: str) -> None:
    assert parse_time_id(text) is None

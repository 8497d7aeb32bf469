"""Indonesian date and time formatting and parsing.

Pure functions, no I/O: used by the Jinja2 filters in ``bot.texts`` and by
handlers that read dates typed by users ("17 Agustus 2025", "17/08/2025").
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, tzinfo

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
MONTHS_SHORT = (
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
    "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
)  # fmt: skip

# Lower-case spellings users type, mapped to month numbers (full names added below).
_MONTH_ALIASES: dict[str, int] = {
    "jan": 1, "feb": 2, "peb": 2, "pebruari": 2, "mar": 3, "apr": 4, "mei": 5,
    "jun": 6, "jul": 7, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "agst": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "nop": 11, "nopember": 11, "des": 12,
}  # fmt: skip
_MONTH_ALIASES.update({name.lower(): number for number, name in enumerate(MONTHS, 1)})

_ZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}

_NUMERIC_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}))?")
_NUMERIC_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDED = re.compile(r"(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?")
_TIME = re.compile(r"([01]?\d|2[0-3])[.:]([0-5]\d)")


def format_date_id(d: date) -> str:
    """Format a date as "1 Januari 2026"."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def zone_abbreviation(tz: tzinfo, moment: datetime | None = None) -> str:
    """Return WIB/WITA/WIT for Indonesian zones, else the zone's own name."""
    key = getattr(tz, "key", None)
    if isinstance(key, str) and key in _ZONE_ABBREVIATIONS:
        return _ZONE_ABBREVIATIONS[key]
    return tz.tzname(moment) or "UTC"


def format_datetime_id(dt: datetime, tz: tzinfo) -> str:
    """Format a datetime in ``tz`` as "27 Nov 2026 14.05 WIB" (naive = UTC)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    local = dt.astimezone(tz)
    month = MONTHS_SHORT[local.month - 1]
    clock = f"{local.hour:02d}.{local.minute:02d}"
    return f"{local.day} {month} {local.year} {clock} {zone_abbreviation(tz, local)}"


def format_clock_id(dt: datetime, tz: tzinfo) -> str:
    """Format the clock time of a datetime in ``tz`` as "14.05 WIB" (naive = UTC)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    local = dt.astimezone(tz)
    return f"{local.hour:02d}.{local.minute:02d} {zone_abbreviation(tz, local)}"


def parse_date_id(text: str, today: date) -> date | None:
    """Parse a date typed in Indonesian conventions; None if unparseable or invalid."""
    cleaned = " ".join(text.strip().lower().split())
    # A date without a year ("17 Agustus", "17/08") means this year.
    parts = _match_date_parts(cleaned, today.year)
    if parts is None:
        return None
    year, month, day = parts
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _match_date_parts(cleaned: str, default_year: int) -> tuple[int, int, int] | None:
    """Return (year, month, day) from one of the accepted formats."""
    if m := _NUMERIC_ISO.fullmatch(cleaned):
        return int(m[1]), int(m[2]), int(m[3])
    if m := _NUMERIC_DMY.fullmatch(cleaned):
        return int(m[4] or default_year), int(m[3]), int(m[1])
    if m := _WORDED.fullmatch(cleaned):
        month = _MONTH_ALIASES.get(m[2])
        return None if month is None else (int(m[3] or default_year), month, int(m[1]))
    return None


def parse_time_id(text: str) -> time | None:
    """Parse "14.30" or "14:30" into a time; None if invalid."""
    m = _TIME.fullmatch(text.strip())
    return time(int(m[1]), int(m[2])) if m else None

"""Quiet hours: a daily window (e.g. 21:00–06:00 WIB) in which news is held until morning."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta, tzinfo

QuietHours = tuple[time, time]
DEFAULT_QUIET_HOURS: QuietHours = (time(21, 0), time(6, 0))
_WINDOW_RE = re.compile(r"^(\d{1,2})[:.](\d{2})\s*-\s*(\d{1,2})[:.](\d{2})$")
_OFF = ("off", "mati", "tidak", "none", "-")


def parse_quiet_hours(text: str) -> QuietHours | None:
    """Parse "HH:MM-HH:MM" (or "off"); ValueError with an Indonesian message otherwise."""
    text = text.strip()
    if text.lower() in _OFF:
        return None
    match = _WINDOW_RE.match(text)
    if match:
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60 and (h1, m1) != (h2, m2):
            return time(h1, m1), time(h2, m2)
    raise ValueError(
        f"KIM_QUIET_HOURS: {text!r} harus berbentuk JJ:MM-JJ:MM, mis. 21:00-06:00 "
        "(atau 'off' untuk mematikan jam tenang)."
    )


def is_quiet(moment: datetime, window: QuietHours | None, tz: tzinfo) -> bool:
    """Whether `moment` (aware) falls inside the quiet window, read in local time `tz`."""
    if window is None:
        return False
    start, end = window
    local = moment.astimezone(tz).time()
    if start < end:
        return start <= local < end
    return local >= start or local < end


def quiet_until(moment: datetime, window: QuietHours | None, tz: tzinfo) -> datetime | None:
    """When the quiet window around `moment` ends (aware, in `tz`), or None when not quiet."""
    if window is None or not is_quiet(moment, window, tz):
        return None
    local = moment.astimezone(tz)
    end = local.replace(hour=window[1].hour, minute=window[1].minute, second=0, microsecond=0)
    return end if end > local else end + timedelta(days=1)

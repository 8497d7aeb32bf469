"""A KIM's own month in numbers, for /profil: what it did so far this month, its score and
status (the same measures as the report; activities not recorded yet are left out)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from bot.models.laporan import Month
from bot.store import Store
from broadcasts.laporan.document import month_name
from broadcasts.laporan.measures import kim_line
from handlers.laporan import labels


async def own_month(store: Store, kim_id: int, tz: tzinfo, now: datetime) -> dict[str, Any]:
    """The profile's values: bulan, angka (label, number), skor, keaktifan; `angka` empty
    for a KIM the report does not list (not verified)."""
    month = Month.of(now, tz)
    kims = [k for k in await store.report_kims(month.end(tz)) if k.id == kim_id]
    empty: dict[str, Any] = {"bulan": month_name(month), "angka": [], "skor": 0, "keaktifan": ""}
    if not kims:
        return empty
    counts = await store.month_counts(month.start(tz), month.end(tz))
    line = kim_line(kims[0], counts, now)
    numbers = [(labels.MEASURE[key], value) for key, value in line.values.items()
               if value is not None]  # fmt: skip
    return empty | {"angka": numbers, "skor": line.score,
                    "keaktifan": labels.STATUS[line.status.value]}  # fmt: skip

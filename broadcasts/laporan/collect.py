"""The report of a month for a scope, read from the store: the month's counts and the trend
of the months before it (TREND_MONTHS in all)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from bot.models.laporan import Month, MonthCounts, ReportKim
from bot.store import Store
from bot.wilayah import Region
from broadcasts.laporan.measures import Group, Report, Scope, build_groups, trend_point

TREND_MONTHS = 6


async def build_report(store: Store, region: Region, month: Month, scope: Scope,
                       tz: tzinfo, now: datetime) -> Report:  # fmt: skip
    """The report of `month` for `scope`, as of its end (or `now` while it runs)."""
    names = {k.kode: k.nama for k in region.kecamatan}
    trend = []
    groups: tuple[Group, ...] = ()
    for back in range(TREND_MONTHS - 1, -1, -1):
        shown = month.shift(-back)
        groups = await month_groups(store, shown, scope, tz, now, names)
        trend.append(trend_point(shown, groups))
    recorded = (await _counts(store, month, tz)).recorded
    return Report(month, groups, recorded, tuple(trend), _as_of(month, tz, now))


async def month_groups(store: Store, month: Month, scope: Scope, tz: tzinfo, now: datetime,
                       names: dict[str, str]) -> tuple[Group, ...]:  # fmt: skip
    """The kecamatan groups of one month for the scope."""
    kims = await scope_kims(store, month, scope, tz)
    counts = await _counts(store, month, tz)
    return build_groups(kims, counts, _as_of(month, tz, now), names)


async def scope_kims(store: Store, month: Month, scope: Scope, tz: tzinfo) -> list[ReportKim]:
    """The KIMs of the scope verified before the month's end."""
    return [kim for kim in await store.report_kims(month.end(tz)) if scope.covers(kim)]


async def _counts(store: Store, month: Month, tz: tzinfo) -> MonthCounts:
    return await store.month_counts(month.start(tz), month.end(tz))


def _as_of(month: Month, tz: tzinfo, now: datetime) -> datetime:
    return min(now, month.end(tz))

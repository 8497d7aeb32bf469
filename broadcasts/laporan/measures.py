"""The report of one month, computed from the store's counts (pure): per KIM its measures,
score and status; per kecamatan the sums; the trend of the months before.

Score: the sum of WEIGHTS × count over what the KIM itself did that month (README). Status,
as of the month's end (or now, for the month still running): "tidak aktif" when the KIM did
nothing in the 60 days before and was verified earlier than that; "aktif" from ACTIVE_SCORE
points; otherwise "kurang aktif".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.models.laporan import (
    ACTIVE_SCORE,
    ACTIVITIES,
    INACTIVE_AFTER,
    MEASURE_KEYS,
    MEASURES,
    WEIGHTS,
    Month,
    MonthCounts,
    ReportKim,
    Status,
)


@dataclass(frozen=True)
class Scope:
    """What a report covers: every KIM, one kecamatan (its code), or one KIM (its id)."""

    kecamatan: str | None = None
    kim_id: int | None = None

    def covers(self, kim: ReportKim) -> bool:
        """Whether the KIM is in the scope."""
        if self.kim_id is not None:
            return kim.id == self.kim_id
        return self.kecamatan is None or kim.kecamatan_kode == self.kecamatan


@dataclass(frozen=True)
class KimLine:
    """One KIM's month: its measures (None: not recorded), score, status, last activity."""

    kim: ReportKim
    values: dict[str, int | None]
    score: int
    status: Status
    last_active: datetime | None


@dataclass(frozen=True)
class Group:
    """One kecamatan: its KIMs' lines and the sums."""

    kode: str
    nama: str
    lines: tuple[KimLine, ...]
    totals: dict[str, int | None]
    score: int

    def count(self, status: Status) -> int:
        """How many of its KIMs have this status."""
        return sum(1 for line in self.lines if line.status == status)


@dataclass(frozen=True)
class TrendPoint:
    """One month of the trend: the total score and the KIMs that were active."""

    month: Month
    score: int
    aktif: int


@dataclass(frozen=True)
class Report:
    """One month's report for a scope."""

    month: Month
    groups: tuple[Group, ...]
    recorded: frozenset[str]
    trend: tuple[TrendPoint, ...]
    as_of: datetime

    @property
    def lines(self) -> list[KimLine]:
        """Every KIM's line, kecamatan by kecamatan."""
        return [line for group in self.groups for line in group.lines]

    @property
    def totals(self) -> dict[str, int | None]:
        """The measures summed over the scope."""
        return _sum((g.totals for g in self.groups), self.recorded)

    @property
    def score(self) -> int:
        """The scope's total score."""
        return sum(g.score for g in self.groups)

    def count(self, status: Status) -> int:
        """How many KIMs have this status."""
        return sum(g.count(status) for g in self.groups)

    def activity_scores(self, group: Group) -> dict[str, int]:
        """A kecamatan's score, activity by activity (what the chart stacks)."""
        scores = dict.fromkeys(ACTIVITIES, 0)
        for activity, key in MEASURES:
            scores[activity] += WEIGHTS.get(key, 0) * (group.totals.get(key) or 0)
        return scores


def score_of(values: dict[str, int | None]) -> int:
    """The activity score of a month's measures."""
    return sum(weight * (values.get(key) or 0) for key, weight in WEIGHTS.items())


def status_of(kim: ReportKim, score: int, last: datetime | None, as_of: datetime) -> Status:
    """aktif / kurang aktif / tidak aktif as of `as_of`."""
    alive_since = max(kim.since, last) if last is not None else kim.since
    if as_of - alive_since > INACTIVE_AFTER:
        return Status.TIDAK
    return Status.AKTIF if score >= ACTIVE_SCORE else Status.KURANG


def kim_line(kim: ReportKim, counts: MonthCounts, as_of: datetime) -> KimLine:
    """One KIM's line from the month's counts."""
    own = counts.counts.get(kim.id, {})
    values = {key: own.get(key, 0) if activity in counts.recorded else None
              for activity, key in MEASURES}  # fmt: skip
    score = score_of(values)
    last = counts.last_active.get(kim.id)
    return KimLine(kim, values, score, status_of(kim, score, last, as_of), last)


def build_groups(
    kims: Iterable[ReportKim], counts: MonthCounts, as_of: datetime, names: dict[str, str]
) -> tuple[Group, ...]:
    """The kecamatan groups of the KIMs given (in their order), with sums."""
    by_kecamatan: dict[str, list[KimLine]] = {}
    for kim in kims:
        by_kecamatan.setdefault(kim.kecamatan_kode, []).append(kim_line(kim, counts, as_of))
    return tuple(
        Group(kode, names.get(kode, kode), tuple(lines),
              _sum((line.values for line in lines), counts.recorded),
              sum(line.score for line in lines))
        for kode, lines in by_kecamatan.items()
    )  # fmt: skip


def trend_point(month: Month, groups: Sequence[Group]) -> TrendPoint:
    """A month of the trend from its groups."""
    aktif = sum(g.count(Status.AKTIF) for g in groups)
    return TrendPoint(month, sum(g.score for g in groups), aktif)


def _sum(rows: Iterable[dict[str, int | None]], recorded: frozenset[str]) -> dict[str, int | None]:
    totals: dict[str, int | None] = {
        key: 0 if activity in recorded else None for activity, key in MEASURES
    }
    for row in rows:
        for key in MEASURE_KEYS:
            value, total = row.get(key), totals[key]
            if value is not None and total is not None:
                totals[key] = total + value
    return totals

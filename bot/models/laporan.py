"""Laporan: the ADINDA measures of a KIM in a month, its score and its status (records only).

Each measure belongs to one activity. An activity contributes once its source is registered
in bot/store/laporan.py (SOURCES); until then its measures are "not recorded" (shown as "—",
never as zeros).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

ACTIVITIES = ("akses", "diskusi", "implementasi", "jaringan", "diseminasi", "aspirasi")
# Every measure of the report, in the order of its columns: (activity, key).
MEASURES: tuple[tuple[str, str], ...] = (
    ("akses", "akses_berita"),  # news items delivered to the KIM
    ("akses", "akses_diskusi"),  # discussions opened from a news item
    ("diskusi", "diskusi_topik"),  # threads opened
    ("diskusi", "diskusi_peserta"),  # participants of those threads (each counted per thread)
    ("diskusi", "diskusi_kesimpulan"),  # threads closed with a conclusion
    ("implementasi", "implementasi_laporan"),
    ("implementasi", "implementasi_terverifikasi"),
    ("implementasi", "implementasi_penerima"),  # beneficiaries
    ("jaringan", "jaringan_bagikan"),  # shares
    ("jaringan", "jaringan_acara"),  # events
    ("diseminasi", "diseminasi_diterima"),  # broadcasts delivered to the KIM
    ("diseminasi", "diseminasi_konfirmasi"),  # broadcasts it confirmed as passed on
    ("diseminasi", "diseminasi_warga"),  # citizens reached, as the KIM reported
    ("aspirasi", "aspirasi_diajukan"),  # aspirations filed through (or assisted by) the KIM
    ("aspirasi", "aspirasi_selesai"),  # of the KIM's aspirations, those resolved that month
)
MEASURE_KEYS = tuple(key for _, key in MEASURES)
# Points per unit of what a KIM itself did (README, "Skor keaktifan"). What it only received
# (news, broadcasts) and magnitudes it reports (participants, beneficiaries, citizens) score 0.
WEIGHTS: dict[str, int] = {
    "akses_diskusi": 2,
    "diskusi_topik": 2,
    "diskusi_kesimpulan": 3,
    "implementasi_laporan": 3,
    "implementasi_terverifikasi": 2,
    "jaringan_bagikan": 1,
    "jaringan_acara": 2,
    "diseminasi_konfirmasi": 2,
    "aspirasi_diajukan": 2,
    "aspirasi_selesai": 1,
}
ACTIVE_SCORE = 6  # a month's score from which a KIM is "aktif"
INACTIVE_AFTER = timedelta(days=60)  # no activity this long: "tidak aktif"


class Status(StrEnum):
    """How alive a KIM is."""

    AKTIF = "aktif"
    KURANG = "kurang_aktif"
    TIDAK = "tidak_aktif"


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month in the configured timezone."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month | None:
        """ "2026-11" as a Month; None for anything else."""
        head, sep, tail = text.strip().partition("-")
        if not (sep and len(head) == 4 and len(tail) == 2 and head.isdigit() and tail.isdigit()):
            return None
        year, month = int(head), int(tail)
        return cls(year, month) if 2000 <= year <= 2100 and 1 <= month <= 12 else None

    @classmethod
    def of(cls, moment: datetime, tz: tzinfo) -> Month:
        """The month a moment falls in, in `tz`."""
        local = moment.astimezone(tz)
        return cls(local.year, local.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def shift(self, months: int) -> Month:
        """The month `months` later (earlier when negative)."""
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def start(self, tz: tzinfo) -> datetime:
        """Its first moment, aware in `tz`."""
        return datetime.combine(date(self.year, self.month, 1), time(), tzinfo=tz)

    def end(self, tz: tzinfo) -> datetime:
        """The first moment of the next month, aware in `tz` (exclusive)."""
        return self.shift(1).start(tz)


@dataclass(frozen=True)
class ReportKim:
    """A verified KIM as the report lists it."""

    id: int
    nama: str
    desa_kode: str
    kecamatan_kode: str
    chat_id: int | None
    since: datetime  # verified (or imported): the start of its 60 days


@dataclass(frozen=True)
class MonthCounts:
    """What the store counted for one month: per KIM, per measure; and which activities
    have a registered source."""

    counts: dict[int, dict[str, int]]
    recorded: frozenset[str]
    last_active: dict[int, datetime] = field(default_factory=dict)

"""Records of Implementasi: what a KIM did with information, and the desk's decision on it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from bot.models.people import Decision

MIN_TITLE, MAX_TITLE = 5, 100
MIN_ACTIVITY, MAX_ACTIVITY = 10, 600
MIN_RESULT, MAX_RESULT = 5, 400
MAX_SOURCE_LABEL = 100  # a source's title as kept with the report
MAX_COMMODITY = 40
MAX_UNIT = 20
MAX_PHOTOS = 5
MAX_AMOUNT = 1_000_000  # people, households or hectares one report may claim
MAX_YIELD = 1_000_000_000
MIN_FIX_REASON, MAX_FIX_REASON = 5, 300
FOLLOW_UP_WEEKS = (1, 2, 4, 8)
FOLLOW_UP_AT = time(8, 0)  # the reminder comes in the morning, local time
# Topics whose result also names the commodity and its yield before and after.
FARMING = frozenset({"pertanian", "perikanan", "perkebunan"})


class ReportStatus(StrEnum):
    """Where a report stands with the desk."""

    PENDING = "menunggu"
    VERIFIED = "terverifikasi"
    FIX = "perbaikan"  # sent back to the reporter with a reason
    FOLLOW_UP = "tindak_lanjut"  # verified, and the KIM is reminded in N weeks

    @property
    def accepted(self) -> bool:
        """Verified (with or without a follow-up): it may be offered to the network."""
        return self in (ReportStatus.VERIFIED, ReportStatus.FOLLOW_UP)


class SourceKind(StrEnum):
    """What a report came from."""

    NEWS = "berita"
    BROADCAST = "siaran"
    DISCUSSION = "diskusi"


class BenefitUnit(StrEnum):
    """How the benefit is counted."""

    PEOPLE = "orang"
    HOUSEHOLDS = "kk"
    HECTARES = "hektare"

    @property
    def whole(self) -> bool:
        """Counted in whole numbers (people, households), not in fractions (hectares)."""
        return self != BenefitUnit.HECTARES


def format_number(value: float) -> str:
    """A number as Indonesians write it: 1.250 people, 2,5 hectares (at most two decimals)."""
    whole = round(value, 2) == int(value)
    text = f"{int(value):,}" if whole else f"{value:,.2f}".rstrip("0")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


@dataclass(frozen=True)
class Source:
    """A news item, broadcast or concluded discussion a report may come from."""

    kind: SourceKind
    id: int
    label: str  # its title (a broadcast's first words)
    at: datetime | None = None  # when it reached the KIM (not kept with a report)


@dataclass(frozen=True)
class Harvest:
    """A farming, fishing or plantation result: the commodity and its yield before and after."""

    komoditas: str
    sebelum: float
    sesudah: float
    satuan: str

    @property
    def sebelum_text(self) -> str:
        """The yield before, written the Indonesian way."""
        return format_number(self.sebelum)

    @property
    def sesudah_text(self) -> str:
        """The yield after, written the Indonesian way."""
        return format_number(self.sesudah)

    @property
    def change_percent(self) -> int | None:
        """The change in percent (None when there was nothing before)."""
        percent = (self.sesudah - self.sebelum) * 100 / self.sebelum if self.sebelum > 0 else 0.0
        return round(percent) if self.sebelum > 0 and math.isfinite(percent) else None


@dataclass(frozen=True)
class ReportDraft:
    """What a member entered: a new report, or the corrected fields of one sent back."""

    kim_id: int
    reporter_id: int
    judul: str
    source: Source | None
    kegiatan: str
    dilakukan_pada: date
    bidang: str
    manfaat_jumlah: float
    manfaat_satuan: BenefitUnit
    hasil: str
    panen: Harvest | None = None
    photos: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Report:
    """A stored implementation report, as the desk last decided it."""

    id: int
    kim_id: int
    kim_nama: str
    reporter_id: int
    reporter_name: str | None  # their first name as the bot last saw it (None: erased)
    judul: str
    source: Source | None
    kegiatan: str
    dilakukan_pada: date
    bidang: str
    manfaat_jumlah: float
    manfaat_satuan: BenefitUnit
    hasil: str
    panen: Harvest | None
    photos: tuple[str, ...]
    latitude: float | None
    longitude: float | None
    status: ReportStatus
    revision: int
    fix_reason: str | None
    follow_up_weeks: int | None
    follow_up_at: datetime | None
    group_chat_id: int | None
    group_message_id: int | None
    submitted_at: datetime
    decision: Decision | None = None  # the desk's latest decision: who, when

    @property
    def manfaat(self) -> str:
        """The benefit's number, written the Indonesian way."""
        return format_number(self.manfaat_jumlah)

    @property
    def located(self) -> bool:
        """Whether the reporter shared where it happened."""
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class ReportCard:
    """A message that shows a report, or its share request, with the desk's buttons."""

    chat_id: int
    message_id: int


def follow_up_time(decided_at: datetime, weeks: int, tz: tzinfo) -> datetime:
    """When a KIM is reminded to follow a report up: 08:00 local time, `weeks` weeks on."""
    day = decided_at.astimezone(tz).date() + timedelta(weeks=weeks)
    return datetime.combine(day, FOLLOW_UP_AT, tzinfo=tz)

"""Records of Aspirasi: citizens' aspirations as tracked tickets, their history, and the OPD
(the regency's agencies) that receive them. Returned by the Store, read by opd.yaml's loader.

The lifecycle follows SP4N-LAPOR!: diterima → diverifikasi → diteruskan (to an OPD) →
ditindaklanjuti → selesai; or ditolak / duplikat, with a reason. A citizen may rate a
finished ticket (1–5) and reopen it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

MIN_TEXT, MAX_TEXT = 20, 2000  # characters of an aspiration's text
MIN_VOICE_TEXT, MAX_VOICE_TEXT = 5, 200  # the short text that goes with a voice note
MIN_NOTE, MAX_NOTE = 5, 1000  # a note, reason, question or answer on a ticket
MAX_PHOTOS = 5
DAILY_LIMIT = 5  # aspirations per citizen per day (configurable)
ASSISTED_FACTOR = 4  # a KIM member files for many citizens: DAILY_LIMIT × this a day
CODE_RE = re.compile(r"ASP-(\d{4})-(\d{4,6})")


class Category(StrEnum):
    """What an aspiration is about (shown with labels in handlers/aspirasi/labels.py)."""

    INFRASTRUKTUR = "infrastruktur"
    PERTANIAN = "pertanian"
    KESEHATAN = "kesehatan"
    PENDIDIKAN = "pendidikan"
    EKONOMI = "ekonomi"
    LAYANAN_PUBLIK = "layanan_publik"
    LINGKUNGAN = "lingkungan"
    KEAMANAN = "keamanan"
    LAINNYA = "lainnya"


class Identity(StrEnum):
    """Who the desk and the OPD may know the reporter to be."""

    SHOWN = "tampil"  # name shown to Diskominfo and the OPD
    CONFIDENTIAL = "rahasia"  # name kept, hidden from everyone; answers still reach them
    ANONYMOUS = "anonim"  # no name kept at all (the chat id only, to send answers)


class Status(StrEnum):
    """Where a ticket stands."""

    RECEIVED = "diterima"
    VERIFIED = "diverifikasi"
    FORWARDED = "diteruskan"
    IN_PROGRESS = "ditindaklanjuti"
    DONE = "selesai"
    REJECTED = "ditolak"
    DUPLICATE = "duplikat"

    @property
    def closed(self) -> bool:
        """Whether nothing more happens to the ticket (unless the citizen reopens it)."""
        return self in (Status.DONE, Status.REJECTED, Status.DUPLICATE)

    @property
    def next(self) -> tuple[Status, ...]:
        """The statuses the desk (or the assigned OPD) may move a ticket on to from this one."""
        return TRANSITIONS.get(self, ())


# Forwarded stays possible from forwarded: a ticket sent to the wrong OPD is sent on.
TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.RECEIVED: (Status.VERIFIED, Status.REJECTED, Status.DUPLICATE),
    Status.VERIFIED: (Status.FORWARDED, Status.IN_PROGRESS, Status.DONE, Status.REJECTED,
                      Status.DUPLICATE),
    Status.FORWARDED: (Status.FORWARDED, Status.IN_PROGRESS, Status.DONE),
    Status.IN_PROGRESS: (Status.DONE,),
}  # fmt: skip


def format_code(month: str, number: int) -> str:
    """The tracking code of the `number`-th aspiration of a month ("2611" → ASP-2611-0042)."""
    return f"ASP-{month}-{number:04d}"


def parse_code(text: str) -> str | None:
    """A typed tracking code in its canonical form (case forgiven), or None."""
    candidate = text.strip().upper()
    return candidate if CODE_RE.fullmatch(candidate) else None


@dataclass(frozen=True)
class Aspiration:
    """One ticket. `reporter_id` is None once erased; `reporter_name` is None unless SHOWN."""

    id: int
    code: str  # ASP-YYMM-NNNN, e.g. ASP-2611-0042
    category: Category
    kecamatan_kode: str | None
    desa_kode: str | None
    latitude: float | None
    longitude: float | None
    text: str
    voice_file_id: str | None
    identity: Identity
    reporter_id: int | None  # the citizen's Telegram id (their private chat); never shown
    reporter_name: str | None
    kim_id: int | None  # filed by a KIM member on a citizen's behalf
    status: Status
    opd_id: str | None
    duplicate_of: str | None  # the code of the ticket it repeats
    rating: int | None
    reopened: bool
    created_at: datetime
    updated_at: datetime
    due_at: datetime  # verification due (3 working days after filing)
    desk_message_id: int | None = None
    photo_file_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    """One change in a ticket's history: a status, a note, a question or an answer."""

    aspiration_id: int
    kind: str  # "status", "question", "answer", "rating", "reopen"
    status: Status | None
    note: str | None
    by_role: str  # "warga", "diskominfo", "opd", "sistem"
    at: datetime
    opd_id: str | None = None  # the OPD it was forwarded to, or that acted


@dataclass(frozen=True)
class NewAspiration:
    """What a filing stores: the ticket as the citizen (or a KIM member) gave it."""

    category: Category
    text: str
    identity: Identity
    reporter_id: int | None
    reporter_name: str | None  # kept only when the identity is SHOWN
    created_at: datetime
    due_at: datetime
    month: str  # YYMM of the filing in KIM_TIMEZONE: the code's middle part
    kecamatan_kode: str | None = None
    desa_kode: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    voice_file_id: str | None = None
    photo_file_ids: tuple[str, ...] = ()
    kim_id: int | None = None


class AspirationRefused(Exception):
    """A filing the rules refuse: `reason` is "limit" (too many today) or "duplicate"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Opd:
    """An agency that receives aspirations (from opd.yaml)."""

    id: str
    name: str
    chat_id: int | None  # its own Telegram group, if it has one
    categories: tuple[Category, ...]


@dataclass(frozen=True)
class OpdConfig:
    """opd.yaml as loaded: the agencies, in the file's order."""

    opds: tuple[Opd, ...] = ()

    def get(self, opd_id: str) -> Opd | None:
        """The agency with this id, if configured."""
        return next((o for o in self.opds if o.id == opd_id), None)

    def for_category(self, category: Category) -> tuple[Opd, ...]:
        """The agencies that handle a category (all of them offered when none does)."""
        handling = tuple(o for o in self.opds if category in o.categories)
        return handling or self.opds

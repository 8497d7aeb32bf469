"""Records of Aspirasi: citizens' aspirations as tracked tickets, their history, and the OPD
(the regency's agencies) that receive them. Returned by the Store, read by opd.yaml's loader.

The lifecycle follows SP4N-LAPOR!: diterima → diverifikasi → diteruskan (to an OPD) →
ditindaklanjuti → selesai; or ditolak / duplikat, with a reason. A citizen may rate a
finished ticket (1–5) and reopen it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

MIN_TEXT, MAX_TEXT = 20, 2000  # characters of an aspiration's text
MAX_PHOTOS = 5
DAILY_LIMIT = 5  # aspirations per citizen per day (configurable)


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

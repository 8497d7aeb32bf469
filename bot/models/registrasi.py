"""Records of registration: KIMs, their drafts and members (returned by the Store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.models.people import Decision

MIN_MEMBERS = 3
MAX_MEMBERS = 8
MIN_NAME, MAX_NAME = 3, 60  # a KIM's name, typed at /daftar or read by the import
MAX_SK_NUMBER = 80


class KimStatus(StrEnum):
    """Where a KIM stands in verification."""

    PENDING = "menunggu"
    VERIFIED = "terverifikasi"
    REJECTED = "ditolak"


class LinkStatus(StrEnum):
    """Where a group's request to be an imported KIM's group stands."""

    PENDING = "menunggu"
    APPROVED = "disetujui"
    REJECTED = "ditolak"


class Jabatan(StrEnum):
    """Officer positions inside a KIM."""

    KETUA = "ketua"
    SEKRETARIS = "sekretaris"
    BENDAHARA = "bendahara"


@dataclass(frozen=True)
class Kim:
    """One KIM group, registered through Telegram or imported from Diskominfo's list."""

    id: int
    nama: str
    desa_kode: str
    kecamatan_kode: str
    sk_penerbit: str | None
    sk_nomor: str | None
    sk_tanggal: date | None
    sk_file_id: str | None
    chat_id: int | None
    status: KimStatus
    active: bool
    source: str
    registered_by: int | None
    reject_reason: str | None
    desk_message_id: int | None
    created_at: datetime
    member_count: int = 0
    decision: Decision | None = None  # who verified or rejected it, and when

    @property
    def members_missing(self) -> int:
        """How many members it still needs to count as active."""
        return max(0, MIN_MEMBERS - self.member_count)

    @property
    def official(self) -> bool:
        """Imported from Diskominfo's list: no group may change its name, SK or status."""
        return self.source == "import"

    @property
    def linkable(self) -> bool:
        """An official KIM that has no group yet: a group may ask to become its group."""
        return self.official and self.chat_id is None


@dataclass(frozen=True)
class KimLink:
    """A group's request to be the group of an official (imported) KIM."""

    id: int
    kim_id: int
    chat_id: int
    status: LinkStatus
    requested_by: int
    reject_reason: str | None
    desk_message_id: int | None
    created_at: datetime
    group_title: str | None = None  # as last seen by the bot
    requester: str | None = None  # the first name of whoever asked
    decision: Decision | None = None  # who approved or refused it, and when

    @property
    def taken_by_another(self) -> bool:
        """Refused because the desk linked the KIM to another group (no reason given)."""
        return self.status == LinkStatus.REJECTED and self.reject_reason is None


@dataclass(frozen=True)
class LinkApproval:
    """An approved link: the request, the KIM as now linked, and the rival requests it closed."""

    link: KimLink
    kim: Kim
    rivals: tuple[KimLink, ...]


@dataclass(frozen=True)
class KimDraft:
    """What a registration or an import supplies for a new KIM."""

    nama: str
    desa_kode: str
    kecamatan_kode: str
    sk_penerbit: str | None
    sk_nomor: str | None
    sk_tanggal: date | None
    sk_file_id: str | None = None


@dataclass(frozen=True)
class Member:
    """A person in a KIM."""

    kim_id: int
    user_id: int
    nama: str
    jabatan: Jabatan | None
    joined_at: datetime


@dataclass(frozen=True)
class KimCard:
    """A message that shows a waiting KIM with the Verifikasi / Tolak buttons."""

    chat_id: int
    message_id: int

"""Records of registration: KIMs, their drafts and members (returned by the Store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

MIN_MEMBERS = 3
MAX_MEMBERS = 8
MIN_NAME, MAX_NAME = 3, 60  # a KIM's name, typed at /daftar or read by the import
MAX_SK_NUMBER = 80


class KimStatus(StrEnum):
    """Where a KIM stands in verification."""

    PENDING = "menunggu"
    VERIFIED = "terverifikasi"
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

    @property
    def members_missing(self) -> int:
        """How many members it still needs to count as active."""
        return max(0, MIN_MEMBERS - self.member_count)


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

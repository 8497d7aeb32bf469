"""Records of Jaringan: the network's directory, shared stories, contact requests, the agenda."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from enum import StrEnum

from bot.models.people import Decision

MIN_AGENDA_TITLE, MAX_AGENDA_TITLE = 5, 120
MIN_PLACE, MAX_PLACE = 3, 200
MAX_CONTACT = 300  # KIM_DISKOMINFO_CONTACT, shown on every page of /jaringan
REMIND_AT = time(8, 0)  # agenda reminders: 08:00 local time, the day before
MAX_AHEAD = timedelta(days=366)  # how far ahead an event may be planned


class NetworkOption(StrEnum):
    """What a KIM admin switches in /jaringan atur."""

    MEMBERS = "show_members"
    ACTIVITY = "show_activity"
    KETUA = "show_ketua"
    STORIES = "receive_stories"


@dataclass(frozen=True)
class NetworkProfile:
    """What a KIM shows in the directory, and whether it receives stories of other KIMs."""

    kim_id: int
    show_members: bool = True
    show_activity: bool = True
    show_ketua: bool = False  # asked by an admin; shown only with the ketua's own consent
    ketua_consent_by: int | None = None
    ketua_consent_at: datetime | None = None
    receive_stories: bool = False

    def consented(self, ketua_id: int | None) -> bool:
        """Whether this ketua (the current one) agreed to show their username."""
        return self.show_ketua and ketua_id is not None and self.ketua_consent_by == ketua_id

    def value(self, option: NetworkOption) -> bool:
        """The current value of one switch."""
        on: bool = getattr(self, option.value)
        return on


@dataclass(frozen=True)
class DirectoryEntry:
    """A verified KIM as /jaringan shows it (what it chose not to show is None)."""

    kim_id: int
    nama: str
    kecamatan_kode: str
    desa_kode: str
    members: int | None
    last_activity: datetime | None
    ketua_username: str | None


class ShareScope(StrEnum):
    """Which opted-in KIMs a shared story reaches."""

    ALL = "semua"
    KECAMATAN = "kecamatan"


class ShareStatus(StrEnum):
    """Where an offer to share a report stands with the desk."""

    PENDING = "menunggu"
    APPROVED = "disetujui"
    DECLINED = "ditolak"


@dataclass(frozen=True)
class Share:
    """A verified report offered to the network."""

    report_id: int
    scope: ShareScope
    kecamatan: tuple[str, ...]
    status: ShareStatus
    requested_by: int
    requested_at: datetime
    recipients: int | None = None
    decision: Decision | None = None


class ContactStatus(StrEnum):
    """Where a contact request stands with the sharing KIM's admins."""

    PENDING = "menunggu"
    ACCEPTED = "diterima"
    DECLINED = "ditolak"


@dataclass(frozen=True)
class ContactRequest:
    """A KIM that received a story asks the sharing KIM for contact."""

    id: int
    report_id: int
    from_kim_id: int
    to_kim_id: int
    requested_by: int
    status: ContactStatus
    card_chat_id: int | None
    card_message_id: int | None
    created_at: datetime
    decision: Decision | None = None


class AgendaKind(StrEnum):
    """What kind of event."""

    MEETING = "pertemuan"
    TRAINING = "pelatihan"
    VISIT = "kunjungan"
    OTHER = "lainnya"


class AgendaScope(StrEnum):
    """Which KIMs an event concerns."""

    ALL = "semua"
    KECAMATAN = "kecamatan"
    KIM = "kim"


@dataclass(frozen=True)
class AgendaDraft:
    """A new event: who adds it and whom it concerns."""

    judul: str
    jenis: AgendaKind
    mulai: datetime
    tempat: str
    scope: AgendaScope
    scope_value: str | None
    owner_kim_id: int | None  # None: Diskominfo's
    created_by: int


@dataclass(frozen=True)
class Agenda:
    """A stored event."""

    id: int
    judul: str
    jenis: AgendaKind
    mulai: datetime
    tempat: str
    scope: AgendaScope
    scope_value: str | None
    owner_kim_id: int | None
    owner_nama: str | None  # the KIM that added it (None: Diskominfo)
    created_by: int
    remind_at: datetime
    reminded_at: datetime | None
    target_nama: str | None = None  # the one KIM it concerns (scope kim)


def reminder_time(mulai: datetime, tz: tzinfo) -> datetime:
    """When the KIMs concerned hear of an event: 08:00 local time the day before."""
    day_before = mulai.astimezone(tz).date() - timedelta(days=1)
    return datetime.combine(day_before, REMIND_AT, tzinfo=tz)

"""Jaringan's drafts: the kecamatan chosen for a share, and the new event (/agenda tambah)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum

from bot.models.jaringan import AgendaDraft, AgendaKind, AgendaScope
from handlers.common.draft import DraftSlot, JsonDraft


@dataclass
class ShareDraft(JsonDraft):
    """The kecamatan ticked for a report's share, before it goes to the desk."""

    report_id: int | None = None
    kecamatan: list[str] = field(default_factory=list)


SHARING = DraftSlot("bagikan", ShareDraft)


class Step(IntEnum):
    """The new event's steps."""

    JUDUL = 0
    JENIS = 1
    WAKTU = 2
    TEMPAT = 3
    SASARAN = 4
    KECAMATAN = 5
    RINGKASAN = 6
    TUJUAN = 7  # Diskominfo's event for one KIM: which KIM (after its kecamatan)


@dataclass
class AgendaDraftJson(JsonDraft):
    """What was entered for the new event so far."""

    owner_kim_id: int | None = None  # None: Diskominfo's event
    judul: str | None = None
    jenis: str | None = None
    mulai: str | None = None  # ISO, UTC
    tempat: str | None = None
    scope: str | None = None
    scope_value: str | None = None

    def event(self, created_by: int) -> AgendaDraft:
        """The event as the Store takes it (every step answered)."""
        assert self.judul is not None
        assert self.jenis is not None
        assert self.mulai is not None
        assert self.tempat is not None
        assert self.scope is not None
        return AgendaDraft(
            self.judul, AgendaKind(self.jenis), datetime.fromisoformat(self.mulai), self.tempat,
            AgendaScope(self.scope), self.scope_value, self.owner_kim_id, created_by,
        )  # fmt: skip


AGENDA = DraftSlot("agenda", AgendaDraftJson)

"""The report conversation's steps and its draft, kept through `DRAFT` (persisted in SQLite).

The draft starts in the KIM group (/implementasi <judul> keeps the KIM and the title) and
goes on in the member's private chat. Every step goes on to `resume_step()`, the first answer
still missing, so a change from the summary clears a field and is asked again, then the
summary comes back; /implementasi in private resumes where the member left off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

from bot.models.implementasi import (
    FARMING,
    BenefitUnit,
    Harvest,
    Report,
    ReportDraft,
    Source,
    SourceKind,
)
from handlers.common.draft import DraftSlot, JsonDraft


class Step(IntEnum):
    """The report conversation's states."""

    JUDUL = 0
    SUMBER = 1
    KEGIATAN = 2
    TANGGAL = 3
    SATUAN = 4
    JUMLAH = 5
    BIDANG = 6
    HASIL = 7
    KOMODITAS = 8
    SEBELUM = 9
    SESUDAH = 10
    FOTO = 11
    LOKASI = 12
    RINGKASAN = 13


@dataclass
class ImplDraft(JsonDraft):
    """What the member entered so far."""

    kim_id: int | None = None
    report_id: int | None = None  # a report sent back for fixing, being corrected
    judul: str | None = None
    source_done: bool = False
    source_kind: str | None = None
    source_id: int | None = None
    source_label: str | None = None
    kegiatan: str | None = None
    tanggal: str | None = None  # ISO date
    satuan: str | None = None
    jumlah: float | None = None
    bidang: str | None = None
    hasil: str | None = None
    komoditas: str | None = None
    sebelum: float | None = None
    sesudah: float | None = None
    satuan_hasil: str | None = None
    photos: list[str] = field(default_factory=list)
    photos_done: bool = False
    latitude: float | None = None
    longitude: float | None = None
    location_done: bool = False

    @property
    def farming(self) -> bool:
        """Whether the result also names a commodity and its yield."""
        return self.bidang in FARMING

    def resume_step(self) -> Step | None:
        """The first step still to answer, or None when only the summary is left."""
        missing = [
            (self.judul, Step.JUDUL), (self.source_done, Step.SUMBER),
            (self.kegiatan, Step.KEGIATAN), (self.tanggal, Step.TANGGAL),
            (self.satuan, Step.SATUAN), (self.jumlah, Step.JUMLAH), (self.bidang, Step.BIDANG),
            (self.hasil, Step.HASIL),
        ]  # fmt: skip
        if self.farming:
            missing += [(self.komoditas, Step.KOMODITAS), (self.sebelum is not None, Step.SEBELUM),
                        (self.sesudah is not None, Step.SESUDAH)]  # fmt: skip
        missing += [(self.photos_done, Step.FOTO), (self.location_done, Step.LOKASI)]
        return next((step for value, step in missing if not value), None)

    def clear(self, name: str) -> None:
        """Forget one summary field (and what depends on it), so that it is asked again."""
        if name == "judul":
            self.judul = None
        elif name == "sumber":
            self.source_done = False
            self.source_kind = self.source_label = self.source_id = None
        elif name in ("kegiatan", "tanggal"):
            setattr(self, name, None)
        elif name == "manfaat":
            self.satuan = self.jumlah = None
        elif name in ("bidang", "hasil"):
            self.bidang = None if name == "bidang" else self.bidang
            self.hasil = self.komoditas = self.satuan_hasil = None
            self.sebelum = self.sesudah = None
        elif name == "foto":
            self.photos, self.photos_done = [], False
        elif name == "lokasi":
            self.latitude = self.longitude = None
            self.location_done = False

    @property
    def source(self) -> Source | None:
        """The chosen source, if any."""
        if self.source_kind is None or self.source_id is None:
            return None
        return Source(SourceKind(self.source_kind), self.source_id, self.source_label or "")

    @property
    def panen(self) -> Harvest | None:
        """The yield before and after, for farming, fishing and plantation."""
        if not self.farming or self.komoditas is None:
            return None
        if self.sebelum is None or self.sesudah is None:
            return None
        return Harvest(self.komoditas, self.sebelum, self.sesudah, self.satuan_hasil or "")

    def report_draft(self, reporter_id: int) -> ReportDraft:
        """The finished draft as the Store's ReportDraft."""
        assert self.kim_id is not None
        assert self.judul is not None
        assert self.kegiatan is not None
        assert self.tanggal is not None
        assert self.satuan is not None
        assert self.jumlah is not None
        assert self.bidang is not None
        assert self.hasil is not None
        return ReportDraft(
            kim_id=self.kim_id, reporter_id=reporter_id, judul=self.judul, source=self.source,
            kegiatan=self.kegiatan, dilakukan_pada=date.fromisoformat(self.tanggal),
            bidang=self.bidang, manfaat_jumlah=self.jumlah,
            manfaat_satuan=BenefitUnit(self.satuan), hasil=self.hasil, panen=self.panen,
            photos=tuple(self.photos), latitude=self.latitude, longitude=self.longitude,
        )  # fmt: skip

    @classmethod
    def correcting(cls, report: Report) -> ImplDraft:
        """A draft holding a report sent back for fixing, every step answered."""
        source, panen = report.source, report.panen
        return cls(
            kim_id=report.kim_id, report_id=report.id, judul=report.judul, source_done=True,
            source_kind=source.kind.value if source else None,
            source_id=source.id if source else None, source_label=source.label if source else None,
            kegiatan=report.kegiatan, tanggal=report.dilakukan_pada.isoformat(),
            satuan=report.manfaat_satuan.value, jumlah=report.manfaat_jumlah,
            bidang=report.bidang, hasil=report.hasil,
            komoditas=panen.komoditas if panen else None, sebelum=panen.sebelum if panen else None,
            sesudah=panen.sesudah if panen else None, satuan_hasil=panen.satuan if panen else None,
            photos=list(report.photos), photos_done=True, latitude=report.latitude,
            longitude=report.longitude, location_done=True,
        )  # fmt: skip


DRAFT = DraftSlot("implementasi", ImplDraft)

"""The registration draft: conversation steps and what is kept between them.

The draft is one typed object kept through `DRAFT` (persisted in SQLite with the
conversation), so a restart mid-way loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from bot.context import BotContext
from bot.models.registrasi import Kim, KimDraft
from handlers.common.draft import DraftSlot, JsonDraft
from handlers.registrasi import labels


class Step(IntEnum):
    """The registration conversation's states."""

    NAMA = 0
    KECAMATAN = 1
    DESA = 2
    TAUTAN = 3
    PENERBIT = 4
    NOMOR = 5
    TANGGAL = 6
    FOTO = 7
    RINGKASAN = 8


@dataclass
class RegistrationDraft(JsonDraft):
    """What the registering admin entered so far."""

    chat_id: int | None = None
    nama: str | None = None
    kecamatan: str | None = None
    desa: str | None = None
    link_kim_id: int | None = None  # an official KIM of the desa this group asks to become
    penerbit: str | None = None
    nomor: str | None = None
    tanggal: str | None = None  # ISO date
    foto_kind: str | None = None  # "photo" or "document"
    foto_file_id: str | None = None
    editing: bool = False  # past the summary once: each change returns to it

    def link_to(self, kim_id: int) -> None:
        """Ask to become an official KIM's group: its SK stands, so none is entered here."""
        self.link_kim_id = kim_id
        self.penerbit = self.nomor = self.tanggal = None
        self.foto_kind = self.foto_file_id = None

    def resume_step(self) -> Step | None:
        """The first step still to answer, or None when only the summary is left."""
        missing = [
            (self.nama, Step.NAMA), (self.desa, Step.KECAMATAN), (self.penerbit, Step.PENERBIT),
            (self.nomor, Step.NOMOR), (self.tanggal, Step.TANGGAL),
        ]  # fmt: skip
        return next((step for value, step in missing if not value), None)

    @property
    def sk_date(self) -> date | None:
        """The SK date, when entered."""
        return date.fromisoformat(self.tanggal) if self.tanggal else None

    def kim_draft(self) -> KimDraft:
        """The finished draft as the Store's KimDraft."""
        assert self.nama
        assert self.desa
        assert self.kecamatan
        assert self.sk_date is not None
        return KimDraft(
            nama=self.nama,
            desa_kode=self.desa,
            kecamatan_kode=self.kecamatan,
            sk_penerbit=self.penerbit,
            sk_nomor=self.nomor,
            sk_tanggal=self.sk_date,
            sk_file_id=self.foto_file_id,
        )


DRAFT = DraftSlot("daftar", RegistrationDraft)


def summary_values(context: BotContext, draft: RegistrationDraft) -> dict[str, Any]:
    """What the summary and confirmation templates show."""
    region = context.region
    return {
        "nama": draft.nama,
        "kecamatan": region.kecamatan_by_code(draft.kecamatan or ""),
        "desa": region.desa_by_code(draft.desa or ""),
        "penerbit": labels.SK_PENERBIT.get(draft.penerbit or "", "-"),
        "nomor": draft.nomor,
        "tanggal": draft.sk_date,
        "foto": draft.foto_file_id is not None,
    }


def official_values(context: BotContext, kim: Kim) -> dict[str, Any]:
    """What the templates show of an official KIM a group asks to be linked to."""
    return {
        "kim": kim,
        "kecamatan": context.region.kecamatan_by_code(kim.kecamatan_kode),
        "desa": context.region.desa_by_code(kim.desa_kode),
        "penerbit": labels.SK_PENERBIT.get(kim.sk_penerbit or "", "-"),
        "status": labels.STATUS[kim.status],
    }

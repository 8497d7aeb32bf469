"""The registration draft: conversation steps and what is kept between them.

The draft lives in user_data (persisted in SQLite), so a restart mid-way loses nothing.
"""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from bot.context import BotContext
from bot.models import KimDraft
from handlers import labels
from handlers.common import end_scratch, scratch

DRAFT = "daftar"
MAX_NAME = 60
MAX_SK_NUMBER = 80


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


def draft_of(context: BotContext) -> dict[str, Any]:
    """The registration draft of the current user (created empty when missing)."""
    return scratch(context, DRAFT)


def finish(context: BotContext) -> int:
    """Forget the draft and end the conversation."""
    return end_scratch(context, DRAFT)


def kim_draft(context: BotContext, draft: dict[str, Any]) -> KimDraft:
    """The finished draft as the Store's KimDraft."""
    foto = draft.get("foto")
    return KimDraft(
        nama=draft["nama"],
        desa_kode=draft["desa"],
        kecamatan_kode=draft["kecamatan"],
        sk_penerbit=draft["penerbit"],
        sk_nomor=draft["nomor"],
        sk_tanggal=date.fromisoformat(draft["tanggal"]),
        sk_file_id=foto["file_id"] if foto else None,
    )


def summary_values(context: BotContext, draft: dict[str, Any]) -> dict[str, Any]:
    """What the summary and confirmation templates show."""
    region = context.region
    return {
        "nama": draft.get("nama"),
        "kecamatan": region.kecamatan_by_code(draft.get("kecamatan", "")),
        "desa": region.desa_by_code(draft.get("desa", "")),
        "penerbit": labels.SK_PENERBIT.get(draft.get("penerbit", ""), "-"),
        "nomor": draft.get("nomor"),
        "tanggal": date.fromisoformat(draft["tanggal"]) if draft.get("tanggal") else None,
        "foto": bool(draft.get("foto")),
        "linked": "link_kim_id" in draft,
    }

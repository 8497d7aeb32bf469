"""The /laporan conversation: its steps and what is kept between them (the chosen month)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from handlers.common.draft import DraftSlot, JsonDraft


class Step(IntEnum):
    """The /laporan conversation's states."""

    MONTH = 0
    SCOPE = 1
    KIM = 2


@dataclass
class LaporanDraft(JsonDraft):
    """The month chosen ("2026-11"), and the kecamatan whose KIMs are shown."""

    month: str = ""
    kecamatan: str = ""


DRAFT = DraftSlot("laporan", LaporanDraft)

"""Indonesian button labels of the general commands (/hapusdata)."""

from __future__ import annotations

from typing import Final

ERASE: Final = "🗑 Hapus data saya"
KEEP: Final = "Batal"

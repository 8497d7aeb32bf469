"""Indonesian button labels of Akses (curation cards and topic toggles)."""

from __future__ import annotations

from typing import Final

APPROVE: Final = "✅ Setujui"
REJECT: Final = "✖️ Tolak"
CHANGE_TOPICS: Final = "🏷 Ubah topik"
DONE: Final = "« Selesai"
ON: Final = "✅"
OFF: Final = "⬜"
PLACEHOLDER_MANUAL: Final = "Judul berita, lalu ringkasan"

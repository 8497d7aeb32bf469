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
NEWS_HERE: Final = "📌 Berita & siaran ke topik ini"
NEWS_GENERAL: Final = "↩️ Berita & siaran ke General"
NEWS_NEW_TOPIC: Final = "➕ Buat topik khusus berita"
NEWS_TOPIC_NAME: Final = "📰 Berita & Siaran"  # the forum topic the bot creates for them

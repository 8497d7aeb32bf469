"""Indonesian button labels of the general commands (/hapusdata, the short help)."""

from __future__ import annotations

from typing import Final

ERASE: Final = "🗑 Hapus data saya"
KEEP: Final = "Batal"
# Stands in for an erased person's name in the messages the bot keeps (the outbox).
ERASED_NAME: Final = "(nama dihapus)"

# The short help's buttons: (command, label), for everyone and then per Diskominfo role.
EVERYONE: Final = (("berita", "📰 Berita terbaru"), ("bantuan", "❓ Bantuan"))
ADMIN: Final = (("verifikasi", "✅ Verifikasi KIM"), ("gagal", "⚠️ Pesan gagal"))
BROADCASTER: Final = (("siaran", "📣 Kirim siaran"), ("jadwal", "🗓 Siaran terjadwal"))
CURATOR: Final = (("kurasi", "🗂 Kurasi berita"),)

"""Indonesian button labels of the general commands (/hapusdata, the short help)."""

from __future__ import annotations

from typing import Final

ERASE: Final = "🗑 Hapus data saya"
KEEP: Final = "Batal"
# Stands in for an erased person's name in the messages the bot keeps (the outbox).
ERASED_NAME: Final = "(nama dihapus)"

# The short help's buttons: (command, label), for everyone and then per Diskominfo role.
EVERYONE: Final = (
    ("aspirasi", "📝 Sampaikan aspirasi"),
    ("berita", "📰 Berita terbaru"),
    ("bantuan", "❓ Bantuan"),
)
# Under free text long enough to be one: the same button, which fills the text in.
AS_ASPIRATION: Final = ("aspirasi", "📝 Sampaikan sebagai aspirasi")
ADMIN: Final = (
    ("verifikasi", "✅ Verifikasi KIM"),
    ("aspirasi_masuk", "📥 Aspirasi masuk"),
    ("gagal", "⚠️ Pesan gagal"),
)
BROADCASTER: Final = (("siaran", "📣 Kirim siaran"), ("jadwal", "🗓 Siaran terjadwal"))
CURATOR: Final = (("kurasi", "🗂 Kurasi berita"),)

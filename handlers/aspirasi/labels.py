"""Indonesian labels of Aspirasi: categories, identities, statuses, buttons, placeholders."""

from __future__ import annotations

from typing import Final

from bot.models.aspirasi import Category, Identity, Status

CATEGORIES: Final = {
    Category.INFRASTRUKTUR: "🛣 Infrastruktur",
    Category.PERTANIAN: "🌾 Pertanian",
    Category.KESEHATAN: "🏥 Kesehatan",
    Category.PENDIDIKAN: "🎓 Pendidikan",
    Category.EKONOMI: "💰 Ekonomi",
    Category.LAYANAN_PUBLIK: "🏛 Layanan publik",
    Category.LINGKUNGAN: "🌳 Lingkungan",
    Category.KEAMANAN: "🛡 Keamanan",
    Category.LAINNYA: "📌 Lainnya",
}
IDENTITIES: Final = {
    Identity.SHOWN: "👤 Tampilkan nama saya",
    Identity.CONFIDENTIAL: "🔒 Rahasiakan nama saya",
    Identity.ANONYMOUS: "🕶 Anonim",
}
# How each identity reads in a summary and on the desk's card.
IDENTITY_NAMES: Final = {
    Identity.SHOWN: "nama ditampilkan",
    Identity.CONFIDENTIAL: "rahasia",
    Identity.ANONYMOUS: "anonim",
}
STATUSES: Final = {
    Status.RECEIVED: "📥 Diterima",
    Status.VERIFIED: "✅ Diverifikasi",
    Status.FORWARDED: "➡️ Diteruskan ke OPD",
    Status.IN_PROGRESS: "🔧 Ditindaklanjuti",
    Status.DONE: "🏁 Selesai",
    Status.REJECTED: "✖️ Ditolak",
    Status.DUPLICATE: "♻️ Duplikat",
}
# The desk's and the OPD's buttons: one per status a ticket may move on to.
STATUS_BUTTONS: Final = {
    Status.VERIFIED: "✅ Verifikasi",
    Status.FORWARDED: "➡️ Teruskan ke OPD",
    Status.IN_PROGRESS: "🔧 Ditindaklanjuti",
    Status.DONE: "🏁 Selesai",
    Status.REJECTED: "✖️ Tolak",
    Status.DUPLICATE: "♻️ Duplikat",
}
ROLES: Final = {"warga": "Pelapor", "diskominfo": "Diskominfo", "opd": "OPD", "sistem": "Sistem"}
ASK: Final = "❓ Minta info"
NO_NOTE: Final = "Tanpa catatan"
ANSWER: Final = "✍️ Jawab pertanyaan"
REOPEN: Final = "🔁 Buka kembali"
STARS: Final = "⭐"
OPEN: Final = "Buka"
DONE_PHOTOS: Final = "Selesai"
SEND: Final = "📨 Kirim aspirasi"
CONTINUE_PRIVATE: Final = "🔒 Lanjut di chat pribadi"
FILE_PRIVATE: Final = "📝 Sampaikan aspirasi"

# What a pressed button's message turns into: "✔️ <label>: <value>".
CHOSEN_CATEGORY: Final = "Kategori"
CHOSEN_KECAMATAN: Final = "Kecamatan"
CHOSEN_DESA: Final = "Desa/kelurahan"
CHOSEN_IDENTITY: Final = "Identitas"
CHOSEN_PHOTOS: Final = "Foto"

# Placeholders of the reply field (at most 64 characters).
ASK_TEXT: Final = "Tulis aspirasi Anda"
ASK_VOICE_TEXT: Final = "Ringkasan singkat pesan suara"
ASK_NAME: Final = "Nama warga"
ASK_NOTE: Final = "Catatan untuk pelapor"
ASK_DUPLICATE: Final = "ASP-2611-0042 alasannya"
ASK_QUESTION: Final = "Pertanyaan untuk pelapor"
ASK_ANSWER: Final = "Jawaban Anda"
ASK_REOPEN: Final = "Mengapa dibuka kembali?"

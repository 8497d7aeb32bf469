"""Indonesian labels of Jaringan: directory switches, sharing, contact, agenda."""

from __future__ import annotations

from typing import Final

# /jaringan atur: what each switch does, shown with its state.
OPTIONS: Final = {
    "show_members": "Jumlah anggota",
    "show_activity": "Tanggal aktivitas terakhir",
    "show_ketua": "Username Telegram ketua",
    "receive_stories": "Terima cerita implementasi KIM lain",
}
ON: Final = "✅"
OFF: Final = "⬜"
WAITING: Final = "⏳"  # the ketua's username: asked, not agreed yet
CONSENT_YES: Final = "✅ Izinkan"
CONSENT_NO: Final = "✖️ Jangan tampilkan"
WITHDRAW: Final = "Tarik izin"

SHARE_OFFER: Final = "📣 Bagikan ke jaringan"
SCOPE_ALL: Final = "Semua KIM yang berlangganan"
SCOPE_PICK: Final = "Pilih kecamatan"
SEND: Final = "📨 Kirim ke Diskominfo"
APPROVE: Final = "✅ Setujui & bagikan"
DECLINE: Final = "✖️ Jangan bagikan"
CONTACT: Final = "🤝 Hubungi KIM ini"
ACCEPT: Final = "✅ Terima"
REFUSE: Final = "✖️ Tolak"
SHARE_STATUS: Final = {
    "menunggu": "menunggu persetujuan Diskominfo",
    "disetujui": "disetujui",
    "ditolak": "tidak dibagikan",
}

AGENDA_KINDS: Final = {
    "pertemuan": "Pertemuan KIM",
    "pelatihan": "Pelatihan",
    "kunjungan": "Kunjungan Diskominfo",
    "lainnya": "Lainnya",
}
SCOPE_DISKOMINFO: Final = {
    "semua": "Semua KIM",
    "kecamatan": "KIM satu kecamatan",
    "kim": "Satu KIM tertentu",
}
SCOPE_KIM: Final = {"kim": "KIM ini saja", "kecamatan": "Semua KIM sekecamatan"}
SAVE: Final = "✅ Simpan"

CHOSEN_KIND: Final = "Jenis"
CHOSEN_SCOPE: Final = "Untuk"
CHOSEN_KECAMATAN: Final = "Kecamatan"
CHOSEN_KIM: Final = "KIM"

# Placeholders of the reply field (at most 64 characters).
ASK_TITLE: Final = "Judul kegiatan"
ASK_WHEN: Final = "25/12/2026 09.00"
ASK_PLACE: Final = "Tempat"

# Whom an event concerns, in words (lists, summary, reminder).
AUDIENCE_ALL: Final = "semua KIM"
AUDIENCE_KECAMATAN: Final = "KIM di Kec. {}"
AUDIENCE_ONE_KIM: Final = "satu KIM"
AGENDA_ADD_WORDS: Final = ("tambah", "add")

"""Indonesian labels of Diseminasi: /siaran's choices, receipts, /jadwal (kept outside the code)."""

from __future__ import annotations

from typing import Final

RECEIPT: Final = "✅ Sudah disebarluaskan"
CHANNELS: Final = {
    "pertemuan": "Pertemuan warga",
    "whatsapp": "WhatsApp",
    "papan": "Papan informasi",
    "ibadah": "Rumah ibadah",
    "posyandu": "Posyandu",
    "lainnya": "Lainnya",
}
TARGETS: Final = {
    "all": "Semua KIM terverifikasi",
    "kecamatan": "Per kecamatan",
    "topic": "Per topik",
    "kim": "KIM tertentu",
}
TIMES: Final = {
    "now": "Kirim sekarang",
    "once": "Tanggal & jam tertentu",
    "daily": "Setiap hari",
    "weekly": "Setiap minggu",
    "monthly": "Setiap bulan",
}
WEEKDAYS: Final = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
STATUS: Final = {
    "draft": "draf",
    "scheduled": "terjadwal",
    "paused": "dijeda",
    "done": "selesai",
    "cancelled": "dibatalkan",
}
CONTENT: Final = {
    "text": "Teks",
    "photo": "Foto",
    "document": "Dokumen",
    "copy": "Pesan diteruskan",
}
DONE: Final = "✔️ Selesai memilih"
CONFIRM: Final = "✅ Kirim/Jadwalkan"
CANCEL: Final = "✖️ Batal"
PAUSE: Final = "⏸ Jeda"
RESUME: Final = "▶️ Lanjutkan"
STOP: Final = "✖️ Hentikan"
STATS: Final = "📊 Laporan"

# What a pressed /siaran button's message turns into: "✔️ <label>: <value>".
CHOSEN_TARGET = "Tujuan"
CHOSEN_TIME = "Waktu"
CHOSEN_DAY = "Hari"
TARGET_ALL = "semua KIM terverifikasi"
TARGET_NAMED = "KIM tertentu"
CONFIRMED = "✅ Dikonfirmasi"
ASK_CITIZENS: Final = "Jumlah warga, mis. 45"  # the reply field's placeholder

"""Indonesian labels of Implementasi: fields, units, statuses, buttons and reply placeholders."""

from __future__ import annotations

from typing import Final

# Topics of a report; farming, fishing and plantation also ask for the commodity's yield.
BIDANG: Final = {
    "pertanian": "Pertanian",
    "perikanan": "Perikanan",
    "perkebunan": "Perkebunan",
    "peternakan": "Peternakan",
    "kesehatan": "Kesehatan",
    "pendidikan": "Pendidikan",
    "ekonomi": "Ekonomi & UMKM",
    "lingkungan": "Lingkungan",
    "lainnya": "Lainnya",
}
SATUAN: Final = {"orang": "orang", "kk": "KK (rumah tangga)", "hektare": "hektare"}
SATUAN_SHORT: Final = {"orang": "orang", "kk": "KK", "hektare": "ha"}
SOURCE_KINDS: Final = {"berita": "Berita", "siaran": "Siaran", "diskusi": "Diskusi"}
SOURCE_ICONS: Final = {"berita": "📰", "siaran": "📢", "diskusi": "💬"}
STATUS: Final = {
    "menunggu": "⏳ menunggu verifikasi",
    "terverifikasi": "✅ terverifikasi",
    "perbaikan": "✏️ perlu perbaikan",
    "tindak_lanjut": "✅ terverifikasi, tindak lanjut",
}
# What can be changed from the summary, and what each change asks again.
EDIT_FIELDS: Final = {
    "judul": "Judul",
    "sumber": "Sumber informasi",
    "kegiatan": "Kegiatan",
    "tanggal": "Tanggal",
    "manfaat": "Penerima manfaat",
    "bidang": "Bidang & hasil",
    "hasil": "Hasil",
    "foto": "Foto",
    "lokasi": "Lokasi",
}

NO_SOURCE: Final = "Tidak ada / sumber lain"
PHOTOS_DONE: Final = "✅ Selesai"
NO_PHOTOS: Final = "Lewati (tanpa foto)"
SHARE_LOCATION: Final = "📍 Bagikan lokasi"
NO_LOCATION: Final = "Lewati (tanpa lokasi)"
CONTINUE_PRIVATE: Final = "📝 Lanjutkan di chat pribadi"
FIX_REPORT: Final = "✏️ Perbaiki laporan"
VERIFY: Final = "✅ Terverifikasi"
ASK_FIX: Final = "✏️ Minta perbaikan"
FOLLOW_UP: Final = "⏰ Tindak lanjut dalam N minggu"
WEEKS: Final = "{n} minggu"
BACK: Final = "« Kembali"

# What a pressed button's message turns into: "✔️ <label>: <value>".
CHOSEN_SOURCE: Final = "Sumber"
CHOSEN_UNIT: Final = "Satuan penerima manfaat"
CHOSEN_BIDANG: Final = "Bidang"
CHOSEN_PHOTOS: Final = "Foto"
CHOSEN_LOCATION: Final = "Lokasi"

# Placeholders of the reply field (at most 64 characters).
ASK_TITLE: Final = "Judul implementasi"
ASK_ACTIVITY: Final = "Apa yang dilakukan"
ASK_DATE: Final = "17/08/2026"
ASK_AMOUNT: Final = "Jumlah, mis. 25"
ASK_RESULT: Final = "Hasilnya"
ASK_COMMODITY: Final = "Komoditas, mis. padi"
ASK_BEFORE: Final = "Mis. 2,5 ton/ha"
ASK_AFTER: Final = "Mis. 3,1 ton/ha"
ASK_FIX_REASON: Final = "Apa yang perlu diperbaiki"

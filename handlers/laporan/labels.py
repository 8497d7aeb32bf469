"""Indonesian labels of Laporan: activities, measures (column headings), statuses, buttons."""

from __future__ import annotations

from typing import Final

ACTIVITY: Final = {
    "akses": "Akses",
    "diskusi": "Diskusi",
    "implementasi": "Implementasi",
    "jaringan": "Networking",
    "diseminasi": "Diseminasi",
    "aspirasi": "Aspirasi",
}
MEASURE: Final = {
    "akses_berita": "Berita diterima",
    "akses_diskusi": "Didiskusikan",
    "diskusi_topik": "Diskusi",
    "diskusi_peserta": "Peserta",
    "diskusi_kesimpulan": "Kesimpulan",
    "implementasi_laporan": "Laporan",
    "implementasi_terverifikasi": "Terverifikasi",
    "implementasi_penerima": "Penerima manfaat (orang)",
    "jaringan_bagikan": "Berbagi",
    "jaringan_acara": "Kegiatan",
    "diseminasi_diterima": "Siaran diterima",
    "diseminasi_konfirmasi": "Dikonfirmasi",
    "diseminasi_warga": "Warga terjangkau",
    "aspirasi_diajukan": "Aspirasi diajukan",
    "aspirasi_selesai": "Aspirasi selesai",
}
STATUS: Final = {"aktif": "aktif", "kurang_aktif": "kurang aktif", "tidak_aktif": "tidak aktif"}
SCOPE_ALL: Final = "🌐 Semua kecamatan"
SCOPE_WHOLE: Final = "📍 Seluruh kecamatan ini"
CANCEL: Final = "✖️ Batal"
CHART_TITLE: Final = "Skor ADINDA per kecamatan"
CHART_TREND: Final = "Tren 6 bulan"
CHART_SCORE: Final = "Skor total"
CHART_ACTIVE: Final = "KIM aktif"
CHART_EMPTY: Final = "Belum ada kegiatan tercatat"

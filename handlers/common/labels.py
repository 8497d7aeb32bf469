"""Shared Indonesian labels: the command menu, English aliases, and buttons every activity uses.

Each activity keeps its own labels in its package (handlers/<activity>/labels.py).
"""

from __future__ import annotations

from typing import Final

# Commands by scope: (command, description). English aliases are registered as handlers
# but not published, so the menu stays short and in one language.
PRIVATE_COMMANDS: Final = (
    ("start", "Mulai dan kenali KIM Hub"),
    ("bantuan", "Panduan perintah"),
    ("berita", "Berita terbaru"),
    ("aspirasi", "Sampaikan aspirasi kepada pemerintah daerah"),
    ("status", "Lihat status aspirasi (mis. /status ASP-2611-0042)"),
    ("aspirasiku", "Daftar aspirasi saya"),
    ("diskusi", "Diskusi terbuka di KIM Anda"),
    ("jaringan", "Jaringan KIM se-kabupaten"),
    ("agenda", "Agenda kegiatan KIM"),
    ("dataku", "Lihat data pribadi yang disimpan"),
    ("hapusdata", "Hapus data pribadi Anda"),
    ("batal", "Batalkan proses yang sedang berjalan"),
)
GROUP_COMMANDS: Final = (
    ("gabung", "Bergabung sebagai anggota KIM ini"),
    ("anggota", "Daftar anggota KIM"),
    ("profil", "Profil KIM"),
    ("topik", "Pilih topik berita"),
    ("aspirasi", "Catat aspirasi warga (lanjut di chat pribadi)"),
    ("diskusi", "Buka diskusi, atau lihat yang berjalan"),
    ("kesimpulan", "Tutup diskusi dengan kesimpulan"),
    ("implementasi", "Laporkan hasil implementasi (judul) atau lihat daftarnya"),
    ("jaringan", "Jaringan KIM se-kabupaten"),
    ("agenda", "Agenda kegiatan KIM"),
    ("keluar", "Keluar dari keanggotaan KIM"),
    ("bantuan", "Panduan perintah"),
    ("batal", "Batalkan proses yang sedang berjalan"),
)
GROUP_ADMIN_COMMANDS: Final = (
    ("daftar", "Daftarkan grup ini sebagai KIM"),
    ("jabatan", "Atur ketua, sekretaris, bendahara"),
    *GROUP_COMMANDS,
)
# Which Diskominfo commands each role sees in its private menu (admins see them all).
ROLE_COMMANDS: Final = {
    "broadcaster": ("siaran", "jadwal"),
    "curator": ("kurasi",),
}
DISKOMINFO_COMMANDS: Final = (
    ("verifikasi", "KIM yang menunggu verifikasi"),
    ("peran", "Atur peran penyiar dan kurator"),
    ("gagal", "Pesan yang gagal terkirim"),
    ("kurasi", "Kurasi berita"),
    ("siaran", "Kirim siaran ke KIM"),
    ("jadwal", "Siaran terjadwal"),
    ("aspirasi_masuk", "Aspirasi yang masuk, terlama dulu"),
    ("laporan", "Laporan kegiatan KIM per bulan"),
)

ENGLISH_ALIASES: Final = {
    "bantuan": ("help",),
    "batal": ("cancel",),
    "daftar": ("register",),
    "gabung": ("join",),
    "anggota": ("members",),
    "profil": ("profile",),
    "keluar": ("leave",),
    "verifikasi": ("verify",),
    "peran": ("role",),
    "jabatan": ("position",),
    "kurasi": ("curate",),
    "topik": ("topics",),
    "berita": ("news",),
    "siaran": ("broadcast",),
    "jadwal": ("schedule",),
    "hapusdata": ("deletedata",),
    "dataku": ("mydata",),
    "gagal": ("failed",),
    "aspirasi": ("aspiration",),
    "aspirasiku": ("myaspirations",),
    "aspirasi_masuk": ("incoming",),
    "diskusi": ("discuss",),
    "kesimpulan": ("conclude",),
    "implementasi": ("implementation",),
    "jaringan": ("network",),
    "agenda": ("events",),
    "laporan": ("report",),
}

CONFIRM: Final = "✅ Konfirmasi"
EDIT: Final = "✏️ Ubah"
CANCEL: Final = "✖️ Batal"
SKIP: Final = "Lewati"
BACK: Final = "« Kembali"
PREV: Final = "‹ Sebelumnya"
NEXT: Final = "Berikutnya ›"
# What a pressed button's message turns into: "✔️ <label>: <value>".
CONFIRMED: Final = "✅ Dikonfirmasi"
SKIPPED: Final = "dilewati"

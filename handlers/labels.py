"""Indonesian button labels and command descriptions (the only Indonesian outside templates)."""

from __future__ import annotations

from typing import Final

# Commands by scope: (command, description). English aliases are registered as handlers
# but not published, so the menu stays short and in one language.
PRIVATE_COMMANDS: Final = (
    ("start", "Mulai dan kenali KIM Hub"),
    ("bantuan", "Panduan perintah"),
    ("berita", "Berita terbaru"),
    ("hapusdata", "Hapus data pribadi Anda"),
    ("batal", "Batalkan proses yang sedang berjalan"),
)
GROUP_COMMANDS: Final = (
    ("gabung", "Bergabung sebagai anggota KIM ini"),
    ("anggota", "Daftar anggota KIM"),
    ("profil", "Profil KIM"),
    ("topik", "Pilih topik berita"),
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
}

SK_PENERBIT: Final = {
    "kepala_desa": "Kepala Desa",
    "camat": "Camat",
    "diskominfo": "Diskominfo",
}
JABATAN: Final = {"ketua": "Ketua", "sekretaris": "Sekretaris", "bendahara": "Bendahara"}
ROLE_NAMES: Final = {"admin": "admin", "broadcaster": "penyiar", "curator": "kurator"}
ROLE_BY_WORD: Final = {
    "penyiar": "broadcaster",
    "broadcaster": "broadcaster",
    "kurator": "curator",
    "curator": "curator",
}
STATUS: Final = {
    "menunggu": "menunggu verifikasi",
    "terverifikasi": "terverifikasi",
    "ditolak": "ditolak",
}

# What a pressed button's message turns into: "✔️ <label>: <value>".
CHOSEN_KECAMATAN = "Kecamatan"
CHOSEN_DESA = "Desa/kelurahan"
CHOSEN_PENERBIT = "Penerbit SK"
CHOSEN_FOTO = "Foto SK"
SKIPPED = "dilewati"
CONFIRMED = "✅ Dikonfirmasi"
ERASE = "🗑 Hapus data saya"
KEEP = "Batal"

CONFIRM = "✅ Konfirmasi"
EDIT = "✏️ Ubah"
CANCEL = "✖️ Batal"
SKIP = "Lewati"
BACK = "« Kembali"
PREV = "‹ Sebelumnya"
NEXT = "Berikutnya ›"
VERIFY = "✅ Verifikasi"
REJECT = "✖️ Tolak"
LINK = "🔗 Hubungkan ke KIM ini"
NEW_KIM = "➕ Buat KIM baru"
NO_JABATAN = "Anggota biasa"
EDIT_FIELDS: Final = {
    "nama": "Nama KIM",
    "wilayah": "Kecamatan & desa",
    "penerbit": "Penerbit SK",
    "nomor": "Nomor SK",
    "tanggal": "Tanggal SK",
    "foto": "Foto SK",
}

"""Indonesian labels of registration, verification and membership (buttons, choices, hints)."""

from __future__ import annotations

from typing import Final

SK_PENERBIT: Final = {
    "kepala_desa": "Kepala Desa",
    "camat": "Camat",
    "diskominfo": "Diskominfo",
}
JABATAN: Final = {"ketua": "Ketua", "sekretaris": "Sekretaris", "bendahara": "Bendahara"}
STATUS: Final = {
    "menunggu": "menunggu verifikasi",
    "terverifikasi": "terverifikasi",
    "ditolak": "ditolak",
}

# What a pressed button's message turns into: "✔️ <label>: <value>".
CHOSEN_KECAMATAN: Final = "Kecamatan"
CHOSEN_DESA: Final = "Desa/kelurahan"
CHOSEN_PENERBIT: Final = "Penerbit SK"
CHOSEN_FOTO: Final = "Foto SK"
CHOSEN_LINK: Final = "Dihubungkan ke KIM"
CHOSEN_KIM: Final = "KIM"
CHOSEN_NEW_KIM: Final = "baru, tidak dihubungkan ke data Diskominfo"

VERIFY: Final = "✅ Verifikasi"
REJECT: Final = "✖️ Tolak"
LINK: Final = "🔗 Hubungkan ke KIM ini"
NEW_KIM: Final = "➕ Buat KIM baru"
APPROVE_LINK: Final = "✅ Setujui tautan"
REJECT_LINK: Final = "✖️ Tolak tautan"
NO_JABATAN: Final = "Anggota biasa"
EDIT_FIELDS: Final = {
    "nama": "Nama KIM",
    "wilayah": "Kecamatan & desa",
    "penerbit": "Penerbit SK",
    "nomor": "Nomor SK",
    "tanggal": "Tanggal SK",
    "foto": "Foto SK",
}
# A link keeps the official KIM's name and SK: only the choice itself can change.
EDIT_FIELDS_LINK: Final = {
    "tautan": "Pilihan KIM (hubungkan / baru)",
    "wilayah": "Kecamatan & desa",
}

# Placeholders of the reply field (at most 64 characters).
ASK_NAME: Final = "Nama KIM"
ASK_NOMOR: Final = "Nomor SK"
ASK_TANGGAL: Final = "17/08/2025"
ASK_TANGGAL_AGAIN: Final = "Tanggal SK"
ASK_REASON: Final = "Alasan penolakan"

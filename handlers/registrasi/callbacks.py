"""Registrasi's callback data, spelled in one place (see handlers/common/codec.py).

daftar:… the registration conversation's buttons; verif:… the desk's Verifikasi / Tolak and
/verifikasi's pages; tautan:… the desk's Setujui / Tolak on a group's link to an official KIM;
jabatan:… choosing a member's position; anggota:… /anggota's pages.
"""

from __future__ import annotations

from handlers.common.codec import ID, Codec

KODE = r"[\d.]+"  # Kepmendagri code, e.g. 61.06.01 or 61.06.01.2001

DAFTAR = Codec("daftar")
KECAMATAN = DAFTAR.action("kec", KODE)
DESA = DAFTAR.action("desa", KODE)
DESA_PAGE = DAFTAR.action("hal", KODE, ID)
BACK = DAFTAR.action("kembali")
LINK = DAFTAR.action("tautkan", ID)
NEW_KIM = DAFTAR.action("baru")
PENERBIT = DAFTAR.action("sk", r"[a-z_]+")
SKIP_FOTO = DAFTAR.action("lewati")
CONFIRM = DAFTAR.action("ok")
EDIT = DAFTAR.action("ubah")
EDIT_FIELD = DAFTAR.action("ubah", r"[a-z_]+")
CANCEL = DAFTAR.action("batal")

VERIF = Codec("verif")
VERIFY = VERIF.action("ok", ID)
REJECT = VERIF.action("tolak", ID)
PENDING_PAGE = VERIF.action("hal", ID)

TAUTAN = Codec("tautan")
APPROVE_LINK = TAUTAN.action("ok", ID)
REJECT_LINK = TAUTAN.action("tolak", ID)

JABATAN = Codec("jabatan")
PICK_MEMBER = JABATAN.action("pilih", ID)
SET_JABATAN = JABATAN.action("set", ID, r"[a-z-]+")

ANGGOTA = Codec("anggota")
MEMBERS_PAGE = ANGGOTA.action("hal", ID)

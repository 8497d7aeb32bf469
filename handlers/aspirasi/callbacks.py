"""Aspirasi's callback data, spelled in one place (see handlers/common/codec.py).

asp:… the submission conversation's buttons; aspm:… the desk's and the OPD's buttons on a
ticket's card, and /aspirasi_masuk's pages; aspw:… the citizen's buttons (rate, reopen,
answer a question) and /aspirasiku's pages.
"""

from __future__ import annotations

from handlers.common.codec import Codec

ID = r"\d+"
KODE = r"[\d.]+"  # Kepmendagri code, e.g. 61.06.01 or 61.06.01.2001
OPD_ID = r"[A-Za-z0-9_-]{1,40}"
STATUS = "diverifikasi|ditindaklanjuti|selesai|ditolak|duplikat"

ASP = Codec("asp")
CATEGORY = ASP.action("kat", r"[a-z_]+")
KECAMATAN = ASP.action("kec", KODE)
DESA = ASP.action("desa", KODE)
DESA_PAGE = ASP.action("hal", KODE, ID)
BACK = ASP.action("kembali")
PHOTOS_DONE = ASP.action("foto")
IDENTITY = ASP.action("id", "tampil|rahasia|anonim")
CONFIRM = ASP.action("kirim")
CANCEL = ASP.action("batal")

MEJA = Codec("aspm")
SET_STATUS = MEJA.action("st", ID, STATUS)
FORWARD = MEJA.action("opd", ID)
SEND_TO = MEJA.action("ke", ID, OPD_ID)
SHOW_CARD = MEJA.action("kartu", ID)
ASK = MEJA.action("tanya", ID)
NO_NOTE = MEJA.action("tanpa")
OPEN = MEJA.action("buka", ID)
INCOMING_PAGE = MEJA.action("hal", ID)

WARGA = Codec("aspw")
RATE = WARGA.action("nilai", ID, "[1-5]")
REOPEN = WARGA.action("ulang", ID)
ANSWER = WARGA.action("jawab", ID)
MINE_PAGE = WARGA.action("hal", ID)

"""Aspirasi's callback data, spelled in one place (see handlers/common/codec.py).

asp:… the submission conversation's buttons; aspm:… the desk's and the OPD's buttons on a
ticket's card, and /aspirasi_masuk's pages; aspw:… the citizen's buttons (rate, reopen,
answer a question) and /aspirasiku's pages.
"""

from __future__ import annotations

from handlers.common.codec import ID, Codec

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

# /start payloads (t.me/<bot>?start=…) that open a submission in the private chat: one's own,
# a citizen's filed by a KIM member, and a KIM discussion's conclusion (+ the discussion's id).
START_OWN = "aspirasi"
START_FOR_CITIZEN = "aspirasi_kim"
START_FROM_DISCUSSION = "aspirasi_diskusi_"
START_PAYLOAD = r"aspirasi(?:_kim|_diskusi_\d{1,18})?"


def from_discussion(discussion_id: int) -> str:
    """The /start payload that carries a concluded discussion on as an aspiration."""
    return f"{START_FROM_DISCUSSION}{discussion_id}"


WARGA = Codec("aspw")
RATE = WARGA.action("nilai", ID, "[1-5]")
REOPEN = WARGA.action("ulang", ID)
ANSWER = WARGA.action("jawab", ID)
MINE_PAGE = WARGA.action("hal", ID)

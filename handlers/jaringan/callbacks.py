"""Jaringan's callback data, spelled in one place (see handlers/common/codec.py).

jar:… the directory's pages, /jaringan atur's switches and the ketua's consent; bagi:… a
report offered to the network (the reporter's scope, the desk's decision); hub:… "Hubungi KIM
ini" under a story and the sharing KIM's answer; agd:… /agenda's pages and the new event.
"""

from __future__ import annotations

from handlers.common.codec import ID, Codec

KODE = r"[\d.]+"  # Kepmendagri code of a kecamatan, e.g. 61.06.01

JAR = Codec("jar")
DIRECTORY_PAGE = JAR.action("hal", ID)
SETTING = JAR.action("atur", r"[a-z_]+")
CONSENT = JAR.action("izin", ID, r"ya|tidak")  # the ketua's answer, for the KIM with this id
WITHDRAW = JAR.action("cabut", ID)

BAGI = Codec("bagi")
OFFER = BAGI.action("tawar", ID)  # "Bagikan ke jaringan" on the reporter's notice
SCOPE_ALL = BAGI.action("semua", ID)
SCOPE_PICK = BAGI.action("pilih", ID)
TOGGLE_KECAMATAN = BAGI.action("kec", ID, KODE)
SEND = BAGI.action("kirim", ID)
APPROVE = BAGI.action("ok", ID)
DECLINE = BAGI.action("tolak", ID)

HUB = Codec("hub")
CONTACT = HUB.action("minta", ID)  # under a story: the report's id
ACCEPT = HUB.action("terima", ID)  # on the request: the request's id
REFUSE = HUB.action("tolak", ID)

AGD = Codec("agd")
AGENDA_PAGE = AGD.action("hal", ID)
KIND = AGD.action("jenis", r"[a-z]+")
SCOPE = AGD.action("untuk", r"semua|kecamatan|kim")
KECAMATAN = AGD.action("kec", KODE)
TARGET_KIM = AGD.action("kim", ID)  # Diskominfo's event for one KIM
SAVE = AGD.action("simpan")
CANCEL = AGD.action("batal")

"""Diseminasi's callback data, spelled in one place (see handlers/common/codec.py).

siaran:… the /siaran conversation's buttons; sebar:… a KIM's receipt of a broadcast run
("Sudah disebarluaskan", built by broadcasts/diseminasi); jadwal:… /jadwal's card buttons
and its ‹ › (jadwal:hal:<page>).
"""

from __future__ import annotations

from handlers.common.codec import ID, Codec

KEY = r"\w+"

SIARAN = Codec("siaran")
TARGET = SIARAN.action("target", KEY)
PICK = SIARAN.action("pilih", r"[\w.-]+")  # a kecamatan code or a topic id; "ok" ends the pick
TIME = SIARAN.action("waktu", KEY)
WEEKDAY = SIARAN.action("hari", r"[0-6]")
CONFIRM = SIARAN.action("ok")
CANCEL = SIARAN.action("batal")

SEBAR = Codec("sebar")
RECEIPT = SEBAR.action("", ID)
CHANNEL = SEBAR.action("kanal", KEY)
RECEIPT_CANCEL = SEBAR.action("batal")

JADWAL = Codec("jadwal")
CHANGE = JADWAL.action("", r"pause|resume|cancel", ID)
SCHEDULES_PAGE = JADWAL.action("hal", ID)

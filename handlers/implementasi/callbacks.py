"""Implementasi's callback data, spelled in one place (see handlers/common/codec.py).

impl:… the report conversation in private (sources, units, topics, photos, location, summary),
the reporter's "Perbaiki laporan" and the pages of a KIM's reports; implv:… the desk's
Terverifikasi / Minta perbaikan / Tindak lanjut dalam N minggu on a report.
"""

from __future__ import annotations

from handlers.common.codec import ID, Codec

IMPL = Codec("impl")
SOURCE = IMPL.action("sumber", r"berita|siaran|diskusi", ID)
NO_SOURCE = IMPL.action("tanpa")
UNIT = IMPL.action("satuan", r"orang|kk|hektare")
BIDANG = IMPL.action("bidang", r"[a-z]+")
PHOTOS_DONE = IMPL.action("foto")
CONFIRM = IMPL.action("ok")
EDIT = IMPL.action("ubah")
EDIT_FIELD = IMPL.action("ubah", r"[a-z]+")
CANCEL = IMPL.action("batal")
FIX = IMPL.action("perbaiki", ID)  # the reporter's notice of a report sent back
REPORTS_PAGE = IMPL.action("hal", ID)

# /start payloads: a report begun in a KIM's group (+ its id), and one planned from a KIM
# discussion's conclusion (+ the discussion's id, Diskusi's "Jadikan rencana implementasi").
START_FROM_GROUP = "impl_"
START_FROM_DISCUSSION = "impl_diskusi_"
START_PAYLOAD = r"impl_(?:\d{1,18}|diskusi_\d{1,18})"


def from_discussion(discussion_id: int) -> str:
    """The /start payload that plans a report from a concluded discussion."""
    return f"{START_FROM_DISCUSSION}{discussion_id}"


IMPLV = Codec("implv")
VERIFY = IMPLV.action("ok", ID)
ASK_FIX = IMPLV.action("perbaikan", ID)
FOLLOW_UP = IMPLV.action("tl", ID)  # shows the choice of weeks
FOLLOW_UP_WEEKS = IMPLV.action("tl", ID, r"[1-9]")
BACK = IMPLV.action("kembali", ID)

"""Umum's callback data, spelled in one place (see handlers/common/codec.py)."""

from __future__ import annotations

from handlers.common.codec import ID, Codec

HAPUSDATA = Codec("hapusdata")
ERASE = HAPUSDATA.action("ya")
KEEP = HAPUSDATA.action("batal")

DATAKU = Codec("dataku")
MY_DATA_PAGE = DATAKU.action("hal", ID)

"""Umum's callback data, spelled in one place (see handlers/common/codec.py)."""

from __future__ import annotations

from handlers.common.codec import Codec

HAPUSDATA = Codec("hapusdata")
ERASE = HAPUSDATA.action("ya")
KEEP = HAPUSDATA.action("batal")

"""Admin's callback data, spelled in one place (see handlers/common/codec.py)."""

from __future__ import annotations

from handlers.common.codec import Codec

GAGAL = Codec("gagal")
RETRY = GAGAL.action("ulang", r"\d+")

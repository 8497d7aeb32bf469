"""Admin's callback data, spelled in one place (see handlers/common/codec.py).

gagal:… /gagal's retry buttons and its pages; peran:… /peran's pages.
"""

from __future__ import annotations

from handlers.common.codec import ID, Codec

GAGAL = Codec("gagal")
RETRY = GAGAL.action("ulang", ID)
FAILED_PAGE = GAGAL.action("hal", ID)

PERAN = Codec("peran")
ROLES_PAGE = PERAN.action("hal", ID)

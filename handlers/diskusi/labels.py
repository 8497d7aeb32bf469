"""Indonesian button labels of Diskusi."""

from __future__ import annotations

from typing import Final

DISCUSS: Final = "💬 Diskusikan"
TO_PLAN: Final = "📋 Jadikan rencana implementasi"
TO_ASPIRATION: Final = "📣 Jadikan aspirasi"
BROADCAST_TITLE: Final = "Siaran Diskominfo"  # a broadcast without a first line to name it

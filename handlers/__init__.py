"""The activities of the bot, in the order their handlers see an update.

Each activity is one package; its `wiring.add_handlers(app)` adds its handlers (see
docs/ARCHITECTURE.md). Packages are named here, not imported at the top: every `__init__.py`
under handlers/ imports nothing, so broadcasts/<activity> can use its activity's
`callbacks` and `labels` without pulling in the steps (which import broadcasts in turn).
"""

from __future__ import annotations

import warnings
from importlib import import_module
from typing import Protocol

from telegram.warnings import PTBUserWarning

from bot.context import KimApplication

# In PTB's handler group 0 the first match wins. The activities come first, umum last: its
# /start, /bantuan, global /batal and catch-alls answer only what no activity's conversation
# or button took (an activity registers no catch-all of its own).
ACTIVITIES = (
    "registrasi", "akses", "diseminasi", "diskusi", "implementasi", "jaringan", "admin",
    "aspirasi", "laporan", "umum",
)  # fmt: skip


class Wiring(Protocol):
    """What each activity's wiring module provides."""

    def add_handlers(self, app: KimApplication) -> None: ...


def wiring_of(activity: str) -> Wiring:
    """An activity's wiring module."""
    module: Wiring = import_module(f"handlers.{activity}.wiring")
    return module


def register_handlers(app: KimApplication) -> None:
    """Add every activity's handlers, in order."""
    with warnings.catch_warnings():
        # Button steps are tracked per chat and user, not per message: that is intended.
        warnings.filterwarnings("ignore", message=".*per_message.*", category=PTBUserWarning)
        for activity in ACTIVITIES:
            wiring_of(activity).add_handlers(app)

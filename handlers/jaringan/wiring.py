"""How the jaringan handlers are wired: conversations first, then commands and buttons."""

from __future__ import annotations

from bot.context import KimApplication


def add_handlers(app: KimApplication) -> None:
    """The agenda conversation, the commands, the buttons."""
    del app

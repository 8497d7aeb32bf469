"""Jaringan, to many chats: stories shared across the network (each opted-in KIM once), and
agenda reminders the day before at 08:00 WIB, rebuilt from the database at start."""

from __future__ import annotations

from broadcasts.jaringan.agenda import start_reminders as start

__all__ = ["start"]

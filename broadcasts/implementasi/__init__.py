"""Implementasi, on a schedule: the "tindak lanjut" reminders the desk asked for, rebuilt from
the database at start; one missed while the bot was down goes out once on return."""

from __future__ import annotations

from broadcasts.implementasi.followup import start_follow_ups as start

__all__ = ["start"]

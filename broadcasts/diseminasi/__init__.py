"""Diseminasi, on a schedule: run each broadcast at its time (rebuilt from the database after a
restart, a missed run caught up once), and remind KIMs that have not confirmed one.
"""

from __future__ import annotations

from broadcasts.diseminasi.schedule import start_broadcasts as start

__all__ = ["start"]

"""Diskusi, on a schedule: remind a thread that has been silent for 14 days, close it when it
stays silent 7 days more; and the "Diskusikan" button other activities put under news items
and broadcasts (buttons.py).
"""

from __future__ import annotations

from broadcasts.diskusi.idle import start_idle_checks as start

__all__ = ["start"]

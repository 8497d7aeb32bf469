"""Aspirasi, on a schedule: the OPD list (opd.yaml), working days and deadlines (verification
due within 3 working days; the desk reminded daily, escalation after 7), and the export.

`start(app)` (broadcasts/aspirasi/startup.py) loads opd.yaml and the national holidays,
registers them as services and tells the desk of their problems; the daily deadlines job is
broadcasts/aspirasi/reminders.py; `kim-bot aspirasi export` is broadcasts/aspirasi/cli.py.
"""

from __future__ import annotations

from broadcasts.aspirasi import cli
from broadcasts.aspirasi.startup import start

__all__ = ["cli", "start"]

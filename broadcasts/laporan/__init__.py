"""Laporan, on a schedule: the monthly ADINDA report to the Diskominfo desk on the 1st at
08:00, nudges to KIMs that turned "tidak aktif"; and the pieces /laporan and `kim-bot
laporan` share (measures, collect, document, chart, files)."""

from __future__ import annotations

from broadcasts.laporan.monthly import start_monthly as start

__all__ = ["start"]

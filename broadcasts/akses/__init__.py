"""Akses, on a schedule: poll the sources of feeds.yaml (conditional GET, backoff), normalise
and de-duplicate their items, and deliver curated news to KIM groups as digests.
"""

from __future__ import annotations

from broadcasts.akses import cli
from broadcasts.akses.jobs import start_news as start
from broadcasts.akses.jobs import stop_news as stop

__all__ = ["cli", "start", "stop"]

"""Akses, on a schedule: poll the sources of feeds.yaml (conditional GET, backoff), normalise
and de-duplicate their items, and deliver curated news to KIM groups as digests.
"""

from __future__ import annotations

from bot.config import Config
from broadcasts.akses import cli
from broadcasts.akses.feeds import FeedsConfigError, load_feeds_config
from broadcasts.akses.jobs import start_news as start
from broadcasts.akses.jobs import stop_news as stop

__all__ = ["check_config", "cli", "start", "stop"]


def check_config(config: Config) -> list[str]:
    """The problems of feeds.yaml, empty when it is valid."""
    try:
        load_feeds_config(config.feeds_file)
    except FeedsConfigError as error:
        return [str(error)]
    return []

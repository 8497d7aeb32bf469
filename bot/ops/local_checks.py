"""Doctor's checks on this machine: news sources, the database, the time zone, disk space."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import httpx

from bot.config import Config
from bot.ops import labels
from bot.ops.checks import Check, fail, ok, warn
from bot.store.maintenance import inspect, writable

FEED_TIMEOUT_S = 15.0
DISK_WARN_MB, DISK_FAIL_MB = 1024, 100


async def feeds(sources: Sequence[tuple[str, str]], path: Path) -> list[Check]:
    """Each news source answers a GET (status below 400) within the timeout."""
    if not sources:
        return [warn(labels.FEEDS_NONE.format(path=path), labels.FEEDS_NONE_FIX)]
    async with httpx.AsyncClient(timeout=FEED_TIMEOUT_S, follow_redirects=True) as client:
        return list(await asyncio.gather(*(_feed(client, n, u) for n, u in sources)))


async def _feed(client: httpx.AsyncClient, name: str, url: str) -> Check:
    try:
        response = await client.get(url)
    except httpx.HTTPError as error:
        reason = type(error).__name__
        return fail(
            labels.FEED_BAD.format(name=name, reason=reason), labels.FEED_BAD_FIX.format(url=url)
        )
    if response.status_code >= 400:
        reason = f"HTTP {response.status_code}"
        return fail(
            labels.FEED_BAD.format(name=name, reason=reason), labels.FEED_BAD_FIX.format(url=url)
        )
    return ok(labels.FEED_OK.format(name=name, status=response.status_code))


async def database(path: Path) -> Check:
    """The database file: writable, integrity_check ok."""
    if not await asyncio.to_thread(path.is_file):
        return warn(labels.DB_MISSING.format(path=path), labels.DB_MISSING_FIX)
    report = await asyncio.to_thread(inspect, path)
    if report.integrity != "ok":
        return fail(labels.DB_BAD.format(path=path, reason=report.integrity), labels.DB_FIX)
    if not await asyncio.to_thread(writable, path):
        return fail(labels.DB_BAD.format(path=path, reason=labels.DB_LOCKED), labels.DB_FIX)
    return ok(labels.DB_OK.format(path=path, version=report.version))


def time_zone(config: Config, now: datetime) -> Check:
    """The configured zone and what time it is there (the host's clock, shown for a glance)."""
    local = now.astimezone(config.timezone)
    return ok(labels.TZ_HOST.format(zone=config.tz_name, now=f"{local:%Y-%m-%d %H:%M %Z}",
                                    host=f"{now:%H:%M}"))  # fmt: skip


def disk(folder: Path) -> Check:
    """Free space where the database lives."""
    free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
    if free_mb < DISK_FAIL_MB:
        return fail(labels.DISK_LOW.format(folder=folder, free=free_mb), labels.DISK_FIX)
    if free_mb < DISK_WARN_MB:
        return warn(labels.DISK_LOW.format(folder=folder, free=free_mb), labels.DISK_FIX)
    return ok(labels.DISK_OK.format(folder=folder, free=round(free_mb / 1024, 1)))

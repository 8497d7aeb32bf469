"""`kim-bot backup PATH` and `kim-bot restore PATH`.

backup: SQLite's online backup of the live database (the bot may keep running and writing),
then the copy's integrity checked. restore: the file checked first (SQLite, integrity_check,
our schema), then, with the bot stopped (the database's lock), the current database kept
beside it and the backup copied in.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from bot.config import Config
from bot.ops import labels
from bot.store.base import migrations
from bot.store.lock import exclusive
from bot.store.maintenance import inspect, online_backup


def newest_schema() -> int:
    """The schema version this bot migrates to."""
    return migrations()[-1][0]


async def backup(config: Config, target: Path) -> tuple[int, str]:
    """Copy the live database to `target`; (exit code, the line to print)."""
    return await asyncio.to_thread(_backup, config, target)


def _backup(config: Config, target: Path) -> tuple[int, str]:
    if not config.db_path.is_file():
        return 2, labels.BACKUP_NO_DB.format(path=config.db_path)
    if target.exists():
        return 2, labels.BACKUP_EXISTS.format(path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    online_backup(config.db_path, target)
    report = inspect(target)
    if report.integrity != "ok":
        return 1, labels.BACKUP_FAILED.format(reason=report.integrity)
    size = round(target.stat().st_size / 1024)
    return 0, labels.BACKUP_DONE.format(path=target, size=size, version=report.version)


def refusal(source: Path) -> str | None:
    """Why `source` may not be restored (None: it may)."""
    if not source.is_file():
        return labels.RESTORE_MISSING.format(path=source)
    report = inspect(source)
    if not report.is_sqlite:
        return labels.RESTORE_NOT_SQLITE.format(path=source)
    if report.integrity != "ok":
        return labels.RESTORE_CORRUPT.format(path=source, reason=report.integrity)
    if not report.ours(newest_schema()):
        return labels.RESTORE_FOREIGN.format(path=source, version=report.version)
    return None


async def restore(config: Config, source: Path, now: datetime) -> tuple[int, str]:
    """Put a checked backup in place of the database (the bot must be stopped)."""
    refused = await asyncio.to_thread(refusal, source)
    if refused is not None:
        return 2, refused
    database = config.db_path
    with exclusive(database):  # DatabaseInUse while a bot runs: reported by the caller
        saved = database.with_name(f"{database.name}.sebelum-restore-{now:%Y%m%d-%H%M%S}")
        if database.is_file():
            await asyncio.to_thread(online_backup, database, saved)
        await asyncio.to_thread(online_backup, source, database)
    return 0, labels.RESTORE_DONE.format(path=source, saved=saved)

"""The subcommands `doctor`, `backup PATH` and `restore PATH` of kim-bot."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Coroutine, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.config import Config
from bot.ops import backup, checks, doctor

COMMANDS = ("doctor", "backup", "restore")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The three subcommands and their arguments."""
    sub.add_parser("doctor", help="periksa pemasangan: token, grup, hak admin, berita, database")
    save = sub.add_parser("backup", help="cadangkan database (aman saat bot berjalan)")
    save.add_argument(
        "path", type=Path, help="berkas cadangan baru, mis. cadangan/kim-2026-11-30.sqlite3"
    )
    back = sub.add_parser("restore", help="pulihkan database dari cadangan (bot harus berhenti)")
    back.add_argument("path", type=Path, help="berkas cadangan")


Sources = Callable[[Config], Sequence[tuple[str, str]]]


def job(
    config: Config, args: argparse.Namespace, sources: Sources, now: datetime
) -> Coroutine[Any, Any, int]:
    """The coroutine that runs the subcommand and prints its result."""
    if args.command == "doctor":
        return _doctor(config, sources(config), now)
    if args.command == "backup":
        return _printed(backup.backup(config, args.path))
    return _printed(backup.restore(config, args.path, now))


async def _doctor(config: Config, sources: Sequence[tuple[str, str]], now: datetime) -> int:
    found = await doctor.examine(config, sources, now)
    print(checks.render(found), flush=True)
    return checks.exit_code(found)


async def _printed(work: Coroutine[Any, Any, tuple[int, str]]) -> int:
    code, line = await work
    print(line, flush=True)
    return code

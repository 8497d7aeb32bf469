"""What runs on a schedule or goes to many chats, one package per activity.

`start_services(app)` runs in post_init, once the Store and the outbox are up; `stop_services`
in post_stop. The command line's activity subcommands (`kim-bot feeds …`,
`kim-bot aspirasi export …`) are listed here too.
"""

from __future__ import annotations

import argparse
from collections.abc import Coroutine
from typing import Any

from bot.config import Config
from bot.context import KimApplication
from broadcasts import akses, aspirasi, diseminasi, diskusi, implementasi, jaringan, laporan
from broadcasts.laporan import cli as laporan_cli


async def start_services(app: KimApplication) -> None:
    """Start each activity's jobs and workers, rebuilt from the database."""
    await akses.start(app)  # feed polls and the news digest
    await diseminasi.start(app)  # siaran jobs, missed runs, receipt reminders
    diskusi.start(app)  # idle threads: one reminder, then closed
    await aspirasi.start(app)  # opd.yaml, the holidays, the daily deadlines job
    await implementasi.start(app)  # "tindak lanjut" reminders, missed ones sent on return
    await jaringan.start(app)  # agenda reminders, missed ones sent before the event
    laporan.start(app)  # the monthly report to the desk, made up at start when missed


async def stop_services(app: KimApplication) -> None:
    """Stop each activity's workers (jobs stop with the JobQueue)."""
    await akses.stop(app)


def add_commands(sub: Any) -> None:
    """Add the activities' `kim-bot` subcommands."""
    akses.cli.add_feeds_parser(sub)
    aspirasi.cli.add_aspirasi_parser(sub)
    laporan_cli.add_laporan_parser(sub)


def run_command(config: Config, args: argparse.Namespace) -> Coroutine[Any, Any, int] | None:
    """The coroutine of an activity's subcommand, or None when the command is not one."""
    if args.command == "feeds":
        return akses.cli.feeds_command(config, args)
    if args.command == "aspirasi":
        return aspirasi.cli.aspirasi_command(config, args)
    if args.command == "laporan":
        return laporan_cli.laporan_command(config, args)
    return None

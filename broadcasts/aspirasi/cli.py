"""`kim-bot aspirasi export --dari YYYY-MM-DD --sampai YYYY-MM-DD --format csv [--out FILE]`.

The tickets filed in the period (dates in KIM_TIMEZONE, both days included) as CSV for
SP4N-LAPOR! (columns: broadcasts/aspirasi/export.py, README "Ekspor aspirasi"). The database
is opened read-only, so it runs beside the bot. The CSV goes to FILE (with a byte order mark,
for Excel) or to stdout (without); the summary line goes to stderr. A bad argument is one
Indonesian line and exit code 2.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import sys
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from bot.config import Config
from bot.models.aspirasi import Aspiration, Identity
from bot.store import Store
from bot.wilayah import load_region
from broadcasts.aspirasi.export import export_rows, select_period, write_csv
from broadcasts.aspirasi.opd import load_opd_config

BAD_ARGUMENTS = 2
FORMATS = ("csv",)


class ArgumentProblem(ValueError):
    """An argument of the export that cannot be used; the message is one Indonesian line."""


@dataclass(frozen=True)
class Period:
    """The local dates of an export, both included."""

    first: date
    last: date

    def bounds(self, config: Config) -> tuple[datetime, datetime]:
        """The period as [start, end) moments in KIM_TIMEZONE."""
        tz = config.timezone
        start = datetime.combine(self.first, time.min, tzinfo=tz)
        return start, datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=tz)


def add_aspirasi_parser(sub: Any) -> None:
    """Add `aspirasi export` to kim-bot's subcommands."""
    aspirasi = sub.add_parser("aspirasi", help="aspirasi warga: ekspor untuk SP4N-LAPOR!")
    actions = aspirasi.add_subparsers(dest="aspirasi_command", metavar="AKSI", required=True)
    export = actions.add_parser("export", help="ekspor aspirasi satu periode (CSV)")
    export.add_argument("--dari", required=True, metavar="YYYY-MM-DD",
                        help="tanggal lapor pertama (termasuk)")  # fmt: skip
    export.add_argument("--sampai", required=True, metavar="YYYY-MM-DD",
                        help="tanggal lapor terakhir (termasuk)")  # fmt: skip
    export.add_argument("--format", default="csv", metavar="FORMAT", help="csv (satu-satunya)")
    export.add_argument("--out", type=Path, metavar="FILE",
                        help="tulis ke berkas ini (tanpa --out: ke layar / stdout)")  # fmt: skip


def aspirasi_command(config: Config, args: argparse.Namespace) -> Coroutine[Any, Any, int]:
    """The coroutine that runs the chosen `aspirasi` action."""
    return export(config, args)


def parse_period(dari: str, sampai: str) -> Period:
    """The period the arguments name; ArgumentProblem when a date is not one, or reversed."""
    first, last = _date("--dari", dari), _date("--sampai", sampai)
    if first > last:
        raise ArgumentProblem(f"--dari ({first.isoformat()}) jatuh sesudah --sampai "
                              f"({last.isoformat()}); tukar kedua tanggalnya.")  # fmt: skip
    return Period(first, last)


def _date(option: str, text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ArgumentProblem(f"{option} '{text}' bukan tanggal yang benar: tulis YYYY-MM-DD, "
                              "mis. 2026-11-01.") from None  # fmt: skip


async def export(config: Config, args: argparse.Namespace) -> int:
    """Write the period's tickets as CSV; 0 when written, 2 for a bad argument."""
    try:
        period = parse_period(args.dari, args.sampai)
        if args.format.strip().lower() not in FORMATS:
            raise ArgumentProblem(f"--format '{args.format}' tidak dikenal; pilihan: csv.")
    except ArgumentProblem as problem:
        print(problem, file=sys.stderr)
        return BAD_ARGUMENTS
    text, count = await export_text(config, period, bom=args.out is not None)
    if args.out is None:
        sys.stdout.write(text)
        where = "layar"
    else:
        try:
            await asyncio.to_thread(args.out.write_text, text, encoding="utf-8", newline="")
        except OSError as error:
            print(f"Tidak bisa menulis {args.out}: {error.strerror or error}.", file=sys.stderr)
            return 1
        where = str(args.out)
    print(f"Diekspor {count} aspirasi ({period.first.isoformat()} s.d. "
          f"{period.last.isoformat()}) ke {where}.", file=sys.stderr)  # fmt: skip
    return 0


async def export_text(config: Config, period: Period, *, bom: bool) -> tuple[str, int]:
    """The period's CSV and how many tickets it holds, read through a read-only Store."""
    since, until = period.bounds(config)
    store = await Store.connect_read_only(config.db_path)
    try:
        tickets = await store.aspirations_filed(since, until)
        events = await store.events_of_filed(since, until)
        names = await _hidden_names(store, tickets)
    finally:
        await store.close()
    region = await asyncio.to_thread(load_region, config.kabupaten)
    opds = (await asyncio.to_thread(load_opd_config, config.opd_file)).value
    chosen = select_period(tickets, period.first, period.last, config.timezone)
    rows = export_rows(chosen, events, tz=config.timezone, region=region, opds=opds,
                       known_names=names)  # fmt: skip
    buffer = io.StringIO(newline="")
    count = write_csv(rows, buffer, bom=bom)
    return buffer.getvalue(), count


async def _hidden_names(store: Store, tickets: list[Aspiration]) -> dict[int, list[str]]:
    """The names the bot knows of each reporter who chose not to be shown (to mask them)."""
    hidden = {a.reporter_id for a in tickets if a.identity is not Identity.SHOWN}
    return {rid: await store.known_names(rid) for rid in sorted(r for r in hidden if r)}

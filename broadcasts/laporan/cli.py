"""`kim-bot laporan --bulan 2026-11 [--kecamatan KODE] --out DIR`: the month's report as
files (HTML, CSV, PNG), the same as /laporan sends. A bad month or kecamatan code is one
Indonesian line and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.config import Config
from bot.models.laporan import Month
from bot.store import Store
from bot.texts import Texts
from bot.wilayah import load_region
from broadcasts.laporan.files import Inputs, make_files
from broadcasts.laporan.measures import Scope

BAD_INPUT = 2


def add_laporan_parser(sub: Any) -> None:
    """Add `laporan` to kim-bot's subcommands."""
    parser = sub.add_parser("laporan", help="tulis laporan kegiatan KIM sebulan (HTML, CSV, PNG)")
    parser.add_argument("--bulan", required=True, help="bulan laporan, mis. 2026-11")
    parser.add_argument("--kecamatan", help="kode kecamatan, mis. 61.06.01 (bawaan: semua)")
    parser.add_argument("--out", type=Path, required=True, help="folder tujuan berkas")


async def laporan_command(config: Config, args: argparse.Namespace) -> int:
    """Write the report's files into --out; print where they are."""
    month = Month.parse(args.bulan)
    if month is None:
        print(f"Bulan tidak dikenali: {args.bulan!r}; tulis seperti 2026-11.", file=sys.stderr)
        return BAD_INPUT
    region = load_region(config.kabupaten)
    if args.kecamatan and region.kecamatan_by_code(args.kecamatan) is None:
        print(f"Kode kecamatan {args.kecamatan!r} tidak ada di {region.nama_kabupaten}; "
              "lihat `kim-bot kim list`.", file=sys.stderr)  # fmt: skip
        return BAD_INPUT
    store = await Store.connect(config.db_path)
    try:
        inputs = Inputs(store, Texts(tz=config.timezone), region, config.timezone)
        files = await make_files(inputs, month, Scope(kecamatan=args.kecamatan), config.clock())
    finally:
        await store.close()
    args.out.mkdir(parents=True, exist_ok=True)
    for suffix, data in ((".html", files.html), (".csv", files.csv), (".png", files.png)):
        path = args.out / f"{files.stem}{suffix}"
        path.write_bytes(data)
        print(path)
    return 0

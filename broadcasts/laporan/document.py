"""The report as files (pure): a printable HTML page (Jinja2, autoescaped, CSS inline) and a
CSV for spreadsheets (UTF-8 with a byte order mark for Excel; text cells that a spreadsheet
would run as a formula start with an apostrophe). A measure not recorded yet is "—" in the
page and an empty cell in the CSV, never a zero.
"""

from __future__ import annotations

import csv
import io
from datetime import tzinfo
from typing import Any

from bot.dates import MONTHS
from bot.models.laporan import (
    ACTIVE_SCORE,
    ACTIVITIES,
    INACTIVE_AFTER,
    MEASURES,
    WEIGHTS,
    Month,
)
from bot.texts import Texts
from bot.wilayah import Region
from broadcasts.laporan.measures import KimLine, Report
from handlers.laporan import labels

PAGE = "laporan/report.page.j2"
FIXED_COLUMNS = ("bulan", "kecamatan_kode", "kecamatan", "kim_id", "kim", "desa")
TAIL_COLUMNS = ("skor", "status", "aktivitas_terakhir")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def month_name(month: Month) -> str:
    """ "November 2026"."""
    return f"{MONTHS[month.month - 1]} {month.year}"


def file_stem(report: Report, scope_slug: str) -> str:
    """The files' name without extension: laporan-kim-2026-11[-<scope>]."""
    return f"laporan-kim-{report.month}" + (f"-{scope_slug}" if scope_slug else "")


def render_html(texts: Texts, report: Report, region: Region, scope_name: str) -> str:
    """The printable HTML report."""
    page = texts.environment.overlay(autoescape=True).get_template(PAGE)
    return page.render(**_values(report, region, scope_name))


def _values(report: Report, region: Region, scope_name: str) -> dict[str, Any]:
    columns = [(activity, [k for a, k in MEASURES if a == activity]) for activity in ACTIVITIES]
    desa = {line.kim.id: _desa(region, line) for line in report.lines}
    return {
        "report": report, "month": month_name(report.month), "scope": scope_name,
        "columns": columns, "labels": labels, "desa": desa, "kabupaten": region.nama_kabupaten,
        "trend": [(month_name(p.month), p) for p in report.trend],
        "weights": list(WEIGHTS.items()), "active_score": ACTIVE_SCORE,
        "inactive_days": INACTIVE_AFTER.days,
    }  # fmt: skip


def render_csv(report: Report, region: Region, tz: tzinfo) -> bytes:
    """One row per KIM (its last activity as a date in `tz`); UTF-8 with BOM."""
    stream = io.StringIO(newline="")
    stream.write("\ufeff")
    keys = [key for _, key in MEASURES]
    writer = csv.writer(stream)
    writer.writerow([*FIXED_COLUMNS, *keys, *TAIL_COLUMNS])
    for group in report.groups:
        for line in group.lines:
            fixed = [str(report.month), group.kode, group.nama, str(line.kim.id), line.kim.nama,
                     _desa(region, line)]  # fmt: skip
            values = ["" if line.values[k] is None else str(line.values[k]) for k in keys]
            last = line.last_active.astimezone(tz).date().isoformat() if line.last_active else ""
            tail = [str(line.score), labels.STATUS[line.status.value], last]
            writer.writerow([*map(_safe, fixed), *values, *tail])
    return stream.getvalue().encode("utf-8")


def _desa(region: Region, line: KimLine) -> str:
    desa = region.desa_by_code(line.kim.desa_kode)
    return desa.nama if desa else line.kim.desa_kode


def _safe(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value

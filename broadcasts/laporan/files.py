"""A report, made whole: the month's numbers read from the store, then the summary message,
the HTML page, the CSV and the chart (drawn off the event loop). Used by /laporan, the
monthly job and `kim-bot laporan`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, tzinfo

from bot.models.laporan import ACTIVITIES, MEASURES, Month, Status
from bot.store import Store
from bot.texts import Texts
from bot.wilayah import Region
from broadcasts.laporan.chart import render_chart
from broadcasts.laporan.collect import build_report
from broadcasts.laporan.document import file_stem, month_name, render_csv, render_html
from broadcasts.laporan.measures import Report, Scope
from handlers.laporan import labels


@dataclass(frozen=True)
class Inputs:
    """What making a report needs: the database, the texts, the region and the timezone."""

    store: Store
    texts: Texts
    region: Region
    tz: tzinfo


@dataclass(frozen=True)
class ReportFiles:
    """A report as Telegram and a desk read it."""

    report: Report
    stem: str
    summary: str  # Telegram HTML
    caption: str  # Telegram HTML, for the files
    html: bytes
    csv: bytes
    png: bytes


async def make_files(inputs: Inputs, month: Month, scope: Scope, now: datetime) -> ReportFiles:
    """The report of `month` for `scope`, with its summary, page, CSV and chart."""
    report = await build_report(inputs.store, inputs.region, month, scope, inputs.tz, now)
    name = scope_name(scope, inputs.region, report)
    texts = inputs.texts
    values = {"bulan": month_name(month), "cakupan": name}
    html = await asyncio.to_thread(render_html, texts, report, inputs.region, name)
    png = await asyncio.to_thread(render_chart, report, name)
    return ReportFiles(
        report, file_stem(report, _slug(scope)),
        texts.render("laporan/summary", **values, **summary_values(report)),
        texts.render("laporan/caption", **values),
        html.encode("utf-8"), render_csv(report, inputs.region, inputs.tz), png,
    )  # fmt: skip


def scope_name(scope: Scope, region: Region, report: Report) -> str:
    """What the report covers, in words."""
    if scope.kim_id is not None and report.lines:
        kim = report.lines[0].kim
        return f"{kim.nama} ({_kecamatan(region, kim.kecamatan_kode)})"
    if scope.kecamatan is not None:
        return f"Kecamatan {_kecamatan(region, scope.kecamatan)}"
    return "Semua kecamatan"


def summary_values(report: Report) -> dict[str, object]:
    """The summary template's numbers: counts by status and one line per activity."""
    totals = report.totals
    rows: list[tuple[str, str | None]] = []
    for activity in ACTIVITIES:
        keys = [k for a, k in MEASURES if a == activity]
        if activity not in report.recorded:
            rows.append((labels.ACTIVITY[activity], None))
            continue
        parts = [f"{labels.MEASURE[k].lower()} {totals[k]}" for k in keys]
        rows.append((labels.ACTIVITY[activity], " · ".join(parts)))
    return {
        "jumlah_kim": len(report.lines), "aktif": report.count(Status.AKTIF),
        "kurang": report.count(Status.KURANG), "tidak": report.count(Status.TIDAK),
        "skor": report.score, "baris": rows,
    }  # fmt: skip


def _kecamatan(region: Region, kode: str) -> str:
    found = region.kecamatan_by_code(kode)
    return found.nama if found else kode


def _slug(scope: Scope) -> str:
    if scope.kim_id is not None:
        return f"kim{scope.kim_id}"
    return scope.kecamatan.replace(".", "") if scope.kecamatan else ""

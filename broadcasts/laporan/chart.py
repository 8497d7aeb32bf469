"""The report's chart as a PNG (pure, matplotlib's Agg canvas: no display, no global pyplot
state, safe in a worker thread): ADINDA score per kecamatan, stacked by activity, and the
trend of the last months. Sized for a phone: 1080 px wide, large labels, Indonesian months.
matplotlib is imported when a chart is drawn, not when the bot starts (it takes a second).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from bot.dates import MONTHS_SHORT
from bot.models.laporan import ACTIVITIES
from broadcasts.laporan.document import month_name
from broadcasts.laporan.measures import Report
from handlers.laporan import labels

if TYPE_CHECKING:
    from matplotlib.axes import Axes

COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#d62728", "#8c564b")
FONT = 15
WIDTH_IN, DPI = 7.2, 150  # 1080 px wide


def render_chart(report: Report, scope_name: str) -> bytes:
    """The chart of a report, as PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = max(len(report.groups), 1)
    figure = Figure(figsize=(WIDTH_IN, 4.5 + 0.45 * rows), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    top, bottom = figure.subplots(2, 1, height_ratios=[max(rows, 3), 3])
    figure.suptitle(f"{month_name(report.month)} — {scope_name}", fontsize=FONT + 3)
    _by_kecamatan(top, report)
    _trend(bottom, report)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _by_kecamatan(axes: Axes, report: Report) -> None:
    names = [group.nama for group in report.groups]
    scores = [report.activity_scores(group) for group in report.groups]
    left = [0] * len(names)
    rows = range(len(names))  # positions, labelled below: names are not read as numbers
    for activity, colour in zip(ACTIVITIES, COLOURS, strict=True):
        widths = [s[activity] for s in scores]
        if any(widths):
            axes.barh(rows, widths, left=left, color=colour, label=labels.ACTIVITY[activity])
            left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.set_yticks(list(rows), names)
    axes.set_title(labels.CHART_TITLE, fontsize=FONT + 1)
    axes.invert_yaxis()  # the first kecamatan on top, as in the report
    axes.tick_params(labelsize=FONT)
    if not any(left):
        axes.text(0.5, 0.5, labels.CHART_EMPTY, ha="center", va="center", fontsize=FONT,
                  transform=axes.transAxes)  # fmt: skip
        return
    axes.legend(fontsize=FONT - 3, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3)


def _trend(axes: Axes, report: Report) -> None:
    names = [f"{MONTHS_SHORT[p.month.month - 1]}\n{p.month.year}" for p in report.trend]
    scores = [p.score for p in report.trend]
    active = [p.aktif for p in report.trend]
    months = list(range(len(names)))  # positions: "Nov 2026" would be read as a date
    axes.plot(months, scores, marker="o", linewidth=3, markersize=9, label=labels.CHART_SCORE)
    axes.plot(months, active, marker="s", linewidth=2, markersize=7, linestyle="--",
              label=labels.CHART_ACTIVE)  # fmt: skip
    axes.set_xticks(months, names)
    for x, y in zip(months, scores, strict=True):
        axes.annotate(str(y), (x, y), textcoords="offset points", xytext=(0, 8),
                      ha="center", fontsize=FONT - 2)  # fmt: skip
    axes.set_title(labels.CHART_TREND, fontsize=FONT + 1)
    axes.tick_params(labelsize=FONT - 2)
    axes.set_ylim(bottom=0, top=max([*scores, *active, 1]) * 1.25)
    axes.legend(fontsize=FONT - 3, loc="upper left")

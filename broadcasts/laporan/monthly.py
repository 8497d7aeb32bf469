"""The monthly report: on the 1st at 08:00 (config timezone) last month's report goes to the
Diskominfo desk by itself, through the outbox; KIMs that turned "tidak aktif" in that month
get a friendly nudge in their group, and the desk their list by kecamatan.

Everything is keyed by month in the outbox (kind "laporan"), so a report goes out once
whatever restarts come between; a run missed while the bot was down is made up at start.
A nudge is keyed by the KIM and the start of its quiet stretch: once each.
"""

from __future__ import annotations

from datetime import datetime, time, tzinfo

from bot.context import BotContext, KimApplication
from bot.models.laporan import INACTIVE_AFTER, Month, Status
from bot.outbox import text_message, upload_document, upload_photo
from bot.telegram_length import split_html
from broadcasts.laporan.files import Inputs, ReportFiles, make_files
from broadcasts.laporan.measures import KimLine, Report, Scope

KIND = "laporan"
SEND_AT = time(8, 0)
JOB_NAME = "broadcast:laporan:bulanan"
MAKE_UP_AFTER = 60  # seconds after start: the report a downtime missed


def start_monthly(app: KimApplication) -> None:
    """Schedule the report for the 1st of each month, and a make-up run after start."""
    assert app.job_queue is not None
    tz = BotContext(app).config.timezone
    app.job_queue.run_monthly(send_monthly_report, SEND_AT.replace(tzinfo=tz), 1, name=JOB_NAME)
    app.job_queue.run_once(send_monthly_report, MAKE_UP_AFTER, name=f"{JOB_NAME}:susulan")


def due_month(now: datetime, context: BotContext) -> Month:
    """The last month whose report is due by `now` (the one before last until 08:00 on the
    1st)."""
    tz = context.config.timezone
    current = Month.of(now, tz)
    due_at = datetime.combine(current.start(tz).date(), SEND_AT, tzinfo=tz)
    return current.shift(-1 if now >= due_at else -2)


async def send_monthly_report(context: BotContext) -> None:
    """Job: queue the due month's report for the desk and the nudges, once."""
    await queue_monthly_report(context, context.config.clock())


async def queue_monthly_report(context: BotContext, now: datetime) -> Month | None:
    """Queue the due month's report (unless it was queued before); the month, or None."""
    month = due_month(now, context)
    item = f"bulanan:{month}"
    if await context.store.outbox_batch_exists(KIND, f"{item}:ringkasan"):
        return None
    inputs = Inputs(context.store, context.texts, context.region, context.config.timezone)
    files = await make_files(inputs, month, Scope(), now)
    turned = newly_inactive(files.report, inputs.tz)
    async with context.store.transaction():
        await _to_desk(context, item, files, turned)
        for line in turned:
            await _nudge(context, line)
    return month


def newly_inactive(report: Report, tz: tzinfo) -> list[KimLine]:
    """The KIMs that turned "tidak aktif" during the report's month (or since)."""
    start = report.month.start(tz)
    quiet = [line for line in report.lines if line.status == Status.TIDAK]
    return [line for line in quiet if _quiet_from(line) + INACTIVE_AFTER >= start]


async def _to_desk(context: BotContext, item: str, files: ReportFiles,
                   turned: list[KimLine]) -> None:  # fmt: skip
    desk = context.config.desk_chat_id
    if desk is None:
        return
    messages = {
        "ringkasan": text_message(desk, files.summary),
        "html": upload_document(desk, f"{files.stem}.html", files.html, files.caption),
        "csv": upload_document(desk, f"{files.stem}.csv", files.csv, files.caption),
        "grafik": upload_photo(desk, f"{files.stem}.png", files.png, files.caption),
    }
    if turned:
        text = context.texts.render("laporan/inactive_desk", bulan=str(files.report.month),
                                    kelompok=_by_kecamatan(files.report, turned))  # fmt: skip
        for number, part in enumerate(split_html(text), start=1):
            messages[f"tidak-aktif:{number}"] = text_message(desk, part)
    for name, message in messages.items():
        await context.outbox.submit(KIND, f"{item}:{name}", [message])


async def _nudge(context: BotContext, line: KimLine) -> None:
    if line.kim.chat_id is None:
        return
    text = context.texts.render("laporan/nudge", kim_name=line.kim.nama,
                                days=INACTIVE_AFTER.days)  # fmt: skip
    item = f"sapaan:{line.kim.id}:{int(_quiet_from(line).timestamp())}"
    await context.outbox.submit(KIND, item, [text_message(line.kim.chat_id, text)])


def _quiet_from(line: KimLine) -> datetime:
    """Since when the KIM has been quiet: its last act, or its verification."""
    return max(line.kim.since, line.last_active) if line.last_active else line.kim.since


def _by_kecamatan(report: Report, lines: list[KimLine]) -> list[tuple[str, list[str]]]:
    """The KIMs' names by kecamatan name, in the report's order."""
    chosen = {line.kim.id for line in lines}
    found = [(g.nama, [x.kim.nama for x in g.lines if x.kim.id in chosen]) for g in report.groups]
    return [(name, names) for name, names in found if names]

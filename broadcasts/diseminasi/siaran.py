"""Diskominfo broadcasts (siaran), the pure part: who gets one, what each KIM reads, and when.

Targets are selected from plain Kim records, texts are rendered per KIM through the sandboxed
user-template environment, and each KIM's message carries the "Sudah disebarluaskan" button.
Run times are computed in local time (WIB): daily, weekly, or monthly clamped to month end.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from time import monotonic

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.models.diseminasi import Content, ContentKind, Schedule, ScheduleKind, Target, TargetKind
from bot.models.registrasi import Kim, KimStatus
from bot.outbox import OutboxMessage, copy_message, document_message, photo_message, text_message
from bot.sandbox import template_source
from bot.telegram_length import truncate_html, visible_length
from bot.texts import TemplateInputError, Texts
from bot.wilayah import Region
from broadcasts.diskusi.buttons import discuss_siaran
from handlers.diseminasi import labels
from handlers.diseminasi.callbacks import RECEIPT

CAPTION_LIMIT = 1024
PREVIEW_BUDGET_S = 5.0
TEXT_LIMIT = 4096
KIND = "broadcast"


@dataclass(frozen=True)
class KimVars:
    """What a broadcast template may use: {{ kim.nama }}, {{ kim.desa }}, {{ kim.kecamatan }}."""

    nama: str
    desa: str
    kecamatan: str


@dataclass(frozen=True)
class Addressee:
    """One KIM group a run goes to, with its template variables (and, for a forum group, the
    topic it receives broadcasts in)."""

    kim_id: int
    chat_id: int
    vars: KimVars
    thread_id: int | None = None


def kim_vars(kim: Kim, region: Region) -> KimVars:
    """The template variables of a KIM (place names from the regency's reference data)."""
    desa = region.desa_by_code(kim.desa_kode)
    kecamatan = region.kecamatan_by_code(kim.kecamatan_kode)
    return KimVars(
        kim.nama,
        desa.nama if desa else kim.desa_kode,
        kecamatan.nama if kecamatan else kim.kecamatan_kode,
    )


def addressees(
    kims: Sequence[Kim], region: Region, threads: Mapping[int, int] | None = None
) -> list[Addressee]:
    """The reachable KIMs as addressees (`threads`: a forum group's topic, by KIM id)."""
    threads = threads or {}
    return [
        Addressee(k.id, k.chat_id, kim_vars(k, region), threads.get(k.id))
        for k in kims
        if k.chat_id is not None
    ]


def reachable(kim: Kim) -> bool:
    """A verified, active KIM with a Telegram group."""
    return kim.status == KimStatus.VERIFIED and kim.active and kim.chat_id is not None


def select_targets(
    kims: Sequence[Kim], target: Target, topic_kim_ids: frozenset[int] = frozenset()
) -> list[Kim]:
    """The reachable KIMs a target names (for topics: those in `topic_kim_ids`)."""
    return [k for k in kims if reachable(k) and _named(k, target, topic_kim_ids)]


def _named(kim: Kim, target: Target, topic_kim_ids: frozenset[int]) -> bool:
    """Whether a target names this KIM."""
    if target.kind == TargetKind.KECAMATAN:
        return kim.kecamatan_kode in target.values
    if target.kind == TargetKind.KIM:
        return str(kim.id) in target.values
    if target.kind == TargetKind.TOPIC:
        return kim.id in topic_kim_ids
    return True


def render(texts: Texts, content: Content, values: KimVars) -> str | None:
    """A KIM's text or caption (TemplateInputError on a bad template); None for copies.

    The template is the broadcaster's formatted text as Telegram HTML: its formatting stays,
    and the code inside {{ }} is read as typed (template_source). Slow: run off the loop.
    """
    if content.template is None or content.kind == ContentKind.COPY:
        return None
    return texts.render_string(template_source(content.template), kim=values)


def limit_of(content: Content) -> int:
    """Telegram's length limit for this content: 1024 for captions, 4096 for texts."""
    return TEXT_LIMIT if content.kind == ContentKind.TEXT else CAPTION_LIMIT


def first_too_long(
    texts: Texts, content: Content, values: Sequence[KimVars], budget_s: float = PREVIEW_BUDGET_S
) -> tuple[KimVars, int] | None:
    """The first KIM whose rendered text exceeds the limit, with that length; else None.

    TemplateInputError when a KIM's text fails, or when all of them together take longer than
    `budget_s` (a template that is slow for thousands of KIMs is refused at the preview).
    """
    deadline = monotonic() + budget_s
    for one in values:
        if monotonic() > deadline:
            raise TemplateInputError(texts.render("bot/template_error/limit_total.txt.j2"))
        rendered = render(texts, content, one)
        if rendered is not None and visible_length(rendered) > limit_of(content):
            return one, visible_length(rendered)
    return None


def receipt_markup(run_id: int, discuss: bool = True) -> InlineKeyboardMarkup:
    """The "Sudah disebarluaskan" button of a run, and (unless told) its "Diskusikan"."""
    receipt = InlineKeyboardButton(labels.RECEIPT, callback_data=RECEIPT.data(run_id))
    return InlineKeyboardMarkup([[receipt], [discuss_siaran(run_id)]] if discuss else [[receipt]])


def message_for(
    content: Content, chat_id: int, rendered: str | None, markup: InlineKeyboardMarkup | None,
    thread_id: int | None = None,
) -> OutboxMessage:  # fmt: skip
    """One chat's message of a broadcast (into a forum topic when `thread_id` names one)."""
    caption = truncate_html(rendered, CAPTION_LIMIT) if rendered else None
    if content.kind == ContentKind.PHOTO:
        assert content.file_id is not None
        return photo_message(chat_id, content.file_id, caption, markup, thread_id)
    if content.kind == ContentKind.DOCUMENT:
        assert content.file_id is not None
        return document_message(chat_id, content.file_id, caption, markup, thread_id)
    if content.kind == ContentKind.COPY:
        assert content.from_chat_id is not None
        assert content.message_id is not None
        return copy_message(chat_id, content.from_chat_id, content.message_id, markup, thread_id)
    return text_message(chat_id, truncate_html(rendered or "", TEXT_LIMIT), markup, thread_id)


def build_messages(
    texts: Texts, content: Content, to: Sequence[Addressee], run_id: int
) -> list[OutboxMessage]:
    """Every addressee's rendered message, each with the run's receipt button."""
    markup = receipt_markup(run_id)
    return [
        message_for(content, a.chat_id, render(texts, content, a.vars), markup, a.thread_id)
        for a in to
    ]


def local_moment(day: date, at: time, tz: tzinfo) -> datetime:
    """A local date and time as an aware UTC datetime."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def next_run(schedule: Schedule, after: datetime, tz: tzinfo) -> datetime | None:
    """The first occurrence strictly after `after` (UTC); None for a one-off broadcast."""
    if not schedule.recurring:
        return None
    assert schedule.at is not None
    start = after.astimezone(tz).date()
    for day in _candidate_days(schedule, start):
        moment = local_moment(day, schedule.at, tz)
        if moment > after:
            return moment
    raise AssertionError("a recurring schedule always has a next occurrence")


def _candidate_days(schedule: Schedule, start: date) -> Iterator[date]:
    """Days on which the schedule fires, from `start` on (enough to find the next one)."""
    if schedule.kind == ScheduleKind.MONTHLY:
        assert schedule.day is not None
        year, month = start.year, start.month
        for _ in range(14):
            last = calendar.monthrange(year, month)[1]
            yield date(year, month, min(schedule.day, last))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return
    for offset in range(9):
        day = start + timedelta(days=offset)
        if schedule.kind == ScheduleKind.DAILY or day.weekday() == schedule.weekday:
            yield day

"""The /siaran draft: conversation steps, what is kept between them, and its keyboards.

The draft lives in user_data as JSON (persisted in SQLite), so a restart mid-way loses
nothing. Parsing here is pure: a message becomes Content, typed names become KIM ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from enum import IntEnum
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.broadcast_models import Content, ContentKind, Schedule, ScheduleKind, Target, TargetKind
from bot.context import BotContext
from bot.models import Kim
from bot.wilayah import normalize_name
from broadcasts import labels
from broadcasts.siaran import KimVars
from handlers.common import end_scratch, scratch

DRAFT = "siaran"
SAMPLE = KimVars("KIM Contoh Maju Bersama", "Desa Contoh", "Kecamatan Contoh")


class Step(IntEnum):
    """The /siaran conversation's states."""

    CONTENT = 0
    TARGET = 1
    PICK = 2
    KIM_NAMES = 3
    TIME = 4
    DATETIME = 5
    WEEKDAY = 6
    MONTHDAY = 7
    CLOCK = 8
    CONFIRM = 9


def draft_of(context: BotContext) -> dict[str, Any]:
    """The broadcast draft of the current user (created empty when missing)."""
    return scratch(context, DRAFT)


def finish(context: BotContext) -> int:
    """Forget the draft and end the conversation."""
    return end_scratch(context, DRAFT)


def content_of(message: Message) -> Content | None:
    """A message as broadcast content: forwarded → copy, photo, document, or text."""
    if message.forward_origin is not None:
        return Content(ContentKind.COPY, None, None, message.chat_id, message.message_id)
    caption = message.caption_html if message.caption else None
    if message.photo:
        return Content(ContentKind.PHOTO, caption, message.photo[-1].file_id)
    if message.document:
        return Content(ContentKind.DOCUMENT, caption, message.document.file_id)
    if message.text:
        return Content(ContentKind.TEXT, message.text_html)
    return None


def content_to_json(content: Content) -> dict[str, Any]:
    """Content as draft JSON."""
    return {
        "kind": content.kind,
        "template": content.template,
        "file_id": content.file_id,
        "from_chat_id": content.from_chat_id,
        "message_id": content.message_id,
    }


def draft_content(draft: dict[str, Any]) -> Content:
    """The draft's content."""
    raw = draft["content"]
    return Content(
        ContentKind(raw["kind"]),
        raw["template"],
        raw["file_id"],
        raw["from_chat_id"],
        raw["message_id"],
    )


def draft_target(draft: dict[str, Any]) -> Target:
    """The draft's target."""
    raw = draft["target"]
    return Target(TargetKind(raw["kind"]), tuple(raw["values"]))


def draft_schedule(draft: dict[str, Any]) -> Schedule:
    """The draft's schedule (local time of day for recurring ones)."""
    raw = draft["schedule"]
    at = time.fromisoformat(raw["at"]) if raw.get("at") else None
    return Schedule(ScheduleKind(raw["kind"]), at, raw.get("weekday"), raw.get("day"))


def draft_first_run(draft: dict[str, Any]) -> datetime | None:
    """When the first run is due (None: now)."""
    raw = draft.get("run_at")
    return datetime.fromisoformat(raw) if raw else None


def match_kims(typed: str, kims: Sequence[Kim]) -> tuple[list[Kim], list[str]]:
    """KIMs named in comma- or line-separated text, and the names that matched none."""
    by_name: dict[str, list[Kim]] = {}
    for kim in kims:
        by_name.setdefault(normalize_name(kim.nama), []).append(kim)
    found: dict[int, Kim] = {}
    unknown: list[str] = []
    for name in (n.strip() for n in typed.replace("\n", ",").split(",")):
        if not name:
            continue
        matches = by_name.get(normalize_name(name), [])
        found.update((k.id, k) for k in matches)
        if not matches:
            unknown.append(name[:60])
    return list(found.values()), unknown


def _cancel_row() -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(labels.CANCEL, callback_data="siaran:batal")]


def _column(pairs: Sequence[tuple[str, str]], width: int = 1) -> list[list[InlineKeyboardButton]]:
    buttons = [InlineKeyboardButton(label, callback_data=data) for data, label in pairs]
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def target_keyboard() -> InlineKeyboardMarkup:
    """All verified KIMs, per kecamatan, per topic, or named KIMs."""
    pairs = [(f"siaran:target:{key}", label) for key, label in labels.TARGETS.items()]
    return InlineKeyboardMarkup([*_column(pairs), _cancel_row()])


def pick_keyboard(
    options: Sequence[tuple[str, str]], picked: Sequence[str]
) -> InlineKeyboardMarkup:
    """Toggle buttons (✅ when picked) and a done button."""
    pairs = [
        (f"siaran:pilih:{value}", f"✅ {label}" if value in picked else label)
        for value, label in options
    ]
    done = [InlineKeyboardButton(labels.DONE, callback_data="siaran:pilih:ok")]
    return InlineKeyboardMarkup([*_column(pairs, 2), done, _cancel_row()])


def time_keyboard() -> InlineKeyboardMarkup:
    """Now, at a date and time, daily, weekly or monthly."""
    pairs = [(f"siaran:waktu:{key}", label) for key, label in labels.TIMES.items()]
    return InlineKeyboardMarkup([*_column(pairs), _cancel_row()])


def weekday_keyboard() -> InlineKeyboardMarkup:
    """Senin … Minggu."""
    pairs = [(f"siaran:hari:{i}", name) for i, name in enumerate(labels.WEEKDAYS)]
    return InlineKeyboardMarkup([*_column(pairs, 3), _cancel_row()])


def confirm_keyboard() -> InlineKeyboardMarkup:
    """Send or schedule, or cancel."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(labels.CONFIRM, callback_data="siaran:ok"),
                InlineKeyboardButton(labels.CANCEL, callback_data="siaran:batal"),
            ]
        ]
    )

"""The /siaran draft: conversation steps, what is kept between them, and pure parsing.

The draft is one typed object kept through `DRAFT` (persisted in SQLite with the
conversation), so a restart mid-way loses nothing. Parsing here is pure: a message becomes
Content, typed names become KIM ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from enum import IntEnum

from telegram import Message

from bot.models.diseminasi import (
    Content,
    ContentKind,
    Schedule,
    ScheduleKind,
    Target,
    TargetKind,
)
from bot.models.registrasi import Kim
from bot.wilayah import normalize_name
from broadcasts.diseminasi.siaran import KimVars
from handlers.common.draft import DraftSlot, JsonDraft

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


@dataclass
class SiaranDraft(JsonDraft):
    """A broadcast being composed: content, target, schedule, and its first run."""

    content_kind: str | None = None
    template: str | None = None
    file_id: str | None = None
    from_chat_id: int | None = None
    message_id: int | None = None
    target_kind: str | None = None
    target_values: list[str] = field(default_factory=list)
    schedule_kind: str | None = None
    at: str | None = None  # local time of day, "HH:MM", of a recurring broadcast
    weekday: int | None = None
    day: int | None = None
    run_at: str | None = None  # ISO time of the first run; None: now
    preview_kim: int | None = None
    target_count: int = 0

    @property
    def content(self) -> Content:
        """The message to broadcast."""
        assert self.content_kind is not None
        return Content(
            ContentKind(self.content_kind),
            self.template,
            self.file_id,
            self.from_chat_id,
            self.message_id,
        )

    @content.setter
    def content(self, content: Content) -> None:
        self.content_kind, self.template, self.file_id = (
            content.kind,
            content.template,
            content.file_id,
        )
        self.from_chat_id, self.message_id = content.from_chat_id, content.message_id

    @property
    def target(self) -> Target:
        """The KIMs addressed."""
        assert self.target_kind is not None
        return Target(TargetKind(self.target_kind), tuple(self.target_values))

    def aim(self, kind: TargetKind) -> None:
        """Start a new target of this kind, with nothing picked yet."""
        self.target_kind, self.target_values = kind, []

    @property
    def schedule(self) -> Schedule:
        """When it goes out (local time of day for recurring ones)."""
        assert self.schedule_kind is not None
        at = time.fromisoformat(self.at) if self.at else None
        return Schedule(ScheduleKind(self.schedule_kind), at, self.weekday, self.day)

    def plan(self, kind: ScheduleKind) -> None:
        """Start a new schedule of this kind."""
        self.schedule_kind, self.at, self.weekday, self.day, self.run_at = (
            kind,
            None,
            None,
            None,
            None,
        )

    @property
    def first_run(self) -> datetime | None:
        """When the first run is due (None: now)."""
        return datetime.fromisoformat(self.run_at) if self.run_at else None


DRAFT = DraftSlot("siaran", SiaranDraft)


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

"""The submission draft: conversation steps and what is kept between them.

The draft is one typed object kept through `DRAFT` (persisted in SQLite with the
conversation), so a restart mid-way loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from bot.models.aspirasi import Category, Identity
from handlers.common.draft import DraftSlot, JsonDraft


class Step(IntEnum):
    """The submission conversation's states."""

    CATEGORY = 0
    PLACE = 1
    DESA = 2
    TEXT = 3
    VOICE_TEXT = 4
    PHOTOS = 5
    IDENTITY = 6
    NAME = 7
    SUMMARY = 8


@dataclass
class AspirationDraft(JsonDraft):
    """What the citizen (or a KIM member for a citizen) entered so far."""

    kim_id: int | None = None  # filed by a member of this KIM on a citizen's behalf
    category: str | None = None
    kecamatan: str | None = None
    desa: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    text: str | None = None
    voice_file_id: str | None = None
    photos: list[str] = field(default_factory=list)
    identity: str | None = None
    name: str | None = None  # the citizen's name, given by the KIM member (shown identity)
    discussion_title: str | None = None  # carried on from this KIM discussion's conclusion

    @property
    def chosen_category(self) -> Category | None:
        """The category, typed."""
        return Category(self.category) if self.category in set(Category) else None

    @property
    def chosen_identity(self) -> Identity | None:
        """The identity, typed."""
        return Identity(self.identity) if self.identity in set(Identity) else None

    @property
    def placed(self) -> bool:
        """Whether a place was given: a desa, or a shared location."""
        return self.desa is not None or self.latitude is not None


DRAFT = DraftSlot("aspirasi", AspirationDraft)


@dataclass
class DeskDraft(JsonDraft):
    """A change on a ticket waiting for its note (or a question waiting for its text)."""

    aspiration_id: int | None = None
    chat_id: int | None = None  # where the button was pressed: the note is typed there
    action: str | None = None  # a Status value, or "tanya" for a question
    opd_id: str | None = None  # the OPD a forward goes to
    expected_status: str | None = None
    expected_opd: str | None = None


NOTE = DraftSlot("aspirasi_catatan", DeskDraft)


@dataclass
class ReplyDraft(JsonDraft):
    """The citizen's typed answer to a question, or reason to reopen, and its ticket."""

    aspiration_id: int | None = None
    kind: str | None = None  # "answer" or "reopen"


REPLY = DraftSlot("aspirasi_balas", ReplyDraft)

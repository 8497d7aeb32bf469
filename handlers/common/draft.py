"""A conversation's draft: one typed object per conversation, kept in the person's scratch space.

The scratch space is PTB's user_data, persisted as JSON in the same SQLite file, so a draft
survives a restart. Each conversation declares its draft dataclass (a `JsonDraft`) and one
`DraftSlot`; steps read and write the draft only through that slot.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from typing import Any, Generic, Self, TypeVar

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from handlers.common.replies import reply


@dataclass
class JsonDraft:
    """A draft made of JSON values (str, int, bool, None, lists); every field has a default."""

    def to_json(self) -> dict[str, Any]:
        """The draft as JSON-ready data."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        """The draft from saved data (keys it no longer knows are dropped)."""
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


D = TypeVar("D", bound=JsonDraft)


@dataclass(frozen=True)
class DraftSlot(Generic[D]):
    """Where one conversation keeps its draft: a key in the person's scratch space."""

    key: str
    kind: type[D]

    def load(self, context: BotContext) -> D:
        """The current draft (an empty one when none is kept)."""
        raw = _scratch(context).get(self.key)
        return self.kind.from_json(raw) if isinstance(raw, dict) else self.kind()

    def save(self, context: BotContext, draft: D) -> None:
        """Keep the draft (persisted with the conversation's state)."""
        _scratch(context)[self.key] = draft.to_json()

    @contextmanager
    def edit(self, context: BotContext) -> Iterator[D]:
        """Load the draft, let the block change it, and keep it when the block succeeds."""
        draft = self.load(context)
        yield draft
        self.save(context, draft)

    def clear(self, context: BotContext) -> int:
        """Forget the draft and end the conversation."""
        _scratch(context).pop(self.key, None)
        return ConversationHandler.END


def _scratch(context: BotContext) -> dict[str, Any]:
    assert context.user_data is not None  # every conversation update has a user
    return context.user_data


async def cancel(update: Update, context: BotContext) -> int:
    """/batal inside a conversation: forget every draft of this person and end it."""
    if context.user_data is not None:
        context.user_data.clear()
    await reply(update, context, "common/cancelled")
    return ConversationHandler.END

"""A conversation's draft: one typed object per conversation, kept in the person's scratch space.

The scratch space is PTB's user_data, persisted as JSON in the same SQLite file, so a draft
survives a restart. Each conversation declares its draft dataclass (a `JsonDraft`) and one
`DraftSlot`; steps read and write the draft only through that slot.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Coroutine, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from datetime import timedelta
from typing import Any, Generic, Self, TypeVar

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ConversationHandler

from bot.context import BotContext
from handlers.common.replies import reply

# How long a conversation waits for the next answer before it ends by itself (each answer
# starts the wait again). Long enough to fetch an SK from the village office's cupboard.
CONVERSATION_TIMEOUT = timedelta(minutes=30)
Step = Callable[[Update, BotContext], Coroutine[Any, Any, int]]


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

    def held_by_others(self, context: BotContext, user_id: int, match: Callable[[D], bool]) -> bool:
        """Whether someone other than `user_id` keeps a draft here that `match` accepts."""
        for other, data in context.application.user_data.items():
            raw = data.get(self.key)
            if other != user_id and isinstance(raw, dict) and match(self.kind.from_json(raw)):
                return True
        return False

    def clear(self, context: BotContext) -> int:
        """Forget the draft and end the conversation."""
        _scratch(context).pop(self.key, None)
        return ConversationHandler.END


def _scratch(context: BotContext) -> dict[str, Any]:
    assert context.user_data is not None  # every conversation update has a user
    return context.user_data


def cancel_with(slot: DraftSlot[Any] | None, template: str = "common/cancelled") -> Step:
    """/batal inside a conversation: forget its draft (not the person's other drafts), end it."""

    async def cancel(update: Update, context: BotContext) -> int:
        if slot is not None:
            slot.clear(context)
        await reply(update, context, template)
        return ConversationHandler.END

    return cancel


def timed_out(slot: DraftSlot[Any] | None, template: str) -> Step:
    """What a conversation does after waiting CONVERSATION_TIMEOUT: forget its draft, say so.

    PTB runs it as a job with the conversation's last update, so the person's scratch space
    is marked for the persistence by hand (a job has no user of its own).
    """

    async def expire(update: Update, context: BotContext) -> int:
        if slot is not None:
            slot.clear(context)
        if update.effective_user is not None:
            context.application.mark_data_for_update_persistence(user_ids=update.effective_user.id)
        minutes = int(CONVERSATION_TIMEOUT.total_seconds() // 60)
        with contextlib.suppress(TelegramError):  # the bot was removed meanwhile: nobody to tell
            await reply(update, context, template, minutes=minutes)
        return ConversationHandler.END

    return expire

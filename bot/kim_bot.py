"""The bot KIM Hub talks to Telegram through: PTB's ExtBot, with two guarantees added.

- getUpdates keeps every update in the Store (bot/inbox.py) before handing it over, so that
  Telegram is never told an update arrived before it is on disk; it is retried within
  RESUME_S seconds while the Bot API is away (PTB's own loop would back off to 30 s), so the
  bot hears people again within seconds of the Bot API coming back.
- An edit that Telegram refuses with "message is not modified" is done: the message shows
  what was asked. A step handled twice (after a restart) edits its message twice.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import ExtBot

from bot.store import Store

log = logging.getLogger(__name__)
FIRST_WAIT_S = 0.5  # the first wait after a failed getUpdates; doubled up to RESUME_S
RESUME_S = 4.0  # the longest wait between two getUpdates while the Bot API is away
NOT_MODIFIED = "message is not modified"


class KimBot(ExtBot[None]):
    """The bot: getUpdates keeps what it receives first; an edit changing nothing is done."""

    def __init__(self, *args: Any, store: Store, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._inbox = store
        self._next_offset = 0
        self._received: dict[int, Any] = {}  # the last getUpdates answer, as Telegram sent it

    async def open_inbox(self) -> None:
        """Start from the updates already kept: Telegram need not send those again."""
        last = await self._inbox.last_update_id()
        self._next_offset = last + 1 if last is not None else 0

    async def get_updates(  # passes PTB's other parameters through
        self, offset: int | None = None, *args: Any, **kwargs: Any
    ) -> tuple[Update, ...]:
        """New updates, each kept in the Store first (repeats of kept ones are left out)."""
        wait = FIRST_WAIT_S
        while True:
            asked = max(offset or 0, self._next_offset)
            try:
                updates = await super().get_updates(asked, *args, **kwargs)
            except (BadRequest, TimedOut):
                raise  # a request the Bot API refused, or a long poll cut short: PTB decides
            except NetworkError as error:  # no connection, or the server failing (5xx)
                log.warning("getUpdates gagal (%s); dicoba lagi dalam %.1f detik", error, wait)
                await asyncio.sleep(wait)
                wait = min(RESUME_S, wait * 2)
                continue
            if not updates:
                return updates
            self._next_offset = updates[-1].update_id + 1
            fresh = await self._inbox.keep_updates([(u.update_id, self._json(u)) for u in updates])
            kept = tuple(u for u in updates if u.update_id in fresh)
            if kept:
                return kept
            # All were kept before a restart: confirm them (the offset moved on) and poll again.

    async def _post(self, endpoint: str, *args: Any, **kwargs: Any) -> Any:
        """Every Bot API call; getUpdates' answer is noted as it came, before PTB parses it."""
        result = await super()._post(endpoint, *args, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            self._received = {raw["update_id"]: raw for raw in result if "update_id" in raw}
        return result

    def _json(self, update: Update) -> str:
        """An update's JSON to keep: what Telegram sent (rebuilding it from PTB's objects, the
        fallback, costs more CPU than the handlers do)."""
        raw = self._received.get(update.update_id)
        return json.dumps(raw if raw is not None else update.to_dict())

    async def edit_message_text(  # PTB's parameters, passed on
        self, *args: Any, **kwargs: Any
    ) -> Message | bool:
        """Edit a message's text; unchanged is done."""
        return await _unchanged_is_done(super().edit_message_text(*args, **kwargs))

    async def edit_message_reply_markup(self, *args: Any, **kwargs: Any) -> Message | bool:
        """Edit a message's buttons; unchanged is done."""
        return await _unchanged_is_done(super().edit_message_reply_markup(*args, **kwargs))

    async def edit_message_caption(self, *args: Any, **kwargs: Any) -> Message | bool:
        """Edit a message's caption; unchanged is done."""
        return await _unchanged_is_done(super().edit_message_caption(*args, **kwargs))


async def _unchanged_is_done(edit: Any) -> Message | bool:
    try:
        result: Message | bool = await edit
    except BadRequest as error:
        if NOT_MODIFIED not in error.message.lower():
            raise
        return True
    return result

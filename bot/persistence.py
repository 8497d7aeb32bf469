"""python-telegram-bot persistence over the Store, so conversations survive a restart.

Conversation states and per-user/per-chat scratch live in the same SQLite file as
everything else, as JSON text; one backup of the file saves them all. Writes are kept until
`commit()`, which bot/inbox.py calls once an update is handled: the update's conversation
state and drafts are saved in one transaction with the update marked done.
"""

from __future__ import annotations

import json
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.store import Store

Data = dict[Any, Any]


class StorePersistence(BasePersistence[Data, Data, Data]):
    """Keeps conversations, user_data and chat_data in the `ptb_state` table."""

    def __init__(self, store: Store, update_interval: float = 1.0) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=True, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self._store = store
        # Writes wait here until commit(): a conversation's state and its draft are saved
        # together, in one transaction, with the update that changed them marked done.
        self._pending: dict[tuple[str, str], str | None] = {}
        # Keys with no row: deleting them again is skipped (PTB asks, for every update, to
        # save each person's and chat's scratch, mostly empty). Only this class adds rows;
        # others only delete (erasure), so a key found here has no row.
        self._absent: set[tuple[str, str]] = set()

    async def get_user_data(self) -> dict[int, Data]:
        """Every user's scratch data."""
        return await self._load_keyed("user_data")

    async def get_chat_data(self) -> dict[int, Data]:
        """Every chat's scratch data."""
        return await self._load_keyed("chat_data")

    async def get_bot_data(self) -> Data:
        """Bot data is not persisted: the Store holds domain data."""
        return {}

    async def get_callback_data(self) -> CDCData | None:
        """Arbitrary callback data is not used."""
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        """The saved states of one conversation handler."""
        raw = await self._store.load_state(f"conversation:{name}")
        return {tuple(json.loads(k)): json.loads(v) for k, v in raw.items()}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Save (or clear) one conversation's state."""
        value = None if new_state is None else json.dumps(new_state)
        self._pending[(f"conversation:{name}", json.dumps(list(key)))] = value

    async def update_user_data(self, user_id: int, data: Data) -> None:
        """Save one user's scratch data."""
        self._pending[("user_data", str(user_id))] = _dump(data)

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        """Save one chat's scratch data."""
        self._pending[("chat_data", str(chat_id))] = _dump(data)

    async def update_bot_data(self, data: Data) -> None:
        """Not persisted."""

    async def update_callback_data(self, data: CDCData) -> None:
        """Not persisted."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Forget a chat's scratch data."""
        self._pending[("chat_data", str(chat_id))] = None

    async def drop_user_data(self, user_id: int) -> None:
        """Forget a user's scratch data."""
        self._pending[("user_data", str(user_id))] = None

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        """Nothing to refresh: the Store is only written through this class."""

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        """Nothing to refresh."""

    async def refresh_bot_data(self, bot_data: Data) -> None:
        """Nothing to refresh."""

    async def flush(self) -> None:
        """Save what waits (PTB calls this at shutdown)."""
        await self.commit()

    async def commit(self, done_update: int | None = None) -> None:
        """Save every waiting write in one transaction, marking `done_update` handled with it."""
        writes, self._pending = self._pending, {}
        needed = {k: v for k, v in writes.items() if v is not None or k not in self._absent}
        try:
            await self._store.save_states(
                [(kind, key, value) for (kind, key), value in needed.items()], done_update
            )
        except BaseException:
            # Not saved: keep them for the next commit, unless a newer value came meanwhile.
            self._pending = writes | self._pending
            raise
        for key, value in needed.items():
            if value is None:
                self._absent.add(key)
            else:
                self._absent.discard(key)

    async def _load_keyed(self, kind: str) -> dict[int, Data]:
        raw = await self._store.load_state(kind)
        return {int(k): json.loads(v) for k, v in raw.items()}


def _dump(data: Data) -> str | None:
    return json.dumps(data, default=str) if data else None

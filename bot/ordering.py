"""Updates run concurrently, yet each chat sees its own in order.

With PTB's default (one update at a time) a reply waiting for a group's 20-a-minute turn
holds up every other person. `ChatOrderedProcessor` lets updates of different chats run in
parallel, while an update waits for the earlier ones of its chat: conversations keep their
order. A group's updates are ordered by the group alone, not by their sender as well: a
burst in one group (50 /gabung) makes each update wait for the group's earlier replies, and
ordering by sender passed that wait on to the sender's private chat (member 30's /hapusdata
waited a minute for the group's window). A person's scratch space (user_data) is shared by
their chats, but each conversation keeps its own draft slot, edited without awaiting in
between. Updates with neither chat nor person run one by one.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Hashable
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 256
_OTHER = ("other",)
_GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP, ChatType.CHANNEL)


def ordering_keys(update: object) -> tuple[Hashable, ...]:
    """What an update must keep its order with: its chat, and outside groups its person."""
    if not isinstance(update, Update):
        return (_OTHER,)
    chat = update.effective_chat
    keys: list[Hashable] = []
    if chat is not None:
        keys.append(("chat", chat.id))
    if update.effective_user is not None and (chat is None or chat.type not in _GROUPS):
        keys.append(("user", update.effective_user.id))
    return tuple(keys) or (_OTHER,)


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Processes updates concurrently, in order within one chat (and one person outside groups)."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._last: dict[Hashable, asyncio.Future[None]] = {}

    @property
    def waiting_keys(self) -> int:
        """How many chats and persons have an update in progress (the map stays this small)."""
        return len(self._last)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the earlier updates of the same chat and person, then run this one."""
        keys = ordering_keys(update)
        mine: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        earlier = {self._last[key] for key in keys if key in self._last}
        for key in keys:
            self._last[key] = mine
        try:
            if earlier:
                await asyncio.wait(earlier)  # never cancels them, unlike awaiting them
        except BaseException:
            if inspect.iscoroutine(coroutine):
                coroutine.close()  # cancelled while waiting: it will never run
            self._finish_after(earlier, keys, mine)  # later updates still wait for earlier
            raise
        try:
            await coroutine
        finally:
            self._finish(keys, mine)

    def _finish_after(self, earlier: set[asyncio.Future[None]], keys: tuple[Hashable, ...],
                      mine: asyncio.Future[None]) -> None:  # fmt: skip
        left = {future for future in earlier if not future.done()}

        def one_done(future: asyncio.Future[None]) -> None:
            left.discard(future)
            if not left:
                self._finish(keys, mine)

        if not left:
            self._finish(keys, mine)
        for future in list(left):
            future.add_done_callback(one_done)

    def _finish(self, keys: tuple[Hashable, ...], mine: asyncio.Future[None]) -> None:
        mine.set_result(None)
        for key in keys:
            if self._last.get(key) is mine:
                del self._last[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: PTB waits for running updates before it shuts down."""

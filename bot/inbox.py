"""Updates at least once: each update is kept before Telegram is told it arrived, and handled
again after a crash if it was not finished.

PTB confirms updates to Telegram with its next getUpdates (the offset), which it sends while
earlier updates may still be in their handlers: a kill -9 then loses them. `KimBot` keeps
every update in the Store before handing it over, so the confirmation never runs ahead of
the disk; `mark_handled` (the last handler group) saves the conversation state and marks the
update done; `replay_pending` gives the application, at start, what was not done. A handler
may thus run twice for one update; the steps are built so that doing so does no harm twice
(the store refuses repeats, the outbox sends each (kind, item, chat) once).
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.context import BotContext
from bot.persistence import StorePersistence
from bot.store import Store, utcnow

log = logging.getLogger(__name__)
LAST_GROUP = 1_000_000  # mark_handled runs after every other handler group
KEEP_HANDLED = timedelta(days=2)


async def mark_handled(update: object, context: BotContext) -> None:
    """The last handler: save conversation state, then mark the update done in the inbox."""
    if not isinstance(update, Update):
        return
    # PTB marks this update's chat and user data for saving only after the last group: mark
    # them here, so that the draft is saved together with the conversation's state.
    chat, user = update.effective_chat, update.effective_user
    context.application.mark_data_for_update_persistence(
        chat_ids=chat.id if chat else None, user_ids=user.id if user else None
    )
    await context.application.update_persistence()
    persistence = context.application.persistence
    assert isinstance(persistence, StorePersistence)
    await persistence.commit(done_update=update.update_id)


async def replay_pending(app: Application[Any, Any, Any, Any, Any, Any], store: Store) -> int:
    """Hand the application the kept updates a crash left unhandled; how many there were."""
    payloads = await store.pending_updates()
    for payload in payloads:
        await app.update_queue.put(Update.de_json(json.loads(payload), app.bot))
    if payloads:
        log.info("%d update yang belum selesai ditangani diulang setelah restart", len(payloads))
    return len(payloads)


async def prune_inbox(context: BotContext) -> None:
    """Job: forget updates handled some days ago (the newest id stays, as the offset)."""
    await context.store.prune_inbox(utcnow() - KEEP_HANDLED)

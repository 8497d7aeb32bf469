"""Messages the outbox could not deliver, for Diskominfo admins.

/gagal (admins only): batches with finally failed messages, newest first, with counts
and the last error; each has a "Kirim ulang" button (gagal:ulang:<batch_id>) that puts
that batch's failed messages back in the queue. Others are refused politely.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.context import BotContext, KimApplication
from bot.models import Role
from bot.outbox import FailedBatch
from handlers.common import answer, has_role, reply

RETRY_PATTERN = r"^gagal:ulang:\d+$"


def add_handlers(app: KimApplication) -> None:
    """Register /gagal (alias /failed) and its retry button."""
    app.add_handler(CommandHandler(["gagal", "failed"], list_failed))
    app.add_handler(CallbackQueryHandler(retry_batch, pattern=RETRY_PATTERN))


async def list_failed(update: Update, context: BotContext) -> None:
    """Show failed batches with a retry button each (admins only)."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await reply(update, context, "outbox/not_admin")
        return
    batches = await context.outbox.failed_batches()
    await reply(update, context, "outbox/failed_list", _retry_buttons(context, batches),
                batches=batches)  # fmt: skip


async def retry_batch(update: Update, context: BotContext) -> None:
    """Queue a batch's failed messages again (admins only)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and query.data is not None and user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await answer(update, context.texts.render("outbox/not_admin"), alert=True)
        return
    batch_id = int(query.data.rsplit(":", 1)[1])
    count = await context.outbox.retry_failed(batch_id)
    await answer(update, context.texts.render("outbox/retry_answer", count=count))
    await reply(update, context, "outbox/retried", count=count, batch_id=batch_id)


def _retry_buttons(context: BotContext, batches: list[FailedBatch]) -> InlineKeyboardMarkup | None:
    if not batches:
        return None
    rows = [
        [
            InlineKeyboardButton(
                context.texts.render("outbox/retry_button", batch=b),
                callback_data=f"gagal:ulang:{b.batch_id}",
            )
        ]
        for b in batches
    ]
    return InlineKeyboardMarkup(rows)

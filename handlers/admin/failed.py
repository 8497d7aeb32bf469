"""Messages the outbox could not deliver, for Diskominfo admins.

/gagal (admins only): batches with finally failed messages, newest first, with counts
and the last error; each has a "Kirim ulang" button (gagal:ulang:<batch_id>) that puts
that batch's failed messages back in the queue. Others are refused politely.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.models.people import Role
from bot.outbox import FailedBatch
from handlers.admin import callbacks as cb
from handlers.common.access import has_role
from handlers.common.replies import alert, callback_data, drop_pressed_button, reply, toast


async def list_failed(update: Update, context: BotContext) -> None:
    """Show failed batches with a retry button each (admins only)."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await reply(update, context, "admin/failed/not_admin")
        return
    batches = await context.outbox.failed_batches()
    await reply(update, context, "admin/failed/failed_list", _retry_buttons(context, batches),
                batches=batches)  # fmt: skip


async def retry_batch(update: Update, context: BotContext) -> None:
    """Queue a batch's failed messages again (admins only)."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await alert(update, context, "admin/failed/not_admin")
        return
    (raw_id,) = cb.RETRY.parse(callback_data(update)) or ("0",)
    batch_id = int(raw_id)
    count = await context.outbox.retry_failed(batch_id)
    await toast(update, context, "admin/failed/retry_answer", count=count)
    await drop_pressed_button(update)
    await reply(update, context, "admin/failed/retried", count=count, batch_id=batch_id)


def _retry_buttons(context: BotContext, batches: list[FailedBatch]) -> InlineKeyboardMarkup | None:
    if not batches:
        return None
    rows = [
        [
            InlineKeyboardButton(
                context.texts.render("admin/failed/retry_button", batch=b),
                callback_data=cb.RETRY.data(b.batch_id),
            )
        ]
        for b in batches
    ]
    return InlineKeyboardMarkup(rows)

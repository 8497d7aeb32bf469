"""Messages the outbox could not deliver, for Diskominfo admins.

/gagal (admins only): batches with finally failed messages, newest first, a page at a time
(gagal:hal:<page>), with counts and the last error; each has a "Kirim ulang" button
(gagal:ulang:<batch_id>) that puts that batch's failed messages back in the queue. Others
are refused politely.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardButton, Update

from bot.context import BotContext
from bot.models.people import Role
from bot.outbox import FailedBatch
from bot.store import utcnow
from handlers.admin import callbacks as cb
from handlers.common.access import has_role
from handlers.common.pager import Page, keyboard, page_number, page_text, show
from handlers.common.replies import alert, answer, callback_data, drop_pressed_button, reply, toast

LOST_SHOWN_FOR = timedelta(days=7)  # replies given up, counted over this week
PER_PAGE = 5  # each batch has its own button: a short keyboard


async def _is_admin(update: Update, context: BotContext) -> bool:
    """Whether the sender is an admin; refuses politely (a pop-up for a button) otherwise."""
    user = update.effective_user
    if user is not None and await has_role(context, user.id, Role.ADMIN):
        return True
    if update.callback_query:
        await alert(update, context, "admin/failed/not_admin")
    else:
        await reply(update, context, "admin/failed/not_admin")
    return False


async def list_failed(update: Update, context: BotContext) -> None:
    """/gagal and its ‹ › buttons: a page of failed batches with a retry button each."""
    if not await _is_admin(update, context):
        return
    await answer(update)
    total = await context.outbox.failed_batch_count()
    page = Page.of(page_number(update, cb.FAILED_PAGE), total, PER_PAGE)
    batches = await context.outbox.failed_batches(page.size, page.offset)
    rows = [context.texts.render("admin/failed/row", b=b) for b in batches]
    lost_count, lost = await context.store.lost_replies(utcnow() - LOST_SHOWN_FOR)
    text = page_text(context.texts, "admin/failed/failed_list", rows, page=page,
                     lost_count=lost_count, lost=lost)  # fmt: skip
    retry = [[_retry_button(context, b)] for b in batches]
    await show(update, context, text, keyboard(page, cb.FAILED_PAGE, above=retry))


async def retry_batch(update: Update, context: BotContext) -> None:
    """Queue a batch's failed messages again (admins only)."""
    if not await _is_admin(update, context):
        return
    (raw_id,) = cb.RETRY.parse(callback_data(update)) or ("0",)
    batch_id = int(raw_id)
    count = await context.outbox.retry_failed(batch_id)
    await toast(update, context, "admin/failed/retry_answer", count=count)
    await drop_pressed_button(update)
    await reply(update, context, "admin/failed/retried", count=count, batch_id=batch_id)


def _retry_button(context: BotContext, batch: FailedBatch) -> InlineKeyboardButton:
    label = context.texts.render("admin/failed/retry_button", batch=batch)
    return InlineKeyboardButton(label, callback_data=cb.RETRY.data(batch.batch_id))

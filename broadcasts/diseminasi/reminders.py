"""One reminder to KIMs that have not confirmed a broadcast 3 days after it arrived.

The job runs hourly; each delivery is claimed (marked reminded) before its reminder is
queued, so a KIM is reminded at most once per run, even across restarts.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from bot.context import BotContext, KimApplication
from bot.models.diseminasi import Delivery
from bot.outbox import OutboxMessage, text_message
from bot.store import utcnow
from broadcasts.diseminasi.siaran import receipt_markup

REMIND_AFTER = timedelta(days=3)
CHECK_EVERY = timedelta(hours=1)
JOB_NAME = "broadcast:reminder:receipts"
KIND = "broadcast_reminder"


def start_reminders(app: KimApplication) -> None:
    """Check for unconfirmed broadcasts every hour (first check a minute after start)."""
    assert app.job_queue is not None
    app.job_queue.run_repeating(send_reminders, CHECK_EVERY, first=60, name=JOB_NAME)


async def send_reminders(context: BotContext) -> None:
    """Job: remind the KIMs whose confirmation is overdue."""
    await remind_unconfirmed(context, utcnow())


async def remind_unconfirmed(context: BotContext, now: datetime) -> int:
    """Queue one reminder per overdue delivery; return how many were queued."""
    due = await context.store.claim_reminders(now - REMIND_AFTER)
    by_run: dict[int, list[Delivery]] = defaultdict(list)
    for delivery in due:
        by_run[delivery.run_id].append(delivery)
    threads = await context.store.news_threads(d.kim_id for d in due)  # forum groups
    for run_id, deliveries in by_run.items():
        run = await context.store.get_run(run_id)
        broadcast = await context.store.get_broadcast(run.broadcast_id) if run else None
        if run is None or broadcast is None:
            continue
        text = context.texts.render("diseminasi/reminder", run=run, broadcast=broadcast)
        await context.outbox.submit(
            kind=KIND,
            item=str(run_id),
            messages=[_reminder(d, text, threads.get(d.kim_id)) for d in deliveries],
            created_by=broadcast.created_by,
            progress_chat_id=None,
        )
    return len(due)


def _reminder(delivery: Delivery, text: str, thread_id: int | None) -> OutboxMessage:
    """The reminder for one group (in its news topic), as a reply to the broadcast where it
    still exists."""
    markup = receipt_markup(delivery.run_id, discuss=False)
    message = text_message(delivery.chat_id, text, markup, thread_id)
    if delivery.message_id is None:
        return message
    reply = {"message_id": delivery.message_id, "allow_sending_without_reply": True}
    return OutboxMessage(
        message.chat_id, message.method, message.params | {"reply_parameters": reply}
    )

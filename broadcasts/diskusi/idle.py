"""Idle threads: a thread with no message for 14 days gets one reminder; still silent 7 days
after it, it closes itself with a note (its forum topic closed too). Both go through the
outbox.

The database is the truth: each reminder and each close is claimed by a conditional update,
in the transaction that queues its messages, so each happens once whatever restarts come
between; what fell due while the bot was down happens at the first check after it. A message
in the thread after the reminder starts a new quiet stretch, with its own reminder.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.context import BotContext, KimApplication
from bot.models.diskusi import Discussion
from bot.outbox import OutboxMessage, close_topic, text_message
from bot.store import utcnow

REMIND_AFTER = timedelta(days=14)
CLOSE_AFTER = timedelta(days=7)
CHECK_EVERY = timedelta(hours=1)
JOB_NAME = "broadcast:diskusi:idle"
KIND = "diskusi"


def start_idle_checks(app: KimApplication) -> None:
    """Look for idle threads every hour (first a minute after start: what fell due while
    the bot was down)."""
    assert app.job_queue is not None
    app.job_queue.run_repeating(send_idle_notes, CHECK_EVERY, first=60, name=JOB_NAME)


async def send_idle_notes(context: BotContext) -> None:
    """Job: remind and close the threads that are due now."""
    await tend_idle_threads(context, utcnow())


async def tend_idle_threads(context: BotContext, now: datetime) -> tuple[int, int]:
    """Queue each due reminder and each due close once; how many of each."""
    return await _remind(context, now), await _close(context, now)


async def _remind(context: BotContext, now: datetime) -> int:
    idle_since = now - REMIND_AFTER
    reminded = 0
    for discussion in await context.store.idle_discussions(idle_since):
        text = context.texts.render("diskusi/idle_reminder", discussion=discussion,
                                    days=REMIND_AFTER.days, close_in=CLOSE_AFTER.days)  # fmt: skip
        async with context.store.transaction():
            if not await context.store.claim_reminder(discussion.id, idle_since, now):
                continue
            item = f"pengingat:{discussion.id}:{int(now.timestamp())}"  # one per quiet stretch
            await _submit(context, item, _in_thread(discussion, text))
            reminded += 1
    return reminded


async def _close(context: BotContext, now: datetime) -> int:
    reminded_before = now - CLOSE_AFTER
    closed_count = 0
    for discussion in await context.store.overdue_discussions(reminded_before):
        async with context.store.transaction():
            closed = await context.store.close_idle(discussion.id, reminded_before, now)
            if closed is None:
                continue
            text = context.texts.render("diskusi/idle_closed", discussion=closed)
            await _submit(context, f"tutup:{closed.id}", _in_thread(closed, text))
            if closed.chat_id is not None and closed.thread_id is not None:
                topic = [close_topic(closed.chat_id, closed.thread_id)]
                await _submit(context, f"tutup-topik:{closed.id}", topic)
            closed_count += 1
    return closed_count


async def _submit(context: BotContext, item: str, messages: list[OutboxMessage]) -> None:
    """Queue a thread's note (nothing for a KIM that has no group any more)."""
    if messages:
        await context.outbox.submit(KIND, item, messages)


def _in_thread(discussion: Discussion, text: str) -> list[OutboxMessage]:
    """A note in the thread: in its topic, or as a reply to its opening message."""
    if discussion.chat_id is None:
        return []
    message = text_message(discussion.chat_id, text, thread_id=discussion.thread_id)
    if discussion.thread_id is not None or discussion.anchor_id is None:
        return [message]
    reply = {"message_id": discussion.anchor_id, "allow_sending_without_reply": True}
    return [OutboxMessage(message.chat_id, message.method,
                          message.params | {"reply_parameters": reply})]  # fmt: skip

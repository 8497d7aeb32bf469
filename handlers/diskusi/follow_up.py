"""After a conclusion: the summary card's buttons carry it on to the next activity.

"Jadikan rencana implementasi" (diskusi:rencana:<id>) leads to Implementasi, "Jadikan
aspirasi" (diskusi:aspirasi:<id>) to Aspirasi, each with the conclusion pre-filled. One
small function per target: until its activity can take the conclusion, it says politely that
this is coming (no dead button). Both are taken now: the press opens the presser's private
chat with the bot (a t.me /start link), where Aspirasi's submission starts with the conclusion
as its text, or Implementasi's report with the discussion as its source; each activity checks
there that the presser is a member of the KIM.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.diskusi import Discussion
from handlers.aspirasi import callbacks as aspirasi_cb
from handlers.common.replies import alert, callback_data, open_link, start_link
from handlers.diskusi import callbacks as cb
from handlers.implementasi import callbacks as implementasi_cb


async def carry_on(update: Update, context: BotContext) -> None:
    """A summary card's button: hand the conclusion to the activity it names."""
    data = callback_data(update)
    values = cb.TO_PLAN.parse(data) or cb.TO_ASPIRATION.parse(data)
    discussion = await context.store.get_discussion(int(values[0])) if values else None
    if discussion is None or discussion.conclusion is None:
        await alert(update, context, "diskusi/unknown_discussion")
        return
    if cb.TO_PLAN.parse(data) is not None:
        await to_plan(update, context, discussion)
    else:
        await to_aspiration(update, context, discussion)


async def to_plan(update: Update, context: BotContext, discussion: Discussion) -> None:
    """Open the presser's private chat, where a report starts from the discussion."""
    await open_link(update, start_link(context, implementasi_cb.from_discussion(discussion.id)))


async def to_aspiration(update: Update, context: BotContext, discussion: Discussion) -> None:
    """Open the presser's private chat, where the aspiration starts from the conclusion."""
    await open_link(update, start_link(context, aspirasi_cb.from_discussion(discussion.id)))

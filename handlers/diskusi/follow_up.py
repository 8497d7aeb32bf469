"""After a conclusion: the summary card's buttons carry it on to the next activity.

"Jadikan rencana implementasi" (diskusi:rencana:<id>) leads to Implementasi, "Jadikan
aspirasi" (diskusi:aspirasi:<id>) to Aspirasi, each with the conclusion pre-filled. One
small function per target: until its activity can take the conclusion, it says politely that
this is coming (no dead button). Aspirasi takes it: the press opens the presser's private
chat with the bot (a t.me /start link), where the submission starts with the conclusion as
its text, filed for the KIM (Aspirasi checks there that the presser is one of its members).
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.diskusi import Discussion
from handlers.aspirasi import callbacks as aspirasi_cb
from handlers.common.replies import alert, callback_data, open_link, start_link
from handlers.diskusi import callbacks as cb


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
    """Start an implementation plan from the conclusion (Implementasi is not built yet)."""
    await alert(update, context, "diskusi/plan_coming", discussion=discussion)


async def to_aspiration(update: Update, context: BotContext, discussion: Discussion) -> None:
    """Open the presser's private chat, where the aspiration starts from the conclusion."""
    await open_link(update, start_link(context, aspirasi_cb.from_discussion(discussion.id)))

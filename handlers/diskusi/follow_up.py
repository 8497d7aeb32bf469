"""After a conclusion: the summary card's buttons carry it on to the next activity.

"Jadikan rencana implementasi" (diskusi:rencana:<id>) leads to Implementasi, "Jadikan
aspirasi" (diskusi:aspirasi:<id>) to Aspirasi, each with the conclusion pre-filled. One
small function per target: until its activity can take the conclusion, it says politely that
this is coming (no dead button). To wire one, start that activity's conversation there.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.diskusi import Discussion
from handlers.common.replies import alert, callback_data
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
    """Start an aspiration from the conclusion (Aspirasi is being built; its
    `file_from_text` will take the conclusion here)."""
    await alert(update, context, "diskusi/aspiration_coming", discussion=discussion)

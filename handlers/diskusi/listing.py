"""The open discussion threads (Diskusi).

/diskusi alone: in a KIM group, its open threads with links to them (a basic group has no
message links: the list says to look for the bot's opening message); in private, the open
threads of the KIM the person belongs to.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from handlers.common.access import is_group
from handlers.common.replies import reply
from handlers.diskusi.groups import kim_of_group


async def show_threads(update: Update, context: BotContext) -> None:
    """List the open threads of this group's KIM, or in private of the person's KIM."""
    in_group = is_group(update)
    if in_group:
        kim = await kim_of_group(update, context)
        if kim is None:
            return
    else:
        user = update.effective_user
        kim = await context.store.kim_of_member(user.id) if user else None
        if kim is None:
            await reply(update, context, "diskusi/list_no_kim")
            return
    discussions = await context.store.open_discussions(kim.id)
    await reply(update, context, "diskusi/list", kim=kim, discussions=discussions,
                in_group=in_group)  # fmt: skip

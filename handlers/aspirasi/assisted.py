"""Assisted capture: a KIM member files a citizen's aspiration on their behalf.

/aspirasi in a KIM group answers in the group with a button that opens the member's private
chat (a /start link), so the citizen's details are never typed in the group; there the
submission runs as usual, linked to the KIM (it counts in its Aspirasi activity) and with
the citizen's name asked when it is to be shown. Answers reach the member, who passes them on.

A concluded KIM discussion's "Jadikan aspirasi" opens the same private submission (a /start
link with the discussion's id) for a member of that KIM, its text the conclusion.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.models.diskusi import Discussion
from bot.models.registrasi import Kim
from handlers.aspirasi import callbacks as cb
from handlers.aspirasi import labels
from handlers.common.replies import reply, start_link

FOR_CITIZEN = cb.START_FOR_CITIZEN  # /start payload: file for a citizen, as a KIM member
OWN = cb.START_OWN  # /start payload: file one's own


async def invite(update: Update, context: BotContext) -> None:
    """/aspirasi in a group: a member continues in private; anyone else is shown how to file."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    assert user is not None
    kim = await context.store.kim_by_chat(chat.id)
    member = await context.store.kim_of_member(user.id)
    is_member = kim is not None and member is not None and member.id == kim.id
    payload, label = (FOR_CITIZEN, labels.CONTINUE_PRIVATE) if is_member else (
        OWN, labels.FILE_PRIVATE)  # fmt: skip
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(label, url=start_link(context, payload))]])
    await reply(update, context, "aspirasi/group_invite", markup, kim=kim, is_member=is_member)


def requested(context: BotContext) -> bool:
    """Whether the private chat was opened by a KIM group's link to file for a citizen."""
    return bool(context.args) and context.args == [FOR_CITIZEN]


async def kim_of(update: Update, context: BotContext) -> Kim | None:
    """The KIM of the member filing for a citizen; None (and said why) if they belong to none."""
    user = update.effective_user
    assert user is not None
    kim = await context.store.kim_of_member(user.id)
    if kim is None:
        await reply(update, context, "aspirasi/not_member")
    return kim


def discussion_requested(context: BotContext) -> int | None:
    """The discussion whose conclusion the private chat was opened to carry on, if any."""
    args = context.args or []
    if len(args) != 1 or not args[0].startswith(cb.START_FROM_DISCUSSION):
        return None
    number = args[0].removeprefix(cb.START_FROM_DISCUSSION)
    return int(number) if number.isdigit() and len(number) <= 18 else None


async def from_discussion(
    update: Update, context: BotContext, discussion_id: int
) -> tuple[Kim, Discussion] | None:
    """The KIM and the concluded discussion a member carries on; None (and said why) when the
    discussion is unknown or not concluded, or the person is not a member of its KIM."""
    user = update.effective_user
    assert user is not None
    discussion = await context.store.get_discussion(discussion_id)
    if discussion is None or discussion.conclusion is None:
        await reply(update, context, "aspirasi/discussion_unknown")
        return None
    kim = await context.store.kim_of_member(user.id)
    if kim is None or kim.id != discussion.kim_id:
        await reply(update, context, "aspirasi/discussion_not_member", discussion=discussion)
        return None
    return kim, discussion

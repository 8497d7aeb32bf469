"""Submitting an aspiration, the end: identity, the citizen's name (filed by a KIM member and
shown), the summary, and the tracking code once sent.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.aspirasi import MAX_TEXT, MIN_TEXT, AspirationRefused, Identity
from bot.user_text import clean_text
from handlers.aspirasi import callbacks as cb
from handlers.aspirasi import labels
from handlers.aspirasi.draft import DRAFT, Step
from handlers.aspirasi.filing import daily_limit, file_draft
from handlers.aspirasi.prompts import NAME_MAX, NAME_MIN, ask, show_summary, unknown_choice
from handlers.common.replies import (
    answer,
    ask_text,
    callback_data,
    close_buttons,
    message_text,
    reply,
)


async def save_identity(update: Update, context: BotContext) -> int:
    """Take the identity; a KIM member filing a shown one is asked the citizen's name."""
    (value,) = cb.IDENTITY.parse(callback_data(update)) or ("",)
    if value not in set(Identity):
        await unknown_choice(update, context)
        return Step.IDENTITY
    identity = Identity(value)
    await answer(update)
    with DRAFT.edit(context) as draft:
        draft.identity = identity
        draft.name = None
        assisted = draft.kim_id is not None
    await close_buttons(update, context, labels.CHOSEN_IDENTITY, labels.IDENTITY_NAMES[identity])
    if identity == Identity.SHOWN and assisted:
        return await ask(update, context, Step.NAME)
    if identity == Identity.SHOWN:
        with DRAFT.edit(context) as draft:
            draft.name = _own_name(update)
    return await show_summary(update, context)


def _own_name(update: Update) -> str:
    """The citizen's own name as Telegram gives it (first and last), cleaned."""
    user = update.effective_user
    assert user is not None
    return clean_text(user.full_name, NAME_MAX) or str(user.first_name)[:NAME_MAX]


async def save_name(update: Update, context: BotContext) -> int:
    """Take the citizen's name, typed by the KIM member filing for them."""
    name = clean_text(message_text(update), NAME_MAX, min_len=NAME_MIN)
    if name is None:
        await reply(update, context, "aspirasi/bad_name", ask_text(labels.ASK_NAME),
                    min=NAME_MIN, max=NAME_MAX)  # fmt: skip
        return Step.NAME
    with DRAFT.edit(context) as draft:
        draft.name = name
    return await show_summary(update, context)


async def confirm(update: Update, context: BotContext) -> int:
    """File the aspiration: the citizen gets its code at once, the desk its card."""
    user = update.effective_user
    assert user is not None
    draft = DRAFT.load(context)
    if draft.chosen_category is None or draft.chosen_identity is None or not draft.text:
        await answer(update)  # a draft lost meanwhile: nothing to file
        await reply(update, context, "aspirasi/step_over")
        return DRAFT.clear(context)
    await answer(update)
    try:
        aspiration = await file_draft(context, draft, user.id)
    except AspirationRefused as refused:
        await close_buttons(update, context)
        limit = daily_limit(context, draft.kim_id is not None)
        await reply(update, context, f"aspirasi/refused_{refused.reason}", limit=limit,
                    min=MIN_TEXT, max=MAX_TEXT)  # fmt: skip
        return DRAFT.clear(context)
    await close_buttons(update, context)
    await reply(update, context, "aspirasi/filed", asp=aspiration,
                assisted=draft.kim_id is not None)  # fmt: skip
    return DRAFT.clear(context)


async def cancel(update: Update, context: BotContext) -> int:
    """/batal or Batal: forget the draft."""
    await answer(update)
    await close_buttons(update, context)
    await reply(update, context, "aspirasi/cancelled")
    return DRAFT.clear(context)

"""Submitting an aspiration, the middle: its text (or a voice note with a short text), photos.

Text: MIN_TEXT to MAX_TEXT characters; the same text filed within a day is refused here
already. A voice note needs a short text too (its caption, or typed next), so the desk can
sort it without listening first. Photos: up to MAX_PHOTOS, then Selesai (or Lewati).
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.aspirasi import (
    MAX_PHOTOS,
    MAX_TEXT,
    MAX_VOICE_TEXT,
    MIN_TEXT,
    MIN_VOICE_TEXT,
)
from bot.user_text import clean, clean_text
from handlers.aspirasi import keyboards, labels
from handlers.aspirasi.draft import DRAFT, Step
from handlers.aspirasi.filing import repeats_text
from handlers.aspirasi.prompts import after_text, ask
from handlers.common import labels as common
from handlers.common.replies import answer, ask_text, close_buttons, message_text, reply


async def save_text(update: Update, context: BotContext) -> int:
    """Take the aspiration's text, then ask for photos."""
    typed = message_text(update)
    text = clean_text(typed, MAX_TEXT, min_len=MIN_TEXT, multiline=True)
    if text is None:
        length = len(clean(typed, multiline=True))
        await reply(update, context, "aspirasi/bad_text", ask_text(labels.ASK_TEXT),
                    length=length, min=MIN_TEXT, max=MAX_TEXT)  # fmt: skip
        return Step.TEXT
    if await _repeated(update, context, text):
        return Step.TEXT
    with DRAFT.edit(context) as draft:
        draft.text, draft.voice_file_id = text, None
    return await after_text(update, context)


async def _repeated(update: Update, context: BotContext, text: str) -> bool:
    """Refuse (and say so) a text this person filed within the last day."""
    user = update.effective_user
    assert user is not None
    if not await repeats_text(context, user.id, text):
        return False
    await reply(update, context, "aspirasi/refused_duplicate", ask_text(labels.ASK_TEXT))
    return True


async def save_voice(update: Update, context: BotContext) -> int:
    """Take a voice note; its caption is the short text, else one is asked for."""
    message = update.effective_message
    assert message is not None
    assert message.voice is not None
    caption = clean_text(message.caption or "", MAX_VOICE_TEXT, min_len=MIN_VOICE_TEXT,
                         multiline=True)  # fmt: skip
    with DRAFT.edit(context) as draft:
        draft.voice_file_id, draft.text = message.voice.file_id, caption
    if caption is None:
        return await ask(update, context, Step.VOICE_TEXT)
    return await after_text(update, context)


async def save_voice_text(update: Update, context: BotContext) -> int:
    """Take the short text that goes with the voice note."""
    typed = message_text(update)
    text = clean_text(typed, MAX_VOICE_TEXT, min_len=MIN_VOICE_TEXT, multiline=True)
    if text is None:
        length = len(clean(typed, multiline=True))
        await reply(update, context, "aspirasi/bad_text", ask_text(labels.ASK_VOICE_TEXT),
                    length=length, min=MIN_VOICE_TEXT, max=MAX_VOICE_TEXT)  # fmt: skip
        return Step.VOICE_TEXT
    with DRAFT.edit(context) as draft:
        draft.text = text
    return await after_text(update, context)


async def save_photo(update: Update, context: BotContext) -> int:
    """Keep a photo (the largest size); after MAX_PHOTOS go on to the identity."""
    message = update.effective_message
    assert message is not None
    with DRAFT.edit(context) as draft:
        if len(draft.photos) < MAX_PHOTOS and message.photo:
            draft.photos.append(message.photo[-1].file_id)
        count = len(draft.photos)
    if count >= MAX_PHOTOS:
        await reply(update, context, "aspirasi/photo_saved", count=count, max=MAX_PHOTOS)
        return await ask(update, context, Step.IDENTITY)
    await reply(update, context, "aspirasi/photo_saved", keyboards.photos_keyboard(count),
                count=count, max=MAX_PHOTOS)  # fmt: skip
    return Step.PHOTOS


async def photos_done(update: Update, context: BotContext) -> int:
    """Lewati or Selesai: go on to the identity."""
    await answer(update)
    count = len(DRAFT.load(context).photos)
    await close_buttons(
        update, context, labels.CHOSEN_PHOTOS, str(count) if count else common.SKIPPED
    )
    return await ask(update, context, Step.IDENTITY)

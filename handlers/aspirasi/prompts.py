"""The submission's prompts: what the bot asks at each step, and the nudges when an answer
does not fit the step (a photo where text was expected, a message where a button was).
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.models.aspirasi import (
    MAX_NOTE,
    MAX_PHOTOS,
    MAX_TEXT,
    MAX_VOICE_TEXT,
    MIN_TEXT,
    MIN_VOICE_TEXT,
)
from handlers.aspirasi import keyboards, labels
from handlers.aspirasi.cards import CARD_TEXT, excerpt
from handlers.aspirasi.draft import DRAFT, AspirationDraft, Step
from handlers.common.replies import alert, ask_text, reply, retire_buttons

NAME_MIN, NAME_MAX = 2, 64


async def ask(update: Update, context: BotContext, step: Step) -> int:
    """Ask what one step needs; the step to wait in."""
    draft = DRAFT.load(context)
    if step == Step.CATEGORY:
        kim = await context.store.get_kim(draft.kim_id) if draft.kim_id else None
        await reply(update, context, "aspirasi/ask_category", keyboards.category_keyboard(),
                    kim=kim, prefilled=draft.text is not None,
                    discussion_title=draft.discussion_title)  # fmt: skip
    elif step == Step.PLACE:
        markup = keyboards.PLACES.kecamatan_keyboard(context.region.kecamatan)
        await reply(update, context, "aspirasi/ask_place", markup, region=context.region)
    elif step == Step.TEXT:
        await reply(update, context, "aspirasi/ask_text", ask_text(labels.ASK_TEXT),
                    min=MIN_TEXT, max=MAX_TEXT)  # fmt: skip
    elif step == Step.VOICE_TEXT:
        await reply(update, context, "aspirasi/ask_voice_text", ask_text(labels.ASK_VOICE_TEXT),
                    min=MIN_VOICE_TEXT, max=MAX_VOICE_TEXT)  # fmt: skip
    elif step == Step.PHOTOS:
        await reply(update, context, "aspirasi/ask_photos",
                    keyboards.photos_keyboard(len(draft.photos)), max=MAX_PHOTOS)  # fmt: skip
    elif step == Step.IDENTITY:
        await reply(update, context, "aspirasi/ask_identity", keyboards.identity_keyboard(),
                    assisted=draft.kim_id is not None)  # fmt: skip
    elif step == Step.NAME:
        await reply(update, context, "aspirasi/ask_name", ask_text(labels.ASK_NAME),
                    max=NAME_MAX)  # fmt: skip
    else:
        return await show_summary(update, context)
    return step


async def after_text(update: Update, context: BotContext) -> int:
    """Once the aspiration's text (or voice note) is in: photos."""
    return await ask(update, context, Step.PHOTOS)


async def after_place(update: Update, context: BotContext) -> int:
    """Once the place is in: the text, unless it came with the button that started it all."""
    if DRAFT.load(context).text:
        return await ask(update, context, Step.PHOTOS)
    return await ask(update, context, Step.TEXT)


async def show_summary(update: Update, context: BotContext) -> int:
    """Everything entered, with Kirim / Batal."""
    values = summary_values(context, DRAFT.load(context))
    await reply(update, context, "aspirasi/summary", keyboards.summary_keyboard(), **values)
    return Step.SUMMARY


def summary_values(context: BotContext, draft: AspirationDraft) -> dict[str, Any]:
    """What the summary shows."""
    category = draft.chosen_category
    identity = draft.chosen_identity
    return {
        "category": labels.CATEGORIES[category] if category else "-",
        "kecamatan": context.region.kecamatan_by_code(draft.kecamatan or ""),
        "desa": context.region.desa_by_code(draft.desa or ""),
        "location": (draft.latitude, draft.longitude) if draft.latitude is not None else None,
        "isi": excerpt(draft.text, CARD_TEXT),
        "voice": draft.voice_file_id is not None,
        "photos": len(draft.photos),
        "identity": labels.IDENTITY_NAMES[identity] if identity else "-",
        "name": draft.name,
    }


async def expect_button(update: Update, context: BotContext) -> None:
    """Explain that this step wants a button press, not a message."""
    await reply(update, context, "aspirasi/use_buttons")


async def expect_place(update: Update, context: BotContext) -> None:
    """Explain that this step wants a kecamatan button or a shared location."""
    await reply(update, context, "aspirasi/use_place")


async def expect_text(update: Update, context: BotContext) -> None:
    """A photo, sticker or file where the aspiration's text (or a voice note) was expected."""
    await reply(update, context, "aspirasi/use_text", ask_text(labels.ASK_TEXT),
                min=MIN_TEXT, max=MAX_TEXT)  # fmt: skip


async def expect_typed(update: Update, context: BotContext) -> None:
    """Anything but typed text where a short typed answer was expected."""
    await reply(update, context, "aspirasi/use_typed", max=MAX_NOTE)


async def expect_photo(update: Update, context: BotContext) -> None:
    """Explain that this step wants photos, or the Lewati / Selesai button."""
    sent = len(DRAFT.load(context).photos)
    await reply(update, context, "aspirasi/use_photo", keyboards.photos_keyboard(sent),
                max=MAX_PHOTOS)  # fmt: skip


async def step_over(update: Update, context: BotContext) -> None:
    """A submission button outside its step (the submission is over or elsewhere)."""
    await retire_buttons(update, context, "aspirasi/step_over")


async def unknown_choice(update: Update, context: BotContext) -> None:
    """A forged or outdated choice: nothing changes."""
    await alert(update, context, "common/unknown_choice")

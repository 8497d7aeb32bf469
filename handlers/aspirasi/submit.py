"""Submitting an aspiration, first half: the start, the category and the place.

/aspirasi (private chat), its help button (pre-filled with the free text it answered), the
link a KIM group gives its member (a citizen's aspiration filed on their behalf), or a
concluded discussion's "Jadikan aspirasi" (pre-filled with the conclusion) →
category → kecamatan and desa (buttons, paged; or a typed desa name; or a shared location)
→ text or voice note (content.py) → photos → identity → summary → code (confirm.py).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.models.aspirasi import MAX_TEXT, MIN_TEXT, Category
from bot.models.registrasi import Kim
from bot.user_text import clean_text
from handlers.aspirasi import assisted, keyboards, labels
from handlers.aspirasi import callbacks as cb
from handlers.aspirasi.draft import DRAFT, AspirationDraft, Step
from handlers.aspirasi.filing import daily_limit, over_limit
from handlers.aspirasi.prompts import after_place, ask, unknown_choice
from handlers.common.access import is_group
from handlers.common.replies import answer, callback_data, close_buttons, message_text, reply


async def start(update: Update, context: BotContext) -> int:
    """Begin a submission in private; from a group, point a KIM member to their private chat."""
    user = update.effective_user
    assert user is not None
    if is_group(update):
        await assisted.invite(update, context)
        return ConversationHandler.END
    await answer(update)
    draft = await _origin(update, context)
    if draft is None:
        return ConversationHandler.END
    if await over_limit(context, user.id, draft.kim_id is not None):
        limit = daily_limit(context, draft.kim_id is not None)
        await reply(update, context, "aspirasi/refused_limit", limit=limit)
        return ConversationHandler.END
    DRAFT.save(context, draft)
    return await ask(update, context, Step.CATEGORY)


async def _origin(update: Update, context: BotContext) -> AspirationDraft | None:
    """The new draft, from where the submission started; None (and said why) when the link
    is for a KIM member and the person is not one."""
    discussion_id = assisted.discussion_requested(context)
    if discussion_id is not None:
        carried = await assisted.from_discussion(update, context, discussion_id)
        if carried is None:
            return None
        kim_of_discussion, discussion = carried
        text = clean_text(discussion.conclusion or "", MAX_TEXT, min_len=MIN_TEXT, multiline=True)
        return AspirationDraft(kim_of_discussion.id, text=text, discussion_title=discussion.title)
    kim: Kim | None = None
    if assisted.requested(context):
        kim = await assisted.kim_of(update, context)
        if kim is None:
            return None
    return AspirationDraft(kim_id=kim.id if kim else None, text=_prefill(update))


def _prefill(update: Update) -> str | None:
    """The text to start with, if it fits: the free text a help button answered ("Sampaikan
    sebagai aspirasi"), or what follows /aspirasi on its line."""
    query = update.callback_query
    if query is None:
        typed = message_text(update)
        head, _, text = typed.partition(" ") if " " in typed else typed.partition("\n")
        text = "" if head.startswith("/start") else text
    else:
        replied = getattr(query.message, "reply_to_message", None)
        text = replied.text if replied is not None and replied.text else ""
    if text.startswith("/"):
        return None
    return clean_text(text, MAX_TEXT, min_len=MIN_TEXT, multiline=True)


async def save_category(update: Update, context: BotContext) -> int:
    """Take the category, then ask for the place."""
    (value,) = cb.CATEGORY.parse(callback_data(update)) or ("",)
    if value not in set(Category):
        await unknown_choice(update, context)
        return Step.CATEGORY
    await answer(update)
    with DRAFT.edit(context) as draft:
        draft.category = value
    await close_buttons(update, context, labels.CHOSEN_CATEGORY, labels.CATEGORIES[Category(value)])
    return await ask(update, context, Step.PLACE)


async def save_kecamatan(update: Update, context: BotContext) -> int:
    """Take the kecamatan, then show its desa."""
    (kode,) = cb.KECAMATAN.parse(callback_data(update)) or ("",)
    kecamatan = context.region.kecamatan_by_code(kode)
    if kecamatan is None:
        await unknown_choice(update, context)
        return Step.PLACE
    await answer(update)
    with DRAFT.edit(context) as draft:
        draft.kecamatan, draft.desa = kode, None
        draft.latitude = draft.longitude = None
    await close_buttons(update, context, labels.CHOSEN_KECAMATAN, kecamatan.nama)
    markup = keyboards.PLACES.desa_keyboard(context.region.desa_of(kode), kode, 0)
    await reply(update, context, "aspirasi/ask_desa", markup, kecamatan=kecamatan)
    return Step.DESA


async def turn_desa_page(update: Update, context: BotContext) -> int:
    """Page through the desa buttons (edits the message in place)."""
    await keyboards.PLACES.turn_desa_page(update, context)
    return Step.DESA


async def back_to_kecamatan(update: Update, context: BotContext) -> int:
    """Go back from the desa list to the kecamatan list."""
    await answer(update)
    await close_buttons(update, context)
    return await ask(update, context, Step.PLACE)


async def find_typed_desa(update: Update, context: BotContext) -> int:
    """Match a typed desa name within the chosen kecamatan and offer the matches."""
    await keyboards.PLACES.find_typed_desa(update, context, DRAFT.load(context).kecamatan)
    return Step.DESA


async def save_desa(update: Update, context: BotContext) -> int:
    """Take the desa (by official code), then ask for the aspiration itself."""
    (kode,) = cb.DESA.parse(callback_data(update)) or ("",)
    desa = context.region.desa_by_code(kode)
    draft = DRAFT.load(context)
    if desa is None or desa.kecamatan_kode != draft.kecamatan:
        await unknown_choice(update, context)
        return Step.DESA
    await answer(update)
    draft.desa = desa.kode
    DRAFT.save(context, draft)
    await close_buttons(update, context, labels.CHOSEN_DESA, desa.nama)
    return await after_place(update, context)


async def save_location(update: Update, context: BotContext) -> int:
    """Take a shared location instead of kecamatan and desa."""
    message = update.effective_message
    location = message.location if message else None
    if location is None:
        return Step.PLACE
    with DRAFT.edit(context) as draft:
        draft.kecamatan = draft.desa = None
        draft.latitude, draft.longitude = location.latitude, location.longitude
    await reply(update, context, "aspirasi/location_saved")
    return await after_place(update, context)

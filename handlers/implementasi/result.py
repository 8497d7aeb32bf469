"""The report conversation in private, second half: the topic and the result (for farming,
fishing and plantation also the commodity and its yield before and after, in one unit), up
to five photos as evidence, and an optional location; then the summary (summary.py).
"""

from __future__ import annotations

from telegram import ReplyKeyboardRemove, Update

from bot.context import BotContext
from bot.models.implementasi import MAX_COMMODITY, MAX_PHOTOS, MAX_RESULT, MIN_RESULT
from bot.user_text import clean, clean_text
from handlers.common.replies import alert, answer, callback_data, close_buttons, message_text, reply
from handlers.implementasi import callbacks as cb
from handlers.implementasi import keyboards, labels
from handlers.implementasi.draft import DRAFT, Step
from handlers.implementasi.parsing import parse_yield
from handlers.implementasi.prompts import next_step


async def save_bidang(update: Update, context: BotContext) -> int:
    """Take the report's topic; its result is asked next."""
    (bidang,) = cb.BIDANG.parse(callback_data(update)) or ("",)
    if bidang not in labels.BIDANG:
        await alert(update, context, "common/unknown_choice")
        return Step.BIDANG
    await answer(update)
    with DRAFT.edit(context) as draft:
        draft.bidang = bidang
    await close_buttons(update, context, labels.CHOSEN_BIDANG, labels.BIDANG[bidang])
    return await next_step(update, context)


async def save_result(update: Update, context: BotContext) -> int:
    """Take the result in words."""
    typed = message_text(update)
    hasil = clean_text(typed, MAX_RESULT, min_len=MIN_RESULT, multiline=True)
    if hasil is None:
        await reply(update, context, "implementasi/bad_result", length=len(clean(typed)),
                    min=MIN_RESULT, max=MAX_RESULT)  # fmt: skip
        return Step.HASIL
    with DRAFT.edit(context) as draft:
        draft.hasil = hasil
    return await next_step(update, context)


async def save_commodity(update: Update, context: BotContext) -> int:
    """Take the commodity (padi, ikan nila, karet …)."""
    komoditas = clean_text(message_text(update), MAX_COMMODITY, min_len=2)
    if komoditas is None:
        await reply(update, context, "implementasi/bad_commodity", max=MAX_COMMODITY)
        return Step.KOMODITAS
    with DRAFT.edit(context) as draft:
        draft.komoditas = komoditas
    return await next_step(update, context)


async def save_before(update: Update, context: BotContext) -> int:
    """Take the yield before, with its unit ("2,5 ton/ha")."""
    amount = parse_yield(message_text(update))
    if amount is None or not amount.unit:
        await reply(update, context, "implementasi/bad_before")
        return Step.SEBELUM
    with DRAFT.edit(context) as draft:
        draft.sebelum, draft.satuan_hasil = amount.value, amount.unit
    return await next_step(update, context)


async def save_after(update: Update, context: BotContext) -> int:
    """Take the yield after, in the unit of the yield before (which may be left out)."""
    draft = DRAFT.load(context)
    amount = parse_yield(message_text(update))
    unit = draft.satuan_hasil or ""
    if amount is None or (amount.unit and amount.unit.lower() != unit.lower()):
        await reply(update, context, "implementasi/bad_after", unit=unit)
        return Step.SESUDAH
    draft.sesudah = amount.value
    DRAFT.save(context, draft)
    return await next_step(update, context)


async def save_photo(update: Update, context: BotContext) -> int:
    """Keep one photo (as its Telegram file id), up to MAX_PHOTOS."""
    message = update.effective_message
    assert message is not None
    draft = DRAFT.load(context)
    if len(draft.photos) >= MAX_PHOTOS:
        await reply(update, context, "implementasi/too_many_photos",
                    keyboards.photos_keyboard(len(draft.photos)), max=MAX_PHOTOS)  # fmt: skip
        return Step.FOTO
    draft.photos.append(message.photo[-1].file_id)
    DRAFT.save(context, draft)
    await reply(update, context, "implementasi/photo_saved",
                keyboards.photos_keyboard(len(draft.photos)), count=len(draft.photos),
                max=MAX_PHOTOS)  # fmt: skip
    return Step.FOTO


async def photos_done(update: Update, context: BotContext) -> int:
    """Selesai (or Lewati without photos): on to the location."""
    await answer(update)
    with DRAFT.edit(context) as draft:
        draft.photos_done = True
    await close_buttons(update, context, labels.CHOSEN_PHOTOS, str(len(draft.photos)))
    return await next_step(update, context)


async def expect_photo(update: Update, context: BotContext) -> int:
    """Something else than a photo at the photo step (a file, a text): say what is wanted."""
    count = len(DRAFT.load(context).photos)
    message = update.effective_message
    as_file = bool(message and message.document)
    await reply(update, context, "implementasi/use_photo", keyboards.photos_keyboard(count),
                as_file=as_file, count=count, max=MAX_PHOTOS)  # fmt: skip
    return Step.FOTO


async def save_location(update: Update, context: BotContext) -> int:
    """Take the shared location (or its skip, typed by the reply keyboard's button)."""
    message = update.effective_message
    assert message is not None
    with DRAFT.edit(context) as draft:
        if message.location is not None:
            draft.latitude = message.location.latitude
            draft.longitude = message.location.longitude
        draft.location_done = True
    await reply(update, context, "implementasi/location_saved", ReplyKeyboardRemove(),
                located=message.location is not None)  # fmt: skip
    return await next_step(update, context)


async def expect_location(update: Update, context: BotContext) -> int:
    """Something else than a location or its skip: say how to share one."""
    await reply(update, context, "implementasi/use_location", keyboards.location_keyboard())
    return Step.LOKASI

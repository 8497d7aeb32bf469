"""Registration, second half: the SK (issuer, number, date, photo), the summary and its edits,
confirmation (sent to the Diskominfo desk) and cancelling.
"""

from __future__ import annotations

from datetime import date

from telegram import Update

from bot.context import BotContext
from bot.dates import parse_date_id
from bot.models.registrasi import MAX_SK_NUMBER
from bot.user_text import clean, clean_text
from handlers.common import labels as common
from handlers.common.access import anyone_verifies, is_group_admin
from handlers.common.replies import (
    alert,
    answer,
    ask_text,
    callback_data,
    close_buttons,
    message_text,
    reply,
)
from handlers.registrasi import callbacks as cb
from handlers.registrasi import keyboards, labels
from handlers.registrasi.draft import DRAFT, Step, summary_values
from handlers.registrasi.link import continue_as_new, offer_link, refuse_if_taken, request_link
from handlers.registrasi.prompts import ask, next_step, show_summary
from handlers.registrasi.verification import announce_registration


async def save_penerbit(update: Update, context: BotContext) -> int:
    """Take the SK issuer, then ask for the SK number."""
    (key,) = cb.PENERBIT.parse(callback_data(update)) or ("",)
    if key not in labels.SK_PENERBIT:
        await alert(update, context, "common/unknown_choice")
        return Step.PENERBIT
    await answer(update)
    with DRAFT.edit(context) as draft:
        draft.penerbit = key
    await close_buttons(update, context, labels.CHOSEN_PENERBIT, labels.SK_PENERBIT[key])
    return await next_step(update, context, Step.NOMOR)


async def save_nomor(update: Update, context: BotContext) -> int:
    """Take the SK number, then ask for its date."""
    nomor = clean_text(message_text(update), MAX_SK_NUMBER)
    if nomor is None:
        await reply(
            update, context, "registrasi/bad_nomor", ask_text(labels.ASK_NOMOR), max=MAX_SK_NUMBER
        )
        return Step.NOMOR
    with DRAFT.edit(context) as draft:
        draft.nomor = nomor
    return await next_step(update, context, Step.TANGGAL)


async def save_tanggal(update: Update, context: BotContext) -> int:
    """Take the SK date (not in the future), then ask for the photo."""
    today = context.config.today()
    parsed = parse_date_id(clean(message_text(update))[:40], today)
    if parsed is None or parsed > today or parsed < date(1990, 1, 1):
        await reply(
            update,
            context,
            "registrasi/bad_tanggal",
            ask_text(labels.ASK_TANGGAL_AGAIN),
            future=parsed is not None and parsed > today,
            today=today,
        )
        return Step.TANGGAL
    with DRAFT.edit(context) as draft:
        draft.tanggal = parsed.isoformat()
    return await next_step(update, context, Step.FOTO)


async def save_foto(update: Update, context: BotContext) -> int:
    """Take the SK photo or document (or a skip), then show the summary."""
    message = update.effective_message
    draft = DRAFT.load(context)
    if update.callback_query:
        await answer(update)
        draft.foto_kind = draft.foto_file_id = None
        await close_buttons(update, context, labels.CHOSEN_FOTO, common.SKIPPED)
    elif message and message.photo:
        draft.foto_kind, draft.foto_file_id = "photo", message.photo[-1].file_id
    elif message and message.document:
        draft.foto_kind, draft.foto_file_id = "document", message.document.file_id
    DRAFT.save(context, draft)
    return await show_summary(update, context)


_EDIT_STEPS = {
    "nama": Step.NAMA,
    "wilayah": Step.KECAMATAN,
    "penerbit": Step.PENERBIT,
    "nomor": Step.NOMOR,
    "tanggal": Step.TANGGAL,
    "foto": Step.FOTO,
}


async def choose_edit(update: Update, context: BotContext) -> int:
    """Offer the fields that can be changed (of a link: the choice and the desa)."""
    await answer(update)
    await close_buttons(update, context)
    linked = DRAFT.load(context).link_kim_id is not None
    await reply(update, context, "registrasi/ask_edit", keyboards.edit_keyboard(linked))
    return Step.RINGKASAN


async def edit_field(update: Update, context: BotContext) -> int:
    """Jump back to one step; the summary follows again after it."""
    (field,) = cb.EDIT_FIELD.parse(callback_data(update)) or ("",)
    linked = DRAFT.load(context).link_kim_id is not None
    if field not in (labels.EDIT_FIELDS_LINK if linked else labels.EDIT_FIELDS):
        await alert(update, context, "common/unknown_choice")
        return Step.RINGKASAN
    await answer(update)
    await close_buttons(update, context)
    if field == "tautan":
        return await offer_link(update, context) or await continue_as_new(update, context)
    return await ask(update, context, _EDIT_STEPS[field])


async def confirm(update: Update, context: BotContext) -> int:
    """Save the registration (or the link request) and send it to the Diskominfo desk."""
    await answer(update)
    draft = DRAFT.load(context)
    user, chat = update.effective_user, update.effective_chat
    assert user is not None
    assert chat is not None
    if chat.id != draft.chat_id or not await is_group_admin(context, chat.id, user.id):
        await reply(update, context, "registrasi/admin_only")
        return Step.RINGKASAN
    if await refuse_if_taken(update, context, chat.id):
        return DRAFT.clear(context)
    if draft.link_kim_id is not None:
        return await request_link(update, context, draft)
    kim = await context.store.register_kim(draft.kim_draft(), chat.id, user.id)
    await context.store.upsert_chat(chat.id, chat.type, chat.title)
    await close_buttons(update, context, common.CONFIRMED)
    delivered = await announce_registration(context, kim, draft.foto_kind, draft.foto_file_id)
    unverified = not await anyone_verifies(context.config, context.store)
    values = summary_values(context, draft)
    await reply(update, context, "registrasi/submitted", kim=kim, no_admin=unverified,
                delivered=delivered, **values)  # fmt: skip
    return DRAFT.clear(context)


async def cancel(update: Update, context: BotContext) -> int:
    """Leave the registration; nothing is saved."""
    await answer(update)
    await close_buttons(update, context)
    await reply(update, context, "registrasi/cancelled")
    return DRAFT.clear(context)

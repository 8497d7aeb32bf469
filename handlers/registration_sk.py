"""Registration, second half: the SK (issuer, number, date, photo), the summary and its edits,
confirmation (sent to the Diskominfo desk) and cancelling.
"""

from __future__ import annotations

from datetime import date, datetime

from telegram import Update

from bot.context import BotContext
from bot.dates import parse_date_id
from handlers import keyboards, labels
from handlers.common import (
    alert,
    answer,
    ask_text,
    callback_data,
    close_buttons,
    is_group_admin,
    message_text,
    reply,
)
from handlers.desk import announce_registration
from handlers.registration_draft import (
    MAX_SK_NUMBER,
    Step,
    draft_of,
    finish,
    kim_draft,
    summary_values,
)
from handlers.registration_prompts import ask, next_step, show_summary


async def save_penerbit(update: Update, context: BotContext) -> int:
    """Take the SK issuer, then ask for the SK number."""
    key = callback_data(update).removeprefix("daftar:sk:")
    if key not in labels.SK_PENERBIT:
        await alert(update, context, "common/unknown_choice")
        return Step.PENERBIT
    await answer(update)
    draft_of(context)["penerbit"] = key
    await close_buttons(update, context, labels.CHOSEN_PENERBIT, labels.SK_PENERBIT[key])
    return await next_step(update, context, Step.NOMOR)


async def save_nomor(update: Update, context: BotContext) -> int:
    """Take the SK number, then ask for its date."""
    nomor = " ".join(message_text(update).split())
    if not 1 <= len(nomor) <= MAX_SK_NUMBER:
        await reply(
            update, context, "registration/bad_nomor", ask_text("Nomor SK"), max=MAX_SK_NUMBER
        )
        return Step.NOMOR
    draft_of(context)["nomor"] = nomor
    return await next_step(update, context, Step.TANGGAL)


async def save_tanggal(update: Update, context: BotContext) -> int:
    """Take the SK date (not in the future), then ask for the photo."""
    today = datetime.now(context.config.timezone).date()
    parsed = parse_date_id(message_text(update)[:40], today)
    if parsed is None or parsed > today or parsed < date(1990, 1, 1):
        await reply(
            update,
            context,
            "registration/bad_tanggal",
            ask_text("Tanggal SK"),
            future=parsed is not None and parsed > today,
            today=today,
        )
        return Step.TANGGAL
    draft_of(context)["tanggal"] = parsed.isoformat()
    return await next_step(update, context, Step.FOTO)


async def save_foto(update: Update, context: BotContext) -> int:
    """Take the SK photo or document (or a skip), then show the summary."""
    message = update.effective_message
    draft = draft_of(context)
    if update.callback_query:
        await answer(update)
        draft.pop("foto", None)
        await close_buttons(update, context, labels.CHOSEN_FOTO, labels.SKIPPED)
    elif message and message.photo:
        draft["foto"] = {"kind": "photo", "file_id": message.photo[-1].file_id}
    elif message and message.document:
        draft["foto"] = {"kind": "document", "file_id": message.document.file_id}
    return await show_summary(update, context)


async def choose_edit(update: Update, context: BotContext) -> int:
    """Offer the fields that can be changed."""
    await answer(update)
    await close_buttons(update, context)
    await reply(update, context, "registration/ask_edit", keyboards.edit_keyboard())
    return Step.RINGKASAN


async def edit_field(update: Update, context: BotContext) -> int:
    """Jump back to one step; the summary follows again after it."""
    await answer(update)
    await close_buttons(update, context)
    field = callback_data(update).removeprefix("daftar:ubah:")
    step = {
        "nama": Step.NAMA,
        "wilayah": Step.KECAMATAN,
        "penerbit": Step.PENERBIT,
        "nomor": Step.NOMOR,
        "tanggal": Step.TANGGAL,
        "foto": Step.FOTO,
    }.get(field)
    if step is None:
        return Step.RINGKASAN
    return await ask(update, context, step)


async def confirm(update: Update, context: BotContext) -> int:
    """Save the registration and send it to the Diskominfo desk."""
    await answer(update)
    draft = draft_of(context)
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    if chat.id != draft.get("chat_id") or not await is_group_admin(context, chat.id, user.id):
        await reply(update, context, "registration/admin_only")
        return Step.RINGKASAN
    existing = await context.store.kim_by_chat(chat.id)
    if existing is not None and existing.status != "ditolak":
        await reply(update, context, "registration/already", kim=existing)
        return finish(context)
    new_kim = kim_draft(context, draft)
    if "link_kim_id" in draft:
        kim = await context.store.link_kim(draft["link_kim_id"], new_kim, chat.id, user.id)
    else:
        kim = await context.store.register_kim(new_kim, chat.id, user.id)
    await context.store.upsert_chat(chat.id, chat.type, chat.title)
    await close_buttons(update, context, labels.CONFIRMED)
    await announce_registration(context, kim, draft.get("foto"))
    await reply(
        update, context, "registration/submitted", kim=kim, **summary_values(context, draft)
    )
    return finish(context)


async def cancel(update: Update, context: BotContext) -> int:
    """Leave the registration; nothing is saved."""
    await answer(update)
    await close_buttons(update, context)
    await reply(update, context, "registration/cancelled")
    return finish(context)

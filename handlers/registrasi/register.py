"""Registration of a Telegram group as a KIM (Akses starts with a verified KIM).

/daftar (group admins only) → name → kecamatan (buttons) → desa (paged buttons, or typed
and matched) → [link to an official KIM of that desa? then straight to its summary: see
link.py] → SK issuer → SK number → SK date → optional SK photo → summary (Konfirmasi / Ubah /
Batal) → waits for Diskominfo's verification.
The draft is kept through draft.DRAFT, persisted in SQLite, so a restart mid-way loses
nothing. This module has the first half (name, kecamatan, desa); register_sk the second.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.models.registrasi import MAX_NAME, MIN_NAME
from bot.user_text import clean, clean_text
from handlers.common.access import is_group, is_group_admin
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
from handlers.registrasi.draft import DRAFT, RegistrationDraft, Step
from handlers.registrasi.link import continue_as_new, offer_link, refuse_if_taken
from handlers.registrasi.prompts import ask, next_step, show_summary


async def start(update: Update, context: BotContext) -> int:
    """Begin registering this group, if the sender administers it and it is not registered."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    assert user is not None
    if not is_group(update):
        await reply(update, context, "registrasi/private_only")
        return ConversationHandler.END
    message = update.effective_message
    if message and message.sender_chat and message.sender_chat.id == chat.id:
        await reply(update, context, "registrasi/anonymous_admin")
        return ConversationHandler.END
    if not await is_group_admin(context, chat.id, user.id):
        await reply(update, context, "registrasi/admin_only")
        return ConversationHandler.END
    if await refuse_if_taken(update, context, chat.id):
        return ConversationHandler.END
    saved = DRAFT.load(context)
    if saved.chat_id == chat.id and saved.nama and saved.link_kim_id is None:
        return await _resume(update, context, saved)
    DRAFT.save(context, RegistrationDraft(chat_id=chat.id))
    await reply(update, context, "registrasi/ask_name", ask_text(labels.ASK_NAME), max=MAX_NAME)
    return Step.NAMA


async def _resume(update: Update, context: BotContext, draft: RegistrationDraft) -> int:
    """/daftar again with a draft kept (the bot restarted, or the step's buttons are gone):
    go on from the first step still to answer, or show the summary."""
    await reply(update, context, "registrasi/resumed", nama=draft.nama)
    step = draft.resume_step()
    if step is None:
        return await show_summary(update, context)
    return await ask(update, context, step)


async def save_name(update: Update, context: BotContext) -> int:
    """Take the KIM's name, then ask for the kecamatan."""
    name = clean_text(message_text(update), MAX_NAME, min_len=MIN_NAME)
    if name is None:
        length = len(clean(message_text(update)))
        await reply(update, context, "registrasi/bad_name", ask_text(labels.ASK_NAME),
                    length=length, max=MAX_NAME)  # fmt: skip
        return Step.NAMA
    with DRAFT.edit(context) as draft:
        draft.nama = name
    return await next_step(update, context, Step.KECAMATAN)


async def save_kecamatan(update: Update, context: BotContext) -> int:
    """Take the chosen kecamatan, then show its desa."""
    (kode,) = cb.KECAMATAN.parse(callback_data(update)) or ("",)
    kecamatan = context.region.kecamatan_by_code(kode)
    if kecamatan is None:
        await alert(update, context, "common/unknown_choice")
        return Step.KECAMATAN
    await answer(update)
    with DRAFT.edit(context) as draft:
        draft.kecamatan = kode
    await close_buttons(update, context, labels.CHOSEN_KECAMATAN, kecamatan.nama)
    return await show_desa_page(update, context, kode, 0)


async def show_desa_page(update: Update, context: BotContext, kode: str, page: int) -> int:
    """Show one page of the desa of a kecamatan."""
    kecamatan = context.region.kecamatan_by_code(kode)
    assert kecamatan is not None
    await reply(
        update,
        context,
        "registrasi/ask_desa",
        keyboards.PLACES.desa_keyboard(context.region.desa_of(kode), kode, page),
        kecamatan=kecamatan,
    )
    return Step.DESA


async def turn_desa_page(update: Update, context: BotContext) -> int:
    """Page through the desa buttons (edits the message in place)."""
    await keyboards.PLACES.turn_desa_page(update, context)
    return Step.DESA


async def back_to_kecamatan(update: Update, context: BotContext) -> int:
    """Go back from the desa list to the kecamatan list."""
    await answer(update)
    await close_buttons(update, context)
    return await ask(update, context, Step.KECAMATAN)


async def find_typed_desa(update: Update, context: BotContext) -> int:
    """Match a typed desa name within the chosen kecamatan and offer the matches."""
    await keyboards.PLACES.find_typed_desa(update, context, DRAFT.load(context).kecamatan)
    return Step.DESA


async def save_desa(update: Update, context: BotContext) -> int:
    """Take the chosen desa (by official code); offer the desa's official KIMs to link to."""
    (kode,) = cb.DESA.parse(callback_data(update)) or ("",)
    desa = context.region.desa_by_code(kode)
    draft = DRAFT.load(context)
    if desa is None or desa.kecamatan_kode != draft.kecamatan:
        await alert(update, context, "registrasi/unknown_desa")
        return Step.DESA
    await answer(update)
    draft.desa = desa.kode
    DRAFT.save(context, draft)
    await close_buttons(update, context, labels.CHOSEN_DESA, desa.nama)
    return await offer_link(update, context) or await continue_as_new(update, context)

"""Linking a group to an official KIM imported by Diskominfo: the group's side of /daftar.

After the desa, the desa's official KIMs without a group are offered. "Hubungkan ke KIM ini"
skips the SK questions (the official SK stands) and shows the official record; Konfirmasi
sends the desk a link request (see link_verification). The record's name, SK and status never
change, and until the desk approves the group is not the KIM's group (nor can it /gabung).
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.registrasi import KimStatus
from handlers.common import labels as common
from handlers.common.replies import answer, callback_data, close_buttons, reply
from handlers.registrasi import callbacks as cb
from handlers.registrasi import keyboards, labels
from handlers.registrasi.draft import DRAFT, RegistrationDraft, Step
from handlers.registrasi.link_verification import announce_link
from handlers.registrasi.prompts import next_step, show_summary


async def refuse_if_taken(update: Update, context: BotContext, chat_id: int) -> bool:
    """Explain, and say so, when this group is a KIM already or waits for a link."""
    existing = await context.store.kim_by_chat(chat_id)
    if existing is not None and (existing.official or existing.status != KimStatus.REJECTED):
        await reply(update, context, "registrasi/already", kim=existing)
        return True
    waiting = await context.store.waiting_link_of_chat(chat_id)
    if waiting is not None:
        kim = await context.store.get_kim(waiting.kim_id)
        await reply(update, context, "registrasi/link_pending", kim=kim)
        return True
    return False


async def offer_link(update: Update, context: BotContext) -> int | None:
    """Offer the desa's official KIMs that have no group; None when there are none."""
    draft = DRAFT.load(context)
    desa = context.region.desa_by_code(draft.desa or "")
    official = await context.store.unlinked_kims_in_desa(draft.desa or "")
    if desa is None or not official:
        return None
    markup = keyboards.link_keyboard(official)
    await reply(update, context, "registrasi/offer_link", markup, kims=official, desa=desa)
    return Step.TAUTAN


async def choose_link(update: Update, context: BotContext) -> int:
    """Take "Hubungkan ke KIM ini" (on to the summary, no SK asked) or "Buat KIM baru"."""
    await answer(update)
    picked = cb.LINK.parse(callback_data(update))
    if picked is None:
        await close_buttons(update, context, labels.CHOSEN_KIM, labels.CHOSEN_NEW_KIM)
        return await continue_as_new(update, context)
    draft = DRAFT.load(context)
    kim = await context.store.get_kim(int(picked[0]))
    if kim is None or not kim.linkable or kim.desa_kode != draft.desa:
        await reply(update, context, "registrasi/link_gone")
        return await offer_link(update, context) or await continue_as_new(update, context)
    draft.link_to(kim.id)
    DRAFT.save(context, draft)
    await close_buttons(update, context, labels.CHOSEN_LINK, kim.nama)
    return await show_summary(update, context)


async def continue_as_new(update: Update, context: BotContext) -> int:
    """Go on as a new KIM (no link, whatever was picked for an earlier desa): through the SK
    questions unless they were answered already, then to the summary."""
    with DRAFT.edit(context) as draft:
        draft.link_kim_id = None
        if draft.nomor is None:  # linked before, or first time here: the SK is still to come
            draft.editing = False
    return await next_step(update, context, Step.PENERBIT)


async def request_link(update: Update, context: BotContext, draft: RegistrationDraft) -> int:
    """Send the desk a request to make this group the official KIM's group."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    assert user is not None
    assert draft.link_kim_id is not None
    await context.store.upsert_chat(chat.id, chat.type, chat.title)
    link = await context.store.request_link(draft.link_kim_id, chat.id, user.id)
    await close_buttons(update, context, common.CONFIRMED if link else None)
    if link is None:  # another group got it meanwhile
        await reply(update, context, "registrasi/link_gone")
        return await offer_link(update, context) or await continue_as_new(update, context)
    kim = await context.store.get_kim(link.kim_id)
    assert kim is not None
    await announce_link(context, link, kim)
    await reply(update, context, "registrasi/link_submitted", kim=kim)
    return DRAFT.clear(context)

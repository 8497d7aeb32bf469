"""Registration of a Telegram group as a KIM (Akses starts with a verified KIM).

/daftar (group admins only) → name → kecamatan (buttons) → desa (paged buttons, or typed
and matched) → [link to an imported KIM of that desa?] → SK issuer → SK number → SK date →
optional SK photo → summary (Konfirmasi / Ubah / Batal) → waits for Diskominfo's verification.
The draft lives in user_data, persisted in SQLite, so a restart mid-way loses nothing.
"""

from __future__ import annotations

from datetime import date, datetime

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.dates import parse_date_id
from handlers import keyboards, labels
from handlers.common import (
    alert,
    answer,
    ask_text,
    callback_data,
    close_buttons,
    is_group,
    is_group_admin,
    message_text,
    reply,
)
from handlers.desk import announce_registration
from handlers.registration_draft import (
    DRAFT,
    Step,
    draft_of,
    finish,
    kim_draft,
    summary_values,
)

MAX_NAME = 60
MAX_SK_NUMBER = 80


async def start(update: Update, context: BotContext) -> int:
    """Begin registering this group, if the sender administers it and it is not registered."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    if not is_group(update):
        await reply(update, context, "registration/private_only")
        return ConversationHandler.END
    message = update.effective_message
    if message and message.sender_chat and message.sender_chat.id == chat.id:
        await reply(update, context, "registration/anonymous_admin")
        return ConversationHandler.END
    if not await is_group_admin(context, chat.id, user.id):
        await reply(update, context, "registration/admin_only")
        return ConversationHandler.END
    existing = await context.store.kim_by_chat(chat.id)
    if existing is not None and existing.status != "ditolak":
        await reply(update, context, "registration/already", kim=existing)
        return ConversationHandler.END
    assert context.user_data is not None
    context.user_data[DRAFT] = {"chat_id": chat.id}
    await reply(update, context, "registration/ask_name", ask_text("Nama KIM"), max=MAX_NAME)
    return Step.NAMA


async def save_name(update: Update, context: BotContext) -> int:
    """Take the KIM's name, then ask for the kecamatan."""
    name = " ".join(message_text(update).split())
    if not 3 <= len(name) <= MAX_NAME:
        await reply(
            update,
            context,
            "registration/bad_name",
            ask_text("Nama KIM"),
            length=len(name),
            max=MAX_NAME,
        )
        return Step.NAMA
    draft_of(context)["nama"] = name
    return await _next(update, context, Step.KECAMATAN)


async def ask_kecamatan(update: Update, context: BotContext) -> int:
    """Show the kecamatan buttons."""
    await reply(
        update,
        context,
        "registration/ask_kecamatan",
        keyboards.kecamatan_keyboard(context.region.kecamatan),
        region=context.region,
    )
    return Step.KECAMATAN


async def save_kecamatan(update: Update, context: BotContext) -> int:
    """Take the chosen kecamatan, then show its desa."""
    kode = callback_data(update).removeprefix("daftar:kec:")
    kecamatan = context.region.kecamatan_by_code(kode)
    if kecamatan is None:
        await alert(update, context, "common/unknown_choice")
        return Step.KECAMATAN
    await answer(update)
    draft_of(context)["kecamatan"] = kode
    await close_buttons(update, context, labels.CHOSEN_KECAMATAN, kecamatan.nama)
    return await show_desa_page(update, context, kode, 0)


async def show_desa_page(update: Update, context: BotContext, kode: str, page: int) -> int:
    """Show one page of the desa of a kecamatan."""
    kecamatan = context.region.kecamatan_by_code(kode)
    assert kecamatan is not None
    await reply(
        update,
        context,
        "registration/ask_desa",
        keyboards.desa_keyboard(context.region.desa_of(kode), kode, page),
        kecamatan=kecamatan,
    )
    return Step.DESA


async def turn_desa_page(update: Update, context: BotContext) -> int:
    """Page through the desa buttons (edits the message in place)."""
    _, _, kode, page = callback_data(update).split(":")
    await answer(update)
    markup = keyboards.desa_keyboard(context.region.desa_of(kode), kode, int(page))
    if update.callback_query and update.callback_query.message:
        await update.callback_query.edit_message_reply_markup(markup)
    return Step.DESA


async def back_to_kecamatan(update: Update, context: BotContext) -> int:
    """Go back from the desa list to the kecamatan list."""
    await answer(update)
    return await ask_kecamatan(update, context)


async def find_typed_desa(update: Update, context: BotContext) -> int:
    """Match a typed desa name within the chosen kecamatan and offer the matches."""
    found = context.region.find_desa(message_text(update)[:100], draft_of(context).get("kecamatan"))
    if not found:
        await reply(update, context, "registration/desa_not_found", text=message_text(update)[:100])
        return Step.DESA
    await reply(update, context, "registration/desa_choices", keyboards.choices_keyboard(found))
    return Step.DESA


async def save_desa(update: Update, context: BotContext) -> int:
    """Take the chosen desa (by official code); offer an imported KIM of that desa."""
    desa = context.region.desa_by_code(callback_data(update).removeprefix("daftar:desa:"))
    draft = draft_of(context)
    if desa is None or desa.kecamatan_kode != draft.get("kecamatan"):
        await alert(update, context, "registration/unknown_desa")
        return Step.DESA
    await answer(update)
    draft["desa"] = desa.kode
    await close_buttons(update, context, labels.CHOSEN_DESA, desa.nama)
    imported = await context.store.unlinked_kims_in_desa(desa.kode)
    if imported and not draft.get("editing"):
        await reply(
            update,
            context,
            "registration/offer_link",
            keyboards.link_keyboard(imported),
            kims=imported,
            desa=desa,
        )
        return Step.TAUTAN
    return await _next(update, context, Step.PENERBIT)


async def save_link(update: Update, context: BotContext) -> int:
    """Link to an imported KIM (its name is kept) or go on with a new one."""
    await answer(update)
    data = callback_data(update)
    draft = draft_of(context)
    if data.startswith("daftar:tautkan:"):
        kim = await context.store.get_kim(int(data.rsplit(":", 1)[1]))
        if kim is None or kim.chat_id is not None or kim.desa_kode != draft.get("desa"):
            await reply(update, context, "registration/link_gone")
            return Step.TAUTAN
        draft["link_kim_id"], draft["nama"] = kim.id, kim.nama
    else:
        draft.pop("link_kim_id", None)
    await close_buttons(update, context)
    return await _next(update, context, Step.PENERBIT)


async def ask_penerbit(update: Update, context: BotContext) -> int:
    """Ask who issued the SK."""
    await reply(update, context, "registration/ask_penerbit", keyboards.penerbit_keyboard())
    return Step.PENERBIT


async def save_penerbit(update: Update, context: BotContext) -> int:
    """Take the SK issuer, then ask for the SK number."""
    key = callback_data(update).removeprefix("daftar:sk:")
    if key not in labels.SK_PENERBIT:
        await alert(update, context, "common/unknown_choice")
        return Step.PENERBIT
    await answer(update)
    draft_of(context)["penerbit"] = key
    await close_buttons(update, context, labels.CHOSEN_PENERBIT, labels.SK_PENERBIT[key])
    return await _next(update, context, Step.NOMOR)


async def save_nomor(update: Update, context: BotContext) -> int:
    """Take the SK number, then ask for its date."""
    nomor = " ".join(message_text(update).split())
    if not 1 <= len(nomor) <= MAX_SK_NUMBER:
        await reply(
            update, context, "registration/bad_nomor", ask_text("Nomor SK"), max=MAX_SK_NUMBER
        )
        return Step.NOMOR
    draft_of(context)["nomor"] = nomor
    return await _next(update, context, Step.TANGGAL)


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
    return await _next(update, context, Step.FOTO)


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


async def show_summary(update: Update, context: BotContext) -> int:
    """Show everything entered with Konfirmasi / Ubah / Batal."""
    draft = draft_of(context)
    draft["editing"] = True
    await reply(
        update,
        context,
        "registration/summary",
        keyboards.summary_keyboard(),
        **summary_values(context, draft),
    )
    return Step.RINGKASAN


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
    return await _ask(update, context, step)


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


async def expect_button(update: Update, context: BotContext) -> None:
    """Explain that this step wants a button press, not a message."""
    await reply(update, context, "registration/use_buttons")


async def expect_text(update: Update, context: BotContext) -> None:
    """Explain that this step wants typed text (e.g. a photo was sent)."""
    await reply(update, context, "registration/use_text")


async def expect_photo(update: Update, context: BotContext) -> None:
    """Explain that this step wants the SK photo or the Lewati button."""
    await reply(update, context, "registration/use_photo", keyboards.skip_keyboard())


async def busy_elsewhere(update: Update, context: BotContext) -> None:
    """Tell another member that the registration buttons belong to whoever started it."""
    await alert(update, context, "registration/not_yours")


async def _next(update: Update, context: BotContext, step: Step) -> int:
    """Go to the next step, or back to the summary when a field was being changed."""
    if draft_of(context).get("editing") and step not in (Step.DESA, Step.TAUTAN):
        return await show_summary(update, context)
    return await _ask(update, context, step)


async def _ask(update: Update, context: BotContext, step: Step) -> int:
    if step == Step.NAMA:
        await reply(update, context, "registration/ask_name", ask_text("Nama KIM"), max=MAX_NAME)
    elif step == Step.KECAMATAN:
        return await ask_kecamatan(update, context)
    elif step == Step.PENERBIT:
        return await ask_penerbit(update, context)
    elif step == Step.NOMOR:
        await reply(update, context, "registration/ask_nomor", ask_text("Nomor SK"))
    elif step == Step.TANGGAL:
        await reply(update, context, "registration/ask_tanggal", ask_text("17/08/2025"))
    elif step == Step.FOTO:
        await reply(update, context, "registration/ask_foto", keyboards.skip_keyboard())
    return step

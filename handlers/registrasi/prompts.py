"""The registration conversation's prompts: what the bot asks at each step, and the nudges
when an answer does not fit the step (a message where a button was expected, and so on).
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.registrasi import MAX_NAME
from handlers.common.replies import alert, ask_text, reply, retire_buttons
from handlers.registrasi import keyboards, labels
from handlers.registrasi.draft import DRAFT, Step, official_values, summary_values


async def ask_kecamatan(update: Update, context: BotContext) -> int:
    """Show the kecamatan buttons."""
    await reply(
        update,
        context,
        "registrasi/ask_kecamatan",
        keyboards.PLACES.kecamatan_keyboard(context.region.kecamatan),
        region=context.region,
    )
    return Step.KECAMATAN


async def ask_penerbit(update: Update, context: BotContext) -> int:
    """Ask who issued the SK."""
    await reply(update, context, "registrasi/ask_penerbit", keyboards.penerbit_keyboard())
    return Step.PENERBIT


async def show_summary(update: Update, context: BotContext) -> int:
    """Show everything entered (or the official KIM to link to) with Konfirmasi / Ubah / Batal."""
    with DRAFT.edit(context) as draft:
        draft.editing = True
    linked = await context.store.get_kim(draft.link_kim_id) if draft.link_kim_id else None
    if linked is not None:
        values = official_values(context, linked)
        await reply(
            update, context, "registrasi/link_summary", keyboards.summary_keyboard(), **values
        )
    else:
        values = summary_values(context, draft)
        await reply(update, context, "registrasi/summary", keyboards.summary_keyboard(), **values)
    return Step.RINGKASAN


async def next_step(update: Update, context: BotContext, step: Step) -> int:
    """Go to the next step, or back to the summary when a field was being changed."""
    if DRAFT.load(context).editing and step not in (Step.DESA, Step.TAUTAN):
        return await show_summary(update, context)
    return await ask(update, context, step)


async def ask(update: Update, context: BotContext, step: Step) -> int:
    """Ask what one step needs."""
    if step == Step.NAMA:
        await reply(update, context, "registrasi/ask_name", ask_text(labels.ASK_NAME), max=MAX_NAME)
    elif step == Step.KECAMATAN:
        return await ask_kecamatan(update, context)
    elif step == Step.PENERBIT:
        return await ask_penerbit(update, context)
    elif step == Step.NOMOR:
        await reply(update, context, "registrasi/ask_nomor", ask_text(labels.ASK_NOMOR))
    elif step == Step.TANGGAL:
        await reply(update, context, "registrasi/ask_tanggal", ask_text(labels.ASK_TANGGAL))
    elif step == Step.FOTO:
        await reply(update, context, "registrasi/ask_foto", keyboards.skip_keyboard())
    return step


async def expect_button(update: Update, context: BotContext) -> None:
    """Explain that this step wants a button press, not a message."""
    await reply(update, context, "registrasi/use_buttons")


async def expect_text(update: Update, context: BotContext) -> None:
    """Explain that this step wants typed text (e.g. a photo was sent)."""
    await reply(update, context, "registrasi/use_text")


async def expect_photo(update: Update, context: BotContext) -> None:
    """Explain that this step wants the SK photo or the Lewati button."""
    await reply(update, context, "registrasi/use_photo", keyboards.skip_keyboard())


async def busy_elsewhere(update: Update, context: BotContext) -> None:
    """A registration button outside its step: someone else's registration, or a step over."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    assert user is not None
    if DRAFT.held_by_others(context, user.id, lambda draft: draft.chat_id == chat.id):
        await alert(update, context, "registrasi/not_yours")
        return
    await retire_buttons(update, context, "registrasi/step_over")

"""/laporan (Diskominfo admins, private chat): choose a month, then a scope (every KIM, a
kecamatan, or one of its KIMs) with buttons; receive a summary, the HTML report, the CSV and
the chart. /batal or ✖️ Batal ends it; others are refused politely.
"""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.constants import ChatType
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.models.laporan import Month
from bot.models.people import Role
from broadcasts.laporan.files import Inputs, make_files
from broadcasts.laporan.measures import Scope
from handlers.common.access import has_role
from handlers.common.replies import alert, answer, callback_data, drop_keyboard, reply
from handlers.laporan import callbacks as cb
from handlers.laporan import keyboards
from handlers.laporan.draft import DRAFT, Step

MONTHS_OFFERED = 6


async def start(update: Update, context: BotContext) -> int:
    """/laporan: an admin in private chooses the month."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return ConversationHandler.END
    if chat.type != ChatType.PRIVATE:
        await reply(update, context, "laporan/private_only")
        return ConversationHandler.END
    if not await has_role(context, user.id, Role.ADMIN):
        await reply(update, context, "laporan/not_admin")
        return ConversationHandler.END
    DRAFT.clear(context)
    now = Month.of(context.config.clock(), context.config.timezone)
    choices = [now.shift(-back) for back in range(MONTHS_OFFERED)]
    await reply(update, context, "laporan/ask_month", keyboards.months(choices))
    return Step.MONTH


async def choose_month(update: Update, context: BotContext) -> int:
    """A month pressed: choose the scope among the kecamatan that have KIMs."""
    (raw,) = cb.MONTH.parse(callback_data(update)) or ("",)
    month = Month.parse(raw)
    if month is None:
        await alert(update, context, "laporan/unknown_choice")
        return Step.MONTH
    await answer(update)
    with DRAFT.edit(context) as draft:
        draft.month = str(month)
    kims = await context.store.report_kims(month.end(context.config.timezone))
    codes = sorted({k.kecamatan_kode for k in kims})
    names = [(kode, _kecamatan_name(context, kode)) for kode in codes]
    await drop_keyboard(update)
    await reply(update, context, "laporan/ask_scope", keyboards.kecamatan(names),
                bulan=str(month), jumlah_kim=len(kims))  # fmt: skip
    return Step.SCOPE


async def choose_kecamatan(update: Update, context: BotContext) -> int:
    """A kecamatan pressed: the whole of it, or one of its KIMs."""
    (kode,) = cb.KECAMATAN.parse(callback_data(update)) or ("",)
    month = Month.parse(DRAFT.load(context).month)
    if month is None:
        return await _lost(update, context)
    kims = await context.store.report_kims(month.end(context.config.timezone))
    mine = [k for k in kims if k.kecamatan_kode == kode]
    if not mine:
        await alert(update, context, "laporan/unknown_choice")
        return Step.SCOPE
    await answer(update)
    await drop_keyboard(update)
    await reply(update, context, "laporan/ask_kim", keyboards.kims(kode, mine),
                cakupan=_kecamatan_name(context, kode))  # fmt: skip
    return Step.KIM


async def deliver(update: Update, context: BotContext) -> int:
    """A scope pressed: send the summary, the HTML page, the CSV and the chart."""
    month = Month.parse(DRAFT.load(context).month)
    scope = _scope(callback_data(update))
    if month is None or scope is None:
        return await _lost(update, context)
    await answer(update)
    await drop_keyboard(update)
    await reply(update, context, "laporan/preparing")
    inputs = Inputs(context.store, context.texts, context.region, context.config.timezone)
    files = await make_files(inputs, month, scope, context.config.clock())
    chat_id = update.effective_chat.id if update.effective_chat else 0
    await context.bot.send_message(chat_id, files.summary)
    for suffix, data in ((".html", files.html), (".csv", files.csv)):
        document = InputFile(data, filename=files.stem + suffix)
        await context.bot.send_document(chat_id, document, caption=files.caption)
    photo = InputFile(files.png, filename=files.stem + ".png")
    await context.bot.send_photo(chat_id, photo, caption=files.caption)
    return DRAFT.clear(context)


async def expect_button(update: Update, context: BotContext) -> int | None:
    """Typed text while buttons are awaited: point at them (the step stays)."""
    await reply(update, context, "laporan/use_buttons")
    return None


async def cancel(update: Update, context: BotContext) -> int:
    """/batal or ✖️ Batal: forget the choice."""
    await answer(update)
    await drop_keyboard(update)
    await reply(update, context, "laporan/cancelled")
    return DRAFT.clear(context)


def _scope(data: str) -> Scope | None:
    if cb.ALL.parse(data) is not None:
        return Scope()
    if (whole := cb.WHOLE.parse(data)) is not None:
        return Scope(kecamatan=whole[0])
    if (kim := cb.KIM.parse(data)) is not None:
        return Scope(kim_id=int(kim[0]))
    return None


async def _lost(update: Update, context: BotContext) -> int:
    await alert(update, context, "laporan/unknown_choice")
    await drop_keyboard(update)
    return DRAFT.clear(context)


def _kecamatan_name(context: BotContext, kode: str) -> str:
    found = context.region.kecamatan_by_code(kode)
    return found.nama if found else kode

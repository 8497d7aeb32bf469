"""The report conversation in the member's private chat, first half.

Entry: /start impl_<kim> (the group's "Lanjutkan di chat pribadi" button), /start
impl_diskusi_<id> (a concluded discussion's "Jadikan rencana implementasi": the discussion is
the source and its title the report's), /implementasi in private (resumes a kept draft), or
"Perbaiki laporan" (summary.start_fix). Then: source
(buttons: recent news, broadcasts, concluded discussions, or none) → what was done → when →
who benefited (unit by button, then the number); result.py has the rest.
"""

from __future__ import annotations

from datetime import date

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.dates import parse_date_id
from bot.models.implementasi import (
    MAX_ACTIVITY,
    MAX_AMOUNT,
    MAX_TITLE,
    MIN_ACTIVITY,
    MIN_TITLE,
    BenefitUnit,
    SourceKind,
)
from bot.models.registrasi import Kim
from bot.user_text import clean, clean_text
from handlers.common import labels as common
from handlers.common.replies import alert, answer, callback_data, close_buttons, message_text, reply
from handlers.implementasi import callbacks as cb
from handlers.implementasi import labels
from handlers.implementasi.draft import DRAFT, ImplDraft, Step
from handlers.implementasi.parsing import parse_amount
from handlers.implementasi.prompts import next_step
from handlers.implementasi.sources import find_source, label_of

OLDEST = date(2000, 1, 1)


async def member_kim(context: BotContext, user_id: int, kim_id: int | None) -> Kim | None:
    """The KIM of a draft, if the person still belongs to it."""
    kim = await context.store.kim_of_member(user_id)
    return kim if kim is not None and kim.id == kim_id else None


async def start_from_link(update: Update, context: BotContext) -> int:
    """/start impl_<kim> in private: go on with the report begun in that KIM's group."""
    payload = context.args[0] if context.args else ""
    if payload.startswith(cb.START_FROM_DISCUSSION):
        return await start_from_discussion(update, context, payload)
    kim_id = int(payload.removeprefix(cb.START_FROM_GROUP) or 0)
    draft = DRAFT.load(context)
    if draft.kim_id != kim_id or not draft.judul:
        await reply(update, context, "implementasi/start_missing")
        return ConversationHandler.END
    return await _go_on(update, context)


async def start_from_discussion(update: Update, context: BotContext, payload: str) -> int:
    """/start impl_diskusi_<id>: a member plans a report from their KIM's concluded discussion
    (its source the discussion, its title the discussion's); anyone else is told why not."""
    user = update.effective_user
    assert user is not None
    discussion = await context.store.get_discussion(
        int(payload.removeprefix(cb.START_FROM_DISCUSSION))
    )
    if discussion is None or discussion.conclusion is None:
        await reply(update, context, "implementasi/discussion_unknown")
        return ConversationHandler.END
    if await member_kim(context, user.id, discussion.kim_id) is None:
        await reply(update, context, "implementasi/discussion_not_member", discussion=discussion)
        return ConversationHandler.END
    judul = clean_text(discussion.title, MAX_TITLE, min_len=MIN_TITLE)
    DRAFT.save(context, ImplDraft(
        kim_id=discussion.kim_id, judul=judul, source_done=True,
        source_kind=SourceKind.DISCUSSION.value, source_id=discussion.id,
        source_label=label_of(discussion.title),
    ))  # fmt: skip
    await reply(update, context, "implementasi/from_discussion", discussion=discussion)
    return await _go_on(update, context)


async def resume(update: Update, context: BotContext) -> int:
    """/implementasi in private: go on with a kept draft (one begun in a KIM group)."""
    if DRAFT.load(context).kim_id is None:
        await reply(update, context, "implementasi/start_missing")
        return ConversationHandler.END
    return await _go_on(update, context)


async def _go_on(update: Update, context: BotContext) -> int:
    user = update.effective_user
    assert user is not None
    draft = DRAFT.load(context)
    kim = await member_kim(context, user.id, draft.kim_id)
    if kim is None:
        DRAFT.clear(context)
        await reply(update, context, "implementasi/no_longer_member")
        return ConversationHandler.END
    await reply(update, context, "implementasi/begin", kim=kim, judul=draft.judul,
                started=draft.source_done)  # fmt: skip
    return await next_step(update, context)


async def save_title(update: Update, context: BotContext) -> int:
    """Take a changed title."""
    judul = clean_text(message_text(update), MAX_TITLE, min_len=MIN_TITLE)
    if judul is None:
        length = len(clean(message_text(update)))
        await reply(update, context, "implementasi/bad_title", length=length,
                    min_title=MIN_TITLE, max_title=MAX_TITLE)  # fmt: skip
        return Step.JUDUL
    with DRAFT.edit(context) as draft:
        draft.judul = judul
    return await next_step(update, context)


async def save_source(update: Update, context: BotContext) -> int:
    """Take the news item, broadcast or discussion the report came from (or none)."""
    draft = DRAFT.load(context)
    picked = cb.SOURCE.parse(callback_data(update))
    source = None
    if picked is not None:
        source = await find_source(context, draft.kim_id or 0, picked[0], int(picked[1]))
        if source is None:
            await alert(update, context, "common/unknown_choice")
            return Step.SUMBER
    await answer(update)
    draft.source_done = True
    draft.source_kind = source.kind.value if source else None
    draft.source_id, draft.source_label = (source.id, source.label) if source else (None, None)
    DRAFT.save(context, draft)
    chosen = source.label if source else common.SKIPPED
    await close_buttons(update, context, labels.CHOSEN_SOURCE, chosen)
    return await next_step(update, context)


async def save_activity(update: Update, context: BotContext) -> int:
    """Take what was done."""
    typed = message_text(update)
    kegiatan = clean_text(typed, MAX_ACTIVITY, min_len=MIN_ACTIVITY, multiline=True)
    if kegiatan is None:
        await reply(update, context, "implementasi/bad_activity", length=len(clean(typed)),
                    min=MIN_ACTIVITY, max=MAX_ACTIVITY)  # fmt: skip
        return Step.KEGIATAN
    with DRAFT.edit(context) as draft:
        draft.kegiatan = kegiatan
    return await next_step(update, context)


async def save_date(update: Update, context: BotContext) -> int:
    """Take when it was done (not in the future)."""
    today = context.config.today()
    parsed = parse_date_id(clean(message_text(update))[:40], today)
    if parsed is None or parsed > today or parsed < OLDEST:
        future = parsed is not None and parsed > today
        await reply(update, context, "implementasi/bad_date", future=future, today=today)
        return Step.TANGGAL
    with DRAFT.edit(context) as draft:
        draft.tanggal = parsed.isoformat()
    return await next_step(update, context)


async def save_unit(update: Update, context: BotContext) -> int:
    """Take how the benefit is counted: people, households or hectares."""
    (unit,) = cb.UNIT.parse(callback_data(update)) or ("",)
    if unit not in labels.SATUAN:
        await alert(update, context, "common/unknown_choice")
        return Step.SATUAN
    await answer(update)
    with DRAFT.edit(context) as draft:
        draft.satuan, draft.jumlah = unit, None
    await close_buttons(update, context, labels.CHOSEN_UNIT, labels.SATUAN[unit])
    return await next_step(update, context)


async def save_amount(update: Update, context: BotContext) -> int:
    """Take how many benefited (whole people or households; hectares may have decimals)."""
    draft = DRAFT.load(context)
    unit = BenefitUnit(draft.satuan or "orang")
    amount = parse_amount(message_text(update), unit.whole, MAX_AMOUNT)
    if amount is None:
        await reply(update, context, "implementasi/bad_amount", whole=unit.whole,
                    unit=labels.SATUAN_SHORT[unit.value], max=MAX_AMOUNT)  # fmt: skip
        return Step.JUMLAH
    draft.jumlah = amount
    DRAFT.save(context, draft)
    return await next_step(update, context)

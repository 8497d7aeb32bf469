"""The report conversation's prompts: what the bot asks at each step, the summary, and the
nudges when an answer does not fit the step (a sticker where text was expected, and so on).
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.models.implementasi import (
    MAX_ACTIVITY,
    MAX_COMMODITY,
    MAX_PHOTOS,
    MAX_RESULT,
    MAX_TITLE,
    MIN_TITLE,
    Report,
    ReportStatus,
)
from handlers.common.replies import ask_text, reply
from handlers.implementasi import keyboards, labels
from handlers.implementasi.draft import DRAFT, ImplDraft, Step
from handlers.implementasi.sources import sources_of

# Steps that ask for typed text: (template, reply-field placeholder).
_TEXT_STEPS = {
    Step.JUDUL: ("implementasi/ask_title", labels.ASK_TITLE),
    Step.KEGIATAN: ("implementasi/ask_activity", labels.ASK_ACTIVITY),
    Step.TANGGAL: ("implementasi/ask_date", labels.ASK_DATE),
    Step.JUMLAH: ("implementasi/ask_amount", labels.ASK_AMOUNT),
    Step.HASIL: ("implementasi/ask_result", labels.ASK_RESULT),
    Step.KOMODITAS: ("implementasi/ask_commodity", labels.ASK_COMMODITY),
    Step.SEBELUM: ("implementasi/ask_before", labels.ASK_BEFORE),
    Step.SESUDAH: ("implementasi/ask_after", labels.ASK_AFTER),
}
LIMITS = {"min_title": MIN_TITLE, "max_title": MAX_TITLE, "max_activity": MAX_ACTIVITY,
          "max_result": MAX_RESULT, "max_commodity": MAX_COMMODITY}  # fmt: skip


async def next_step(update: Update, context: BotContext) -> int:
    """Ask the first answer still missing; the summary once none is."""
    step = DRAFT.load(context).resume_step()
    if step is None:
        return await show_summary(update, context)
    return await ask(update, context, step)


async def ask(update: Update, context: BotContext, step: Step) -> int:
    """Ask what one step needs."""
    draft = DRAFT.load(context)
    if step in _TEXT_STEPS:
        template, placeholder = _TEXT_STEPS[step]
        await reply(update, context, template, ask_text(placeholder), unit=_unit(draft, step),
                    **LIMITS)  # fmt: skip
    elif step == Step.SUMBER:
        sources = await sources_of(context, draft.kim_id or 0)
        await reply(update, context, "implementasi/ask_source",
                    keyboards.sources_keyboard(sources), count=len(sources))  # fmt: skip
    elif step == Step.SATUAN:
        await reply(update, context, "implementasi/ask_unit", keyboards.unit_keyboard())
    elif step == Step.BIDANG:
        await reply(update, context, "implementasi/ask_bidang", keyboards.bidang_keyboard())
    elif step == Step.FOTO:
        await reply(update, context, "implementasi/ask_photos",
                    keyboards.photos_keyboard(len(draft.photos)), max=MAX_PHOTOS)  # fmt: skip
    elif step == Step.LOKASI:
        await reply(update, context, "implementasi/ask_location", keyboards.location_keyboard())
    return step


def _unit(draft: ImplDraft, step: Step) -> str:
    """The unit a number is asked in: of the benefit, or the yield's unit typed before."""
    if step == Step.SESUDAH:
        return draft.satuan_hasil or ""
    return labels.SATUAN_SHORT.get(draft.satuan or "", "")


async def show_summary(update: Update, context: BotContext) -> int:
    """Show everything entered with Konfirmasi / Ubah / Batal."""
    draft = DRAFT.load(context)
    await reply(update, context, "implementasi/summary", keyboards.summary_keyboard(),
                **await report_values(context, preview(context, draft)))  # fmt: skip
    return Step.RINGKASAN


def preview(context: BotContext, draft: ImplDraft) -> Report:
    """The draft as the report it will be (numbers 0 where the desk will know them)."""
    entered = draft.report_draft(0)
    return Report(
        id=draft.report_id or 0, kim_id=entered.kim_id, kim_nama="", reporter_id=0,
        reporter_name=None, judul=entered.judul, source=entered.source, kegiatan=entered.kegiatan,
        dilakukan_pada=entered.dilakukan_pada, bidang=entered.bidang,
        manfaat_jumlah=entered.manfaat_jumlah, manfaat_satuan=entered.manfaat_satuan,
        hasil=entered.hasil, panen=entered.panen, photos=entered.photos,
        latitude=entered.latitude, longitude=entered.longitude, status=ReportStatus.PENDING,
        revision=0, fix_reason=None, follow_up_weeks=None, follow_up_at=None,
        group_chat_id=None, group_message_id=None, submitted_at=context.config.clock(),
    )  # fmt: skip


async def report_values(context: BotContext, report: Report) -> dict[str, Any]:
    """What the report's templates show besides the report: its KIM and the field names."""
    kim = await context.store.get_kim(report.kim_id)
    return {
        "report": report,
        "kim_name": kim.nama if kim else report.kim_nama,
        "bidang": labels.BIDANG.get(report.bidang, report.bidang),
        "satuan": labels.SATUAN_SHORT[report.manfaat_satuan.value],
        "status": labels.STATUS[report.status.value],
        "source_kind": labels.SOURCE_KINDS[report.source.kind.value] if report.source else "",
    }


async def expect_button(update: Update, context: BotContext) -> None:
    """Explain that this step wants a button press, not a message."""
    await reply(update, context, "implementasi/use_buttons")


async def expect_text(update: Update, context: BotContext) -> None:
    """Explain that this step wants typed text (a photo or sticker was sent)."""
    await reply(update, context, "implementasi/use_text")

"""/agenda tambah, second half: whom the event concerns (every KIM, the KIMs of a kecamatan, or
the organizer's own KIM), the summary, and Simpan: the event is stored and its reminder planned
(broadcasts/jaringan/agenda.py). Also the nudges for answers that do not fit a step.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.models.jaringan import Agenda, AgendaScope, reminder_time
from bot.models.registrasi import KimStatus
from broadcasts.jaringan.agenda import audience, schedule_reminder
from handlers.common.access import is_group
from handlers.common.replies import (
    alert,
    ask_text,
    callback_data,
    close_buttons,
    reply,
    retire_buttons,
)
from handlers.common.replies import answer as answer_press
from handlers.jaringan import callbacks as cb
from handlers.jaringan import keyboards, labels
from handlers.jaringan.agenda_add import kim_scope, scope_choices
from handlers.jaringan.draft import AGENDA, AgendaDraftJson, Step

MAX_KIM_BUTTONS = 99  # and Batal: Telegram's 100 buttons


async def save_scope(update: Update, context: BotContext) -> int:
    """Whom the event concerns; Diskominfo's kecamatan or one KIM asks which kecamatan."""
    (key,) = cb.SCOPE.parse(callback_data(update)) or ("",)
    draft = AGENDA.load(context)
    choices = scope_choices(draft)
    if key not in choices:
        await alert(update, context, "common/unknown_choice")
        return Step.SASARAN
    await close_buttons(update, context, labels.CHOSEN_SCOPE, choices[key])
    scope = AgendaScope(key)
    draft.scope, draft.scope_value = scope.value, None
    if draft.owner_kim_id is not None:
        kim = await context.store.get_kim(draft.owner_kim_id)
        if kim is None:
            return await _gone(update, context)
        draft.scope_value = kim_scope(kim, scope)
    AGENDA.save(context, draft)
    if draft.scope_value is None and scope != AgendaScope.ALL:
        return await _ask_kecamatan(update, context, scope, "jaringan/agenda_ask_kecamatan")
    return await show_summary(update, context)


async def _ask_kecamatan(update: Update, context: BotContext, scope: AgendaScope,
                         template: str) -> int:  # fmt: skip
    markup = keyboards.agenda_kecamatan(context.region.kecamatan)
    await reply(update, context, template, markup, one_kim=scope == AgendaScope.KIM)
    return Step.KECAMATAN


async def save_kecamatan(update: Update, context: BotContext) -> int:
    """The kecamatan whose KIMs the event concerns; for one KIM, then which of them."""
    (kode,) = cb.KECAMATAN.parse(callback_data(update)) or ("",)
    kecamatan = context.region.kecamatan_by_code(kode)
    if kecamatan is None:
        await alert(update, context, "common/unknown_choice")
        return Step.KECAMATAN
    await close_buttons(update, context, labels.CHOSEN_KECAMATAN, kecamatan.nama)
    draft = AGENDA.load(context)
    if draft.scope != AgendaScope.KIM.value:
        draft.scope_value = kecamatan.kode
        AGENDA.save(context, draft)
        return await show_summary(update, context)
    kims = [k for k in await context.store.list_kims(KimStatus.VERIFIED)
            if k.kecamatan_kode == kecamatan.kode]  # fmt: skip
    if not kims:
        template = "jaringan/agenda_no_kim_here"
        return await _ask_kecamatan(update, context, AgendaScope.KIM, template)
    kims.sort(key=lambda k: k.nama.casefold())
    # Telegram shows at most 100 buttons; a kecamatan has far fewer verified KIMs than that.
    markup = keyboards.agenda_kims(kims[:MAX_KIM_BUTTONS])
    await reply(update, context, "jaringan/agenda_ask_kim", markup, kecamatan=kecamatan)
    return Step.TUJUAN


async def save_target_kim(update: Update, context: BotContext) -> int:
    """The one KIM Diskominfo's event concerns."""
    (kim_id,) = cb.TARGET_KIM.parse(callback_data(update)) or ("0",)
    kim = await context.store.get_kim(int(kim_id))
    if kim is None or kim.status != KimStatus.VERIFIED:
        await alert(update, context, "common/unknown_choice")
        return Step.TUJUAN
    await close_buttons(update, context, labels.CHOSEN_KIM, kim.nama)
    with AGENDA.edit(context) as draft:
        draft.scope_value = str(kim.id)
    return await show_summary(update, context)


async def _preview(context: BotContext, draft: AgendaDraftJson, by: int) -> dict[str, Any]:
    """The summary's values: the event as it will be stored, whom it concerns."""
    event = draft.event(by)
    store = context.store
    owner = await store.get_kim(event.owner_kim_id) if event.owner_kim_id else None
    one_kim = event.scope == AgendaScope.KIM and event.scope_value is not None
    target = await store.get_kim(int(event.scope_value or 0)) if one_kim else None
    remind = reminder_time(event.mulai, context.config.timezone)
    agenda = Agenda(0, event.judul, event.jenis, event.mulai, event.tempat, event.scope,
                    event.scope_value, event.owner_kim_id, owner.nama if owner else None, by,
                    remind, None, target.nama if target else None)  # fmt: skip
    return {"agenda": agenda, "jenis": labels.AGENDA_KINDS[event.jenis.value],
            "audience": audience(context.region, agenda)}  # fmt: skip


async def show_summary(update: Update, context: BotContext) -> int:
    """The event to confirm: Simpan or Batal."""
    user = update.effective_user
    assert user is not None
    values = await _preview(context, AGENDA.load(context), user.id)
    await reply(update, context, "jaringan/agenda_summary", keyboards.agenda_summary(), **values)
    return Step.RINGKASAN


async def save(update: Update, context: BotContext) -> int:
    """Simpan: store the event and plan its reminder (an event begun meanwhile: ask again)."""
    user = update.effective_user
    assert user is not None
    draft = AGENDA.load(context)
    event = draft.event(user.id)
    now = context.config.clock()
    if event.mulai <= now:
        await alert(update, context, "jaringan/agenda_when_past")
        await reply(update, context, "jaringan/agenda_ask_when", ask_text(labels.ASK_WHEN))
        return Step.WAKTU
    await answer_press(update)
    remind = reminder_time(event.mulai, context.config.timezone)
    agenda = await context.store.add_agenda(event, remind, now)
    await schedule_reminder(context, agenda)
    await close_buttons(update, context, labels.SAVE, agenda.judul)
    await reply(update, context, "jaringan/agenda_saved", agenda=agenda,
                audience=audience(context.region, agenda),
                reminded=agenda.remind_at <= now)  # fmt: skip
    return AGENDA.clear(context)


async def cancel(update: Update, context: BotContext) -> int:
    """/batal or Batal: forget the event."""
    await answer_press(update)
    await close_buttons(update, context)
    await reply(update, context, "common/cancelled")
    return AGENDA.clear(context)


async def _gone(update: Update, context: BotContext) -> int:
    """The organizer's KIM is gone meanwhile: nothing to add it for."""
    await reply(update, context, "jaringan/agenda_not_allowed", kim=None)
    return AGENDA.clear(context)


async def expect_text(update: Update, context: BotContext) -> None:
    """A photo, sticker … where typed text was expected: say so; the step stays."""
    await reply(update, context, "jaringan/agenda_use_text")


async def expect_button(update: Update, context: BotContext) -> None:
    """Typed text where a button was expected: say so; the step stays."""
    await reply(update, context, "jaringan/agenda_use_buttons")


async def step_over(update: Update, context: BotContext) -> None:
    """An agenda button outside its step: saved, cancelled, timed out (its buttons go), or in
    a group someone else's event (the buttons stay for the one who is adding it)."""
    if is_group(update):
        await alert(update, context, "jaringan/agenda_step_over")
    else:
        await retire_buttons(update, context, "jaringan/agenda_step_over")

"""/agenda tambah, first half: who may add an event, then its title, kind, date and time (WIB)
and place. agenda_scope.py asks whom it concerns, shows the summary and saves it.

Diskominfo admins add events for every KIM or for the KIMs of one kecamatan; a KIM group's
admin adds one for their KIM or for the KIMs of its kecamatan (in the group, or in private).
The draft is kept in `AGENDA` (persisted), so a restart does not lose it.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.dates import parse_date_id, parse_time_id
from bot.models.jaringan import (
    MAX_AGENDA_TITLE,
    MAX_AHEAD,
    MAX_PLACE,
    MIN_AGENDA_TITLE,
    MIN_PLACE,
    AgendaScope,
)
from bot.models.people import Role
from bot.models.registrasi import Kim, KimStatus
from bot.user_text import clean, clean_text
from handlers.common.access import has_role, is_group, is_group_admin
from handlers.common.replies import (
    alert,
    ask_text,
    callback_data,
    close_buttons,
    message_text,
    reply,
)
from handlers.jaringan import callbacks as cb
from handlers.jaringan import keyboards, labels
from handlers.jaringan.draft import AGENDA, AgendaDraftJson, Step

LIMITS = {"min": MIN_AGENDA_TITLE, "max": MAX_AGENDA_TITLE}


def parse_moment(text: str, now: datetime, tz: tzinfo) -> datetime | None:
    """Read "25/12/2026 09.00" or "25 Desember 2026 pukul 09.00" in local time, as UTC."""
    words = text.lower().replace("pukul", " ").replace("jam", " ").replace("wib", " ").split()
    if len(words) < 2 or len(text) > 60:
        return None
    day = parse_date_id(" ".join(words[:-1]), now.astimezone(tz).date())
    at = parse_time_id(words[-1])
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC) if day and at else None


async def organizer(update: Update, context: BotContext) -> tuple[bool, Kim | None]:
    """(whether the sender may add an event, the KIM it is for: None for Diskominfo's)."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    assert user is not None
    kim = await context.store.kim_by_chat(chat.id) if is_group(update) else None
    if kim is None and await has_role(context, user.id, Role.ADMIN):
        return True, None
    if kim is None and not is_group(update):
        kim = await context.store.kim_of_member(user.id)
    if kim is None or kim.status != KimStatus.VERIFIED or kim.chat_id is None:
        return False, None
    return await is_group_admin(context, kim.chat_id, user.id), kim


async def begin(update: Update, context: BotContext) -> int:
    """/agenda tambah: a new event, if the sender may add one; first its title."""
    allowed, kim = await organizer(update, context)
    if not allowed:
        await reply(update, context, "jaringan/agenda_not_allowed", kim=kim)
        return ConversationHandler.END
    AGENDA.save(context, AgendaDraftJson(owner_kim_id=kim.id if kim else None))
    await reply(update, context, "jaringan/agenda_ask_title", ask_text(labels.ASK_TITLE),
                kim=kim, **LIMITS)  # fmt: skip
    return Step.JUDUL


async def save_title(update: Update, context: BotContext) -> int:
    """The title (5–120 characters); then the kind of event."""
    typed = message_text(update)
    judul = clean_text(typed, MAX_AGENDA_TITLE, min_len=MIN_AGENDA_TITLE)
    if judul is None:
        await reply(update, context, "jaringan/agenda_bad_title", ask_text(labels.ASK_TITLE),
                    length=len(clean(typed)), **LIMITS)  # fmt: skip
        return Step.JUDUL
    with AGENDA.edit(context) as draft:
        draft.judul = judul
    await reply(update, context, "jaringan/agenda_ask_kind", keyboards.agenda_kinds())
    return Step.JENIS


async def save_kind(update: Update, context: BotContext) -> int:
    """The kind (a button); then the date and time."""
    (key,) = cb.KIND.parse(callback_data(update)) or ("",)
    if key not in labels.AGENDA_KINDS:
        await alert(update, context, "common/unknown_choice")
        return Step.JENIS
    with AGENDA.edit(context) as draft:
        draft.jenis = key
    await close_buttons(update, context, labels.CHOSEN_KIND, labels.AGENDA_KINDS[key])
    await reply(update, context, "jaringan/agenda_ask_when", ask_text(labels.ASK_WHEN))
    return Step.WAKTU


async def save_when(update: Update, context: BotContext) -> int:
    """The date and time in WIB: in the future, within a year; then the place."""
    now, tz = context.config.clock(), context.config.timezone
    mulai = parse_moment(message_text(update), now, tz)
    problem = _when_problem(mulai, now)
    if problem is not None or mulai is None:
        await reply(update, context, problem or "jaringan/agenda_bad_when",
                    ask_text(labels.ASK_WHEN))  # fmt: skip
        return Step.WAKTU
    with AGENDA.edit(context) as draft:
        draft.mulai = mulai.isoformat()
    await reply(update, context, "jaringan/agenda_ask_place", ask_text(labels.ASK_PLACE),
                min=MIN_PLACE, max=MAX_PLACE)  # fmt: skip
    return Step.TEMPAT


async def save_place(update: Update, context: BotContext) -> int:
    """The place (3–200 characters); then whom the event concerns."""
    typed = message_text(update)
    tempat = clean_text(typed, MAX_PLACE, min_len=MIN_PLACE)
    if tempat is None:
        await reply(update, context, "jaringan/agenda_bad_place", ask_text(labels.ASK_PLACE),
                    length=len(clean(typed)), min=MIN_PLACE, max=MAX_PLACE)  # fmt: skip
        return Step.TEMPAT
    with AGENDA.edit(context) as draft:
        draft.tempat = tempat
    markup = keyboards.agenda_scopes(scope_choices(draft))
    await reply(update, context, "jaringan/agenda_ask_scope", markup,
                is_admin=draft.owner_kim_id is None)  # fmt: skip
    return Step.SASARAN


def _when_problem(mulai: datetime | None, now: datetime) -> str | None:
    """What is wrong with a typed date and time (its template), or None."""
    if mulai is None:
        return "jaringan/agenda_bad_when"
    if mulai <= now:
        return "jaringan/agenda_when_past"
    if mulai > now + MAX_AHEAD:
        return "jaringan/agenda_when_far"
    return None


def scope_choices(draft: AgendaDraftJson) -> dict[str, str]:
    """Whom this organizer's event may concern (Diskominfo: all or a kecamatan)."""
    return labels.SCOPE_DISKOMINFO if draft.owner_kim_id is None else labels.SCOPE_KIM


def kim_scope(kim: Kim, scope: AgendaScope) -> str:
    """A KIM's event: its own id, or its kecamatan's code."""
    return str(kim.id) if scope == AgendaScope.KIM else kim.kecamatan_kode

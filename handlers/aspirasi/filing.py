"""Filing an aspiration: the daily limit, the same text twice, the code, the desk's card.

`file_draft` files what the submission conversation gathered; `file_from_text` files an
aspiration from elsewhere (a KIM discussion's conclusion, see its docstring). Both store the
ticket and queue its card for the desk in one transaction: a crash leaves both or neither.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.context import BotContext
from bot.models.aspirasi import (
    ASSISTED_FACTOR,
    MAX_TEXT,
    MIN_TEXT,
    Aspiration,
    AspirationRefused,
    Category,
    Identity,
    NewAspiration,
)
from bot.user_text import clean_text
from broadcasts.aspirasi.calendar import verification_due
from handlers.aspirasi.cards import desk_chats, send_cards
from handlers.aspirasi.draft import AspirationDraft
from handlers.aspirasi.services import holidays_for, now

REPEAT_WITHIN = timedelta(days=1)  # the same text again within this is refused


def daily_limit(context: BotContext, assisted: bool) -> int:
    """How many aspirations a person may file today (for citizens, through a KIM: more)."""
    limit = context.config.aspirasi_daily_limit
    return limit * ASSISTED_FACTOR if assisted else limit


def day_start(context: BotContext) -> datetime:
    """Local midnight of today (KIM_TIMEZONE): the daily limit starts again then."""
    return datetime.combine(context.config.today(), time(0), tzinfo=context.config.timezone)


async def over_limit(context: BotContext, user_id: int, assisted: bool) -> bool:
    """Whether the person already filed today's allowance (checked again when filing)."""
    filed = await context.store.count_filed(user_id, day_start(context), assisted=assisted)
    return filed >= daily_limit(context, assisted)


async def repeats_text(context: BotContext, user_id: int, text: str) -> bool:
    """Whether the person filed this very text within the last day."""
    since = now(context) - REPEAT_WITHIN
    return await context.store.filed_same_text(user_id, text, since)


def new_aspiration(context: BotContext, draft: AspirationDraft, user_id: int) -> NewAspiration:
    """The ticket a finished draft makes, dated now with its verification deadline."""
    created = now(context)
    category, identity = draft.chosen_category, draft.chosen_identity
    assert category is not None
    assert identity is not None
    assert draft.text
    return NewAspiration(
        category=category, text=draft.text, identity=identity, reporter_id=user_id,
        reporter_name=draft.name if identity == Identity.SHOWN else None,
        created_at=created, due_at=due(context, created), month=month_of(context, created),
        kecamatan_kode=draft.kecamatan, desa_kode=draft.desa, latitude=draft.latitude,
        longitude=draft.longitude, voice_file_id=draft.voice_file_id,
        photo_file_ids=tuple(draft.photos), kim_id=draft.kim_id,
    )  # fmt: skip


def due(context: BotContext, filed: datetime) -> datetime:
    """When verification is due: 3 working days in KIM_TIMEZONE, holidays not counted."""
    return verification_due(filed, context.config.timezone, holidays_for(context))


def month_of(context: BotContext, moment: datetime) -> str:
    """YYMM of a moment in KIM_TIMEZONE: the middle of the tracking code."""
    return moment.astimezone(context.config.timezone).strftime("%y%m")


async def file(context: BotContext, new: NewAspiration) -> Aspiration:
    """Store the ticket and queue its card for the desk, as one unit.

    AspirationRefused("limit" | "duplicate") when the rules refuse it.
    """
    assisted = new.kim_id is not None
    async with context.store.transaction():
        aspiration = await context.store.file_aspiration(
            new, limit=daily_limit(context, assisted), day_start=day_start(context),
            repeat_since=new.created_at - REPEAT_WITHIN,
        )  # fmt: skip
        await send_cards(context, aspiration, desk_chats(context), 1)
    return aspiration


async def file_draft(context: BotContext, draft: AspirationDraft, user_id: int) -> Aspiration:
    """File what the submission conversation gathered (AspirationRefused as `file`)."""
    return await file(context, new_aspiration(context, draft, user_id))


async def file_from_text(
    context: BotContext, *, text: str, reporter_id: int, kim_id: int | None = None,
    category: Category = Category.LAINNYA, identity: Identity = Identity.SHOWN,
    reporter_name: str | None = None,
) -> Aspiration:  # fmt: skip
    """File an aspiration from a text written elsewhere: a KIM discussion's conclusion.

    For Diskusi's "Jadikan aspirasi": `text` is the conclusion (cleaned here, MIN_TEXT to
    MAX_TEXT characters), `reporter_id` the member who concluded it (they hear every change
    of status in their private chat, and may follow it with /status and /aspirasiku),
    `kim_id` the KIM whose discussion it was (the ticket counts in its Aspirasi activity and
    is placed in its desa). The desk gets its card through the outbox. Returns the ticket
    (its `code` is what to tell the group); raises AspirationRefused with reason "length"
    (the text is too short or too long), "limit" (the member filed today's allowance) or
    "duplicate" (the same text was filed within a day).
    """
    cleaned = clean_text(text, MAX_TEXT, min_len=MIN_TEXT, multiline=True)
    if cleaned is None:
        raise AspirationRefused("length")
    kim = await context.store.get_kim(kim_id) if kim_id is not None else None
    draft = AspirationDraft(
        kim_id=kim.id if kim else None, category=category, text=cleaned, identity=identity,
        name=reporter_name, kecamatan=kim.kecamatan_kode if kim else None,
        desa=kim.desa_kode if kim else None,
    )  # fmt: skip
    return await file(context, new_aspiration(context, draft, reporter_id))

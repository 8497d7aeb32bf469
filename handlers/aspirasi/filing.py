"""Filing an aspiration: the daily limit, the same text twice, the code, the desk's card.

`file_draft` files what the submission conversation gathered (also when it started from a KIM
discussion's conclusion): it stores the ticket and queues its card for the desk in one
transaction, so a crash leaves both or neither.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.context import BotContext
from bot.models.aspirasi import (
    ASSISTED_FACTOR,
    Aspiration,
    Identity,
    NewAspiration,
)
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
    """File what the submission conversation gathered (AspirationRefused as `file`).

    A Kirim handled again after a crash (the update is replayed when the bot was killed
    before marking it done) finds the ticket its first handling filed, and returns that one.
    """
    new = new_aspiration(context, draft, user_id)
    return await _filed_from(context, new, user_id) or await file(context, new)


async def _filed_from(context: BotContext, new: NewAspiration, user_id: int) -> Aspiration | None:
    """The ticket filed within the last day from this very draft (all it holds the same)."""
    since = new.created_at - REPEAT_WITHIN
    for earlier in await context.store.filed_with_text(user_id, new.text, since):
        if _same_filing(earlier, new):
            return earlier
    return None


def _same_filing(earlier: Aspiration, new: NewAspiration) -> bool:
    fields = ("category", "text", "identity", "kecamatan_kode", "desa_kode", "latitude",
              "longitude", "voice_file_id", "photo_file_ids", "kim_id")  # fmt: skip
    same = all(getattr(earlier, name) == getattr(new, name) for name in fields)
    return same and earlier.reporter_name == new.reporter_name

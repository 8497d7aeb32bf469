"""A change to a ticket and its effects, as one unit.

Inside one store transaction: the change (which must find the ticket where the pressed card
showed it), the edits of every card of the ticket, the new card for the OPD group it was
forwarded to, and the notice to the citizen with the note — all queued in the outbox, so a
crash leaves the change with all its effects, or neither.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.context import BotContext
from bot.models.aspirasi import Aspiration, Event, Status
from bot.outbox import text_message
from bot.store import Change
from handlers.aspirasi import desk_keyboards, labels
from handlers.aspirasi.cards import card_edits, excerpt, role_label, send_cards
from handlers.aspirasi.services import opds

NOTICE_NOTE = 2000  # of a notice to the citizen, what the note may take up


async def move(
    context: BotContext, aspiration_id: int, expected: tuple[Status, str | None], change: Change
) -> Aspiration | None:
    """Make the change and queue its effects; None when the ticket moved meanwhile."""
    async with context.store.transaction():
        moved = await context.store.change_aspiration(aspiration_id, expected, change)
        if moved is None:
            return None
        aspiration, event = moved
        await queue_effects(context, aspiration, event)
    return aspiration


async def queue_effects(context: BotContext, aspiration: Aspiration, event: Event) -> None:
    """Inside the change's transaction: card edits, an OPD's new card, the citizen's notice."""
    change = await context.store.count_aspiration_events(aspiration.id)
    edits = await card_edits(context, aspiration)
    await context.outbox.submit_effects(f"aspubah:{aspiration.id}:{change}", edits)
    opd = opds(context).get(aspiration.opd_id) if aspiration.opd_id else None
    arrives = event.kind == "reopen" or (event.status == Status.FORWARDED and event.opd_id)
    if arrives and opd is not None and opd.chat_id is not None:
        await send_cards(context, aspiration, [opd.chat_id], change)
    if aspiration.reporter_id is not None and event.kind in ("status", "question"):
        await notify_citizen(context, aspiration, event, change)


async def notify_citizen(
    context: BotContext, aspiration: Aspiration, event: Event, change: int
) -> None:
    """Queue the citizen's notice of a change (or a question), with its buttons."""
    assert aspiration.reporter_id is not None
    opd = opds(context).get(aspiration.opd_id) if aspiration.opd_id else None
    text = context.texts.render(
        "aspirasi/notice", asp=aspiration, event_kind=event.kind, by=role_label(context, event),
        status=labels.STATUSES[aspiration.status], catatan=excerpt(event.note, NOTICE_NOTE),
        opd_name=opd.name if opd else aspiration.opd_id,
    )  # fmt: skip
    message = text_message(aspiration.reporter_id, text, _notice_markup(aspiration, event))
    await context.outbox.submit_effects(f"aspwarga:{aspiration.id}:{change}", [message])


def _notice_markup(aspiration: Aspiration, event: Event) -> InlineKeyboardMarkup | None:
    if event.kind == "question":
        return desk_keyboards.answer_keyboard(aspiration.id)
    if aspiration.status == Status.DONE:
        return desk_keyboards.finished_keyboard(aspiration)
    return None

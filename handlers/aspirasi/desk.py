"""The desk's and the OPD's buttons on a ticket's card.

Verifikasi / Ditindaklanjuti / Selesai / Tolak / Duplikat ask for the note the citizen will
read (optional for the first two, required for the rest: Duplikat needs the other ticket's
code); Teruskan ke OPD turns the card's buttons into the OPD list (Kembali restores them),
and picking one asks for an optional note; Minta info asks for the question. Only an admin,
or the OPD the ticket was forwarded to from its own group, gets past the first check; a
button of a ticket that moved meanwhile says so and shows the card as it now stands.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.errors import reported
from bot.models.aspirasi import MAX_NOTE, Aspiration, Status
from handlers.aspirasi import callbacks as cb
from handlers.aspirasi import desk_keyboards, labels
from handlers.aspirasi.access import actor_for
from handlers.aspirasi.cards import card_markup, card_text, role_label
from handlers.aspirasi.draft import NOTE, DeskDraft
from handlers.aspirasi.services import opds
from handlers.common.codec import Action
from handlers.common.replies import alert, answer, ask_text, callback_data, reply, retire_buttons

NOTE_STEP = 0  # the note conversation's one state
REQUIRED = (Status.DONE, Status.REJECTED, Status.DUPLICATE)  # the citizen must read why
ASKING = "tanya"  # DeskDraft.action of a question


async def pressed_ticket(update: Update, context: BotContext, action: Action) -> Aspiration | None:
    """The ticket a card's button names, if it exists and the presser may act on it."""
    values = action.parse(callback_data(update)) or ("0",)
    aspiration = await context.store.get_aspiration(int(values[0]))
    if aspiration is None:
        await retire_buttons(update, context, "aspirasi/meja/gone")
        return None
    return aspiration if await actor_for(update, context, aspiration) else None


async def moved_on(update: Update, context: BotContext, aspiration: Aspiration) -> None:
    """A button the ticket's status no longer offers: say so, show the card as it stands."""
    await alert(update, context, "aspirasi/meja/moved_on",
                **await last_change(context, aspiration))  # fmt: skip
    await refresh_card(update, context, aspiration)


async def last_change(context: BotContext, aspiration: Aspiration) -> dict[str, Any]:
    """What a late press is told: the ticket's status now, who set it and when."""
    events = await context.store.aspiration_events(aspiration.id)
    last = next((e for e in reversed(events) if e.status is not None), None)
    return {
        "code": aspiration.code,
        "status": labels.STATUSES[aspiration.status],
        "by": role_label(context, last) if last else None,
        "at": last.at if last else None,
    }


async def refresh_card(update: Update, context: BotContext, aspiration: Aspiration) -> None:
    """Show the ticket as it now stands on the pressed card (the presser's own view)."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    markup = card_markup(context, aspiration, query.message.chat.id)
    text = await card_text(context, aspiration)
    async with reported(context, f"kartu aspirasi {aspiration.code}"):  # deleted, too old
        await query.edit_message_text(text, reply_markup=markup)


async def press_status(update: Update, context: BotContext) -> int:
    """Verifikasi, Ditindaklanjuti, Selesai, Tolak or Duplikat: ask for the note."""
    aspiration = await pressed_ticket(update, context, cb.SET_STATUS)
    if aspiration is None:
        return ConversationHandler.END
    (_, value) = cb.SET_STATUS.parse(callback_data(update)) or ("", "")
    status = Status(value)
    if status not in aspiration.status.next:
        await moved_on(update, context, aspiration)
        return ConversationHandler.END
    return await ask_note(update, context, aspiration, status)


async def ask_note(
    update: Update, context: BotContext, aspiration: Aspiration, status: Status,
    opd_id: str | None = None,
) -> int:  # fmt: skip
    """Keep what waits for its note, and ask for it (with Tanpa catatan when optional)."""
    await answer(update)
    NOTE.save(context, DeskDraft(aspiration.id, _chat_id(update), status, opd_id,
                                 aspiration.status, aspiration.opd_id))  # fmt: skip
    placeholder = labels.ASK_DUPLICATE if status == Status.DUPLICATE else labels.ASK_NOTE
    required = status in REQUIRED
    markup = ask_text(placeholder) if required else desk_keyboards.no_note_keyboard()
    opd = opds(context).get(opd_id) if opd_id else None
    await reply(update, context, "aspirasi/meja/ask_note", markup, code=aspiration.code,
                status=labels.STATUSES[status], required=required, duplicate=status ==
                Status.DUPLICATE, opd_name=opd.name if opd else None, max=MAX_NOTE)  # fmt: skip
    return NOTE_STEP


async def choose_opd(update: Update, context: BotContext) -> None:
    """Teruskan ke OPD: the card's buttons become the OPD list."""
    aspiration = await pressed_ticket(update, context, cb.FORWARD)
    if aspiration is None:
        return
    if Status.FORWARDED not in aspiration.status.next:
        await moved_on(update, context, aspiration)
        return
    config = opds(context)
    handling = config.for_category(aspiration.category)  # those for its category first
    choices = [*handling, *(o for o in config.opds if o not in handling)]
    if not choices:
        await alert(update, context, "aspirasi/meja/no_opd")
        return
    await answer(update)
    query = update.callback_query
    assert query is not None
    await query.edit_message_reply_markup(desk_keyboards.opd_keyboard(aspiration, choices))


async def show_card(update: Update, context: BotContext) -> None:
    """Kembali from the OPD list: the card's own buttons again."""
    aspiration = await pressed_ticket(update, context, cb.SHOW_CARD)
    if aspiration is not None:
        await answer(update)
        await refresh_card(update, context, aspiration)


async def press_forward(update: Update, context: BotContext) -> int:
    """An OPD picked: ask for the optional note that goes with forwarding."""
    aspiration = await pressed_ticket(update, context, cb.SEND_TO)
    if aspiration is None:
        return ConversationHandler.END
    (_, opd_id) = cb.SEND_TO.parse(callback_data(update)) or ("", "")
    if opds(context).get(opd_id) is None:
        await alert(update, context, "common/unknown_choice")
        return ConversationHandler.END
    if Status.FORWARDED not in aspiration.status.next or opd_id == aspiration.opd_id:
        await moved_on(update, context, aspiration)
        return ConversationHandler.END
    return await ask_note(update, context, aspiration, Status.FORWARDED, opd_id)


async def press_ask(update: Update, context: BotContext) -> int:
    """Minta info: ask for the question the citizen will be sent."""
    aspiration = await pressed_ticket(update, context, cb.ASK)
    if aspiration is None:
        return ConversationHandler.END
    if aspiration.status.closed:
        await moved_on(update, context, aspiration)
        return ConversationHandler.END
    if aspiration.reporter_id is None:  # erased their data: nobody to ask
        await alert(update, context, "aspirasi/meja/unreachable", code=aspiration.code)
        return ConversationHandler.END
    await answer(update)
    NOTE.save(context, DeskDraft(aspiration.id, _chat_id(update), ASKING, None,
                                 aspiration.status, aspiration.opd_id))  # fmt: skip
    await reply(update, context, "aspirasi/meja/ask_question", ask_text(labels.ASK_QUESTION),
                code=aspiration.code, max=MAX_NOTE)  # fmt: skip
    return NOTE_STEP


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None
    return chat.id

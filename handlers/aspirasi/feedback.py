"""The citizen's answers: a rating of a finished ticket, reopening it once, and answering the
desk's question.

⭐1–5 under "selesai" keeps the rating (once). Buka kembali asks why, then sends the ticket
back to the desk (and to its OPD), a new card for each. Jawab pertanyaan asks for the answer,
which is kept in the ticket's history and sent to the desk and the OPD.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.errors import reported
from bot.models.aspirasi import MAX_NOTE, MIN_NOTE, Aspiration
from bot.outbox import text_message
from bot.user_text import clean_text
from handlers.aspirasi import callbacks as cb
from handlers.aspirasi import desk_keyboards, labels
from handlers.aspirasi.cards import card_edits, desk_chats, excerpt, send_cards
from handlers.aspirasi.changes import queue_effects
from handlers.aspirasi.draft import REPLY, ReplyDraft
from handlers.aspirasi.services import opds
from handlers.common.codec import Action
from handlers.common.replies import (
    alert,
    answer,
    ask_text,
    callback_data,
    message_text,
    reply,
    retire_buttons,
    toast,
)

REPLY_STEP = 0  # the reply conversation's one state


async def _own_ticket(update: Update, context: BotContext, action: Action) -> Aspiration | None:
    """The pressed button's ticket, if it is the presser's own."""
    user = update.effective_user
    assert user is not None
    values = action.parse(callback_data(update)) or ("0",)
    aspiration = await context.store.get_aspiration(int(values[0]))
    if aspiration is None or aspiration.reporter_id != user.id:
        await retire_buttons(update, context, "aspirasi/warga/not_yours")
        return None
    return aspiration


async def rate(update: Update, context: BotContext) -> None:
    """Keep the rating of a finished ticket; the stars go once it is given."""
    aspiration = await _own_ticket(update, context, cb.RATE)
    if aspiration is None:
        return
    (_, stars) = cb.RATE.parse(callback_data(update)) or ("", "0")
    user = update.effective_user
    assert user is not None
    if not await _keep_rating(context, aspiration, user.id, int(stars)):
        await alert(update, context, "aspirasi/warga/rating_closed", asp=aspiration)
        return
    await toast(update, context, "aspirasi/warga/rated", stars=int(stars))
    query = update.callback_query
    assert query is not None
    async with reported(context, f"penilaian aspirasi {aspiration.code}"):
        # The stars go; Buka kembali stays while it may still be used.
        await query.edit_message_reply_markup(desk_keyboards.reopen_keyboard(aspiration))


async def _keep_rating(
    context: BotContext, aspiration: Aspiration, user_id: int, stars: int
) -> bool:
    """Keep the rating and show it on the ticket's cards, as one unit; False if refused."""
    async with context.store.transaction():
        if not await context.store.rate_aspiration(aspiration.id, user_id, stars):
            return False
        rated = await context.store.get_aspiration(aspiration.id)
        assert rated is not None
        change = await context.store.count_aspiration_events(aspiration.id)
        edits = await card_edits(context, rated)
        await context.outbox.submit_effects(f"aspnilai:{aspiration.id}:{change}", edits)
    return True


async def ask_reopen(update: Update, context: BotContext) -> int:
    """Buka kembali: ask why (a finished ticket, not reopened before)."""
    aspiration = await _own_ticket(update, context, cb.REOPEN)
    if aspiration is None:
        return ConversationHandler.END
    if aspiration.reopened or aspiration.status.value != "selesai":
        await alert(update, context, "aspirasi/warga/reopen_refused", asp=aspiration)
        return ConversationHandler.END
    await answer(update)
    REPLY.save(context, ReplyDraft(aspiration.id, "reopen"))
    await reply(update, context, "aspirasi/warga/ask_reopen", ask_text(labels.ASK_REOPEN),
                code=aspiration.code, min=MIN_NOTE, max=MAX_NOTE)  # fmt: skip
    return REPLY_STEP


async def ask_answer(update: Update, context: BotContext) -> int:
    """Jawab pertanyaan: ask for the answer (while a question waits)."""
    aspiration = await _own_ticket(update, context, cb.ANSWER)
    if aspiration is None:
        return ConversationHandler.END
    if not await context.store.awaits_answer(aspiration.id):
        await retire_buttons(update, context, "aspirasi/warga/answered", code=aspiration.code)
        return ConversationHandler.END
    await answer(update)
    REPLY.save(context, ReplyDraft(aspiration.id, "answer"))
    await reply(update, context, "aspirasi/warga/ask_answer", ask_text(labels.ASK_ANSWER),
                code=aspiration.code, min=MIN_NOTE, max=MAX_NOTE)  # fmt: skip
    return REPLY_STEP


async def save_reply(update: Update, context: BotContext) -> int:
    """The typed answer or reason: thread it into the ticket and tell the desk."""
    text = clean_text(message_text(update), MAX_NOTE, min_len=MIN_NOTE, multiline=True)
    if text is None:
        return await expect_reply(update, context)
    draft = REPLY.load(context)
    aspiration = await context.store.get_aspiration(draft.aspiration_id or 0)
    if aspiration is None:
        await reply(update, context, "aspirasi/meja/gone")
        return REPLY.clear(context)
    if draft.kind == "reopen":
        await _reopen(update, context, aspiration, text)
    else:
        await _answer(update, context, aspiration, text)
    return REPLY.clear(context)


async def _reopen(update: Update, context: BotContext, aspiration: Aspiration, reason: str) -> None:
    user = update.effective_user
    assert user is not None
    async with context.store.transaction():
        reopened = await context.store.reopen_aspiration(aspiration.id, user.id, reason)
        if reopened is not None:
            ticket, event = reopened
            await queue_effects(context, ticket, event)
            change = await context.store.count_aspiration_events(ticket.id)
            await send_cards(context, ticket, desk_chats(context), change)
    template = "aspirasi/warga/reopened" if reopened else "aspirasi/warga/reopen_refused"
    await reply(update, context, template, asp=aspiration)


async def _answer(update: Update, context: BotContext, aspiration: Aspiration, text: str) -> None:
    user = update.effective_user
    assert user is not None
    async with context.store.transaction():
        waiting = await context.store.awaits_answer(aspiration.id)
        if waiting:
            event = await context.store.add_aspiration_event(
                aspiration.id, "answer", text, "warga", user.id
            )
            await queue_effects(context, aspiration, event)
            await _tell_desk(context, aspiration, text)
    template = "aspirasi/warga/answer_sent" if waiting else "aspirasi/warga/answered"
    await reply(update, context, template, code=aspiration.code)


async def _tell_desk(context: BotContext, aspiration: Aspiration, text: str) -> None:
    """Inside the answer's transaction: the answer to the desk and the assigned OPD."""
    change = await context.store.count_aspiration_events(aspiration.id)
    notice = context.texts.render("aspirasi/meja/answer", code=aspiration.code,
                                  catatan=excerpt(text, MAX_NOTE))  # fmt: skip
    await context.outbox.submit_effects(
        f"aspjawab:{aspiration.id}:{change}",
        [text_message(chat, notice) for chat in _desk_and_opd(context, aspiration)],
    )


def _desk_and_opd(context: BotContext, aspiration: Aspiration) -> list[int]:
    """The desk chats and the assigned OPD's group (if it has one)."""
    opd = opds(context).get(aspiration.opd_id) if aspiration.opd_id else None
    chats = desk_chats(context)
    if opd is not None and opd.chat_id is not None and opd.chat_id not in chats:
        chats.append(opd.chat_id)
    return chats


async def expect_reply(update: Update, context: BotContext) -> int:
    """Too short, too long, or not typed: ask again."""
    await reply(update, context, "aspirasi/warga/bad_reply", ask_text(labels.ASK_ANSWER),
                min=MIN_NOTE, max=MAX_NOTE)  # fmt: skip
    return REPLY_STEP


async def cancel(update: Update, context: BotContext) -> int:
    """/batal while an answer or reason is awaited."""
    REPLY.clear(context)
    await reply(update, context, "aspirasi/warga/reply_cancelled")
    return ConversationHandler.END

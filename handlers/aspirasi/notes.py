"""The note that goes with a change, typed by whoever pressed the card's button.

The typed note (MIN_NOTE to MAX_NOTE characters) or Tanpa catatan (for the optional ones)
makes the change; a Duplikat note starts with the code of the ticket it repeats. A question
(Minta info) goes to the citizen with a button to answer it.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.models.aspirasi import CODE_RE, MAX_NOTE, MIN_NOTE, Aspiration, Status
from bot.store import Change
from bot.user_text import clean_text
from handlers.aspirasi import labels
from handlers.aspirasi.access import Actor, actor_for
from handlers.aspirasi.changes import move, queue_effects
from handlers.aspirasi.desk import ASKING, NOTE_STEP, REQUIRED, last_change
from handlers.aspirasi.draft import NOTE, DeskDraft
from handlers.common.replies import answer, ask_text, close_buttons, message_text, reply

MIN_REASON = 3  # a Duplikat note says why, besides the other ticket's code


async def save_note(update: Update, context: BotContext) -> int:
    """The typed note: make the change (or send the question)."""
    draft = NOTE.load(context)
    note = clean_text(message_text(update), MAX_NOTE, min_len=MIN_NOTE, multiline=True)
    if note is None:
        return await expect_note(update, context)
    duplicate_of = None
    if draft.action == Status.DUPLICATE:
        duplicate_of = await _original_code(update, context, draft, note)
        if duplicate_of is None:
            return NOTE_STEP
    return await _act(update, context, draft, note, duplicate_of)


async def skip_note(update: Update, context: BotContext) -> int:
    """Tanpa catatan: make an optional-note change without one."""
    draft = NOTE.load(context)
    if draft.action in (*REQUIRED, ASKING):
        return await expect_note(update, context)
    await answer(update)
    await close_buttons(update, context)
    return await _act(update, context, draft, None, None)


async def expect_note(update: Update, context: BotContext) -> int:
    """A note too short, too long, or not typed: ask again."""
    draft = NOTE.load(context)
    await answer(update)
    await reply(update, context, "aspirasi/meja/bad_note", ask_text(labels.ASK_NOTE),
                min=MIN_NOTE, max=MAX_NOTE, question=draft.action == ASKING)  # fmt: skip
    return NOTE_STEP


async def _original_code(
    update: Update, context: BotContext, draft: DeskDraft, note: str
) -> str | None:
    """The code a Duplikat note names, of another existing ticket, with a reason besides;
    None (asked again) otherwise."""
    found = CODE_RE.search(note.upper())
    original = await context.store.aspiration_by_code(found.group(0)) if found else None
    reason = CODE_RE.sub("", note.upper()).strip(" .,:;-") if found else ""
    if original is None or original.id == draft.aspiration_id or len(reason) < MIN_REASON:
        await reply(update, context, "aspirasi/meja/bad_duplicate", ask_text(labels.ASK_DUPLICATE),
                    typed=found.group(0) if found else None, known=original is not None
                    and original.id != draft.aspiration_id)  # fmt: skip
        return None
    return original.code


async def _act(
    update: Update, context: BotContext, draft: DeskDraft, note: str | None, dup: str | None
) -> int:
    """Make the change the draft holds, as the presser; say how it went."""
    aspiration = await context.store.get_aspiration(draft.aspiration_id or 0)
    chat = update.effective_chat
    if aspiration is None or draft.action is None or chat is None or chat.id != draft.chat_id:
        # The draft is gone, or the person pressed a button in another chat since.
        await reply(update, context, "aspirasi/meja/note_lost")
        return NOTE.clear(context)
    actor = await actor_for(update, context, aspiration)
    if actor is None:  # lost the role meanwhile
        await reply(update, context, "aspirasi/meja/not_allowed", code=aspiration.code)
        return NOTE.clear(context)
    if draft.action == ASKING:
        await _ask_citizen(context, aspiration, actor, note or "")
        NOTE.clear(context)  # only now: a failure above leaves the question awaited
        await reply(update, context, "aspirasi/meja/asked", code=aspiration.code)
        return ConversationHandler.END
    expected = (Status(draft.expected_status or ""), draft.expected_opd)
    change = Change(Status(draft.action), note, actor.role, actor.user_id,
                    draft.opd_id or actor.opd_id, dup)  # fmt: skip
    moved = await move(context, aspiration.id, expected, change)
    NOTE.clear(context)  # only now: a failure above leaves the note awaited, to type again
    if moved is None:
        current = await context.store.get_aspiration(aspiration.id) or aspiration
        await reply(update, context, "aspirasi/meja/moved_on",
                    **await last_change(context, current))  # fmt: skip
        return ConversationHandler.END
    await reply(update, context, "aspirasi/meja/changed", code=moved.code,
                status=labels.STATUSES[moved.status],
                notified=moved.reporter_id is not None)  # fmt: skip
    return ConversationHandler.END


async def _ask_citizen(
    context: BotContext, aspiration: Aspiration, actor: Actor, question: str
) -> None:
    """Record the question and queue it to the citizen, with the cards' edits, as one unit."""
    async with context.store.transaction():
        event = await context.store.add_aspiration_event(
            aspiration.id, "question", question, actor.role, actor.user_id, actor.opd_id
        )
        await queue_effects(context, aspiration, event)


async def cancel(update: Update, context: BotContext) -> int:
    """/batal while a note is awaited: nothing changes."""
    NOTE.clear(context)
    await reply(update, context, "aspirasi/meja/note_cancelled")
    return ConversationHandler.END

"""Verification by the Diskominfo desk.

A confirmed registration goes to the desk group (or, without one, to each configured admin)
with Verifikasi / Tolak buttons that only admins may use. Tolak asks for a reason. The KIM
group hears the outcome. /verifikasi shows the KIMs that wait, one card at a time with
‹ › buttons (verif:hal:<page>) that turn the card in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.errors import report_failure
from bot.models.people import Role
from bot.models.registrasi import Kim, KimStatus
from bot.outbox import text_message
from bot.user_text import clean_text
from handlers.common.access import has_role
from handlers.common.draft import DraftSlot, JsonDraft
from handlers.common.pager import Page, fit, keyboard, page_number, show
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
from handlers.registrasi import callbacks as cb
from handlers.registrasi import cards, keyboards, labels
from handlers.registrasi.cards import card_values

MIN_REASON, MAX_REASON = 5, 500


class Step(IntEnum):
    """The rejection conversation's state."""

    REASON = 0


@dataclass
class RejectionDraft(JsonDraft):
    """The KIM, or the link request (link_verification), whose rejection waits for its reason."""

    kim_id: int | None = None
    link_id: int | None = None


REJECTING = DraftSlot("tolak_kim", RejectionDraft)


def _desk_targets(context: BotContext) -> list[int]:
    desk = context.config.desk_chat_id
    return [desk] if desk is not None else sorted(context.config.admin_ids)


async def announce_registration(
    context: BotContext, kim: Kim, foto_kind: str | None, foto_file_id: str | None
) -> bool:
    """Send a new registration to the desk with the verification buttons; False if none got it."""
    delivered = False
    for chat_id in _desk_targets(context):
        foto_sent = await _send_sk(context, kim, chat_id, foto_kind, foto_file_id)
        text = context.texts.render(
            "registrasi/verifikasi/registration",
            foto_failed=not foto_sent,
            **card_values(context, kim),
        )
        try:
            sent = await context.bot.send_message(
                chat_id, text, reply_markup=keyboards.verification_keyboard(kim.id)
            )
        except TelegramError as error:
            # An admin who never opened the bot is expected; a desk that refuses is not.
            if not (isinstance(error, Forbidden) and chat_id != context.config.desk_chat_id):
                await report_failure(context, error, f"kartu pendaftaran KIM #{kim.id}")
            continue
        delivered = True
        await context.store.set_desk_message(kim.id, sent.message_id)
        await cards.remember(context, kim, sent)
    return delivered


async def _send_sk(
    context: BotContext, kim: Kim, chat_id: int, kind: str | None, file_id: str | None
) -> bool:
    """Send the SK photo or document above the card; False when there is one and it failed."""
    if not file_id:
        return True
    caption = context.texts.render("registrasi/verifikasi/sk_caption", kim=kim)
    try:
        if kind == "photo":
            await context.bot.send_photo(chat_id, file_id, caption=caption)
        else:
            await context.bot.send_document(chat_id, file_id, caption=caption)
    except TelegramError as error:
        await report_failure(context, error, f"foto SK KIM #{kim.id}")
        return False
    return True


async def list_pending(update: Update, context: BotContext) -> None:
    """/verifikasi and its ‹ ›: one waiting KIM's card with its buttons, oldest first (admins)."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        if update.callback_query:
            await alert(update, context, "common/not_admin_alert")
        else:
            await reply(update, context, "common/not_admin")
        return
    await answer(update)
    pending = await context.store.list_kims(KimStatus.PENDING)
    if not pending:
        await show(update, context, context.texts.render("registrasi/verifikasi/pending_none"),
                   None)  # fmt: skip
        return
    page = Page.of(page_number(update, cb.PENDING_PAGE), len(pending), 1)
    (kim,) = page.rows(pending)
    text = context.texts.render(
        "registrasi/verifikasi/pending", page=page, **card_values(context, kim)
    )
    buttons = keyboards.verification_keyboard(kim.id).inline_keyboard
    shown = await show(update, context, fit(text), keyboard(page, cb.PENDING_PAGE, above=buttons))
    if shown is not None:  # a later decision elsewhere shows on this card too
        await cards.remember(context, kim, shown)


async def verify(update: Update, context: BotContext) -> None:
    """Verify a KIM (admins only); its cards and its group hear of it through the outbox."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await alert(update, context, "common/not_admin_alert")
        return
    (kim_id,) = cb.VERIFY.parse(callback_data(update)) or ("0",)
    async with context.store.transaction():  # the decision and its effects: one unit
        kim = await context.store.decide_kim(int(kim_id), KimStatus.VERIFIED, user.id)
        if kim is not None:
            await _queue_effects(context, kim, "registrasi/verifikasi/verified_group")
    if kim is None:
        await _already_decided(update, context, int(kim_id))
        return
    await toast(update, context, "registrasi/verifikasi/verified_toast")


async def ask_reason(update: Update, context: BotContext) -> int:
    """Start a rejection (admins only): ask for the reason."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await alert(update, context, "common/not_admin_alert")
        return ConversationHandler.END
    (kim_id,) = cb.REJECT.parse(callback_data(update)) or ("0",)
    kim = await context.store.get_kim(int(kim_id))
    if kim is None or kim.status != KimStatus.PENDING:
        await _already_decided(update, context, int(kim_id))
        return ConversationHandler.END
    await answer(update)
    REJECTING.save(context, RejectionDraft(kim.id))
    await reply(
        update, context, "registrasi/verifikasi/ask_reason", ask_text(labels.ASK_REASON), kim=kim
    )
    return Step.REASON


async def read_reason(update: Update, context: BotContext) -> str | None:
    """The typed rejection reason; None (asked again) when it is too short or too long."""
    reason = clean_text(message_text(update), MAX_REASON, min_len=MIN_REASON)
    if reason is not None:
        return reason
    await reply(
        update,
        context,
        "registrasi/verifikasi/bad_reason",
        ask_text(labels.ASK_REASON),
        max=MAX_REASON,
    )
    return None


async def reason_pending(update: Update, context: BotContext) -> int:
    """Tolak pressed again while a reason is awaited: say which KIM waits for it."""
    pending = await context.store.get_kim(REJECTING.load(context).kim_id or 0)
    if pending is None or pending.status != KimStatus.PENDING:
        return await ask_reason(update, context)  # that one was decided meanwhile: start anew
    await alert(update, context, "registrasi/verifikasi/reason_pending", kim=pending)
    return Step.REASON


async def reject(update: Update, context: BotContext) -> int:
    """Reject with the typed reason; its cards and its group hear of it through the outbox."""
    reason = await read_reason(update, context)
    if reason is None:
        return Step.REASON
    user = update.effective_user
    assert user is not None
    kim_id = REJECTING.load(context).kim_id
    if kim_id is None:  # the draft is gone: which KIM is meant is not known
        await reply(update, context, "registrasi/verifikasi/reason_lost")
        return REJECTING.clear(context)
    async with context.store.transaction():  # the decision and its effects: one unit
        kim = await context.store.decide_kim(kim_id, KimStatus.REJECTED, user.id, reason)
        if kim is not None:
            await _queue_effects(context, kim, "registrasi/verifikasi/rejected_group")
    REJECTING.clear(context)
    if kim is None:
        await _say_decided(update, context, kim_id)
        return ConversationHandler.END
    await reply(update, context, "registrasi/verifikasi/rejected_desk", kim=kim)
    return ConversationHandler.END


async def expect_reason(update: Update, context: BotContext) -> int:
    """A photo or sticker instead of the reason: ask again."""
    await reply(
        update,
        context,
        "registrasi/verifikasi/bad_reason",
        ask_text(labels.ASK_REASON),
        max=MAX_REASON,
    )
    return Step.REASON


async def _queue_effects(context: BotContext, kim: Kim, group_template: str) -> None:
    """Inside the decision's transaction: queue its cards' edits and its group's notice."""
    effects = await cards.decision_edits(context, kim)
    if kim.chat_id is not None:  # an unreachable group is skipped by the outbox
        text = context.texts.render(group_template, **card_values(context, kim))
        effects.append(text_message(kim.chat_id, text))
    assert kim.decision is not None
    # A rejected KIM may register and be decided again: the time tells the decisions apart.
    key = f"kim:{kim.id}@{kim.decision.at:%Y%m%dT%H%M%S%f}"
    await context.outbox.submit_effects(key, effects)


async def _already_decided(update: Update, context: BotContext, kim_id: int) -> None:
    """A card pressed after its KIM was decided: say by whom and when, show it on the card.

    A card of a KIM that no longer exists says so and loses its buttons."""
    kim = await context.store.get_kim(kim_id)
    if kim is None:
        await retire_buttons(update, context, "registrasi/verifikasi/kim_gone", kim_id=kim_id)
        return
    await alert(update, context, "registrasi/verifikasi/already_decided", kim=kim,
                viewer=update.effective_user.id if update.effective_user else 0)  # fmt: skip
    await cards.show_decision_here(update, context, kim)


async def _say_decided(update: Update, context: BotContext, kim_id: int) -> None:
    """A typed reason for a KIM decided meanwhile (or gone): say so in the chat."""
    kim = await context.store.get_kim(kim_id)
    if kim is None:
        await reply(update, context, "registrasi/verifikasi/kim_gone", kim_id=kim_id)
        return
    user = update.effective_user
    await reply(update, context, "registrasi/verifikasi/already_decided", kim=kim,
                viewer=user.id if user else 0)  # fmt: skip

"""The desk's decision on a group's request to be an official KIM's group.

The desk (or, without one, each admin) gets a link request card: Setujui tautan / Tolak
tautan, admins only. Approving gives the KIM its group (its name, SK and status stay as
Diskominfo recorded them) and closes the other groups' requests for it; Tolak asks for a
reason (verification's rejection conversation) and frees the group. The KIM is never
re-verified here. /verifikasi lists the waiting requests after the waiting KIMs.
"""

from __future__ import annotations

import contextlib
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.models.people import Role
from bot.models.registrasi import Kim, KimLink, LinkStatus
from bot.outbox import OutboxMessage, edit_text, text_message
from handlers.common.access import has_role
from handlers.common.replies import (
    alert,
    answer,
    ask_text,
    callback_data,
    reply,
    retire_buttons,
    toast,
)
from handlers.registrasi import callbacks as cb
from handlers.registrasi import keyboards, labels, verification
from handlers.registrasi.draft import official_values
from handlers.registrasi.verification import REJECTING, RejectionDraft, Step

MAX_LISTED = 10


async def _values(context: BotContext, link: KimLink, kim: Kim) -> dict[str, Any]:
    """What the link templates show: the request, the official KIM, competing requests."""
    rivals = [r for r in await context.store.waiting_links(kim.id) if r.id != link.id]
    return {"link": link, "rivals": len(rivals), **official_values(context, kim)}


def _desk_targets(context: BotContext) -> list[int]:
    desk = context.config.desk_chat_id
    return [desk] if desk is not None else sorted(context.config.admin_ids)


async def announce_link(context: BotContext, link: KimLink, kim: Kim) -> None:
    """Send a link request to the desk with Setujui tautan / Tolak tautan."""
    text = context.texts.render(
        "registrasi/verifikasi/link_request", **await _values(context, link, kim)
    )
    for chat_id in _desk_targets(context):
        try:
            sent = await context.bot.send_message(
                chat_id, text, reply_markup=keyboards.link_decision_keyboard(link.id)
            )
        except TelegramError:
            continue  # an admin who never opened the bot; /verifikasi still lists it
        await context.store.set_link_desk_message(link.id, sent.message_id)


async def list_pending(update: Update, context: BotContext) -> None:
    """/verifikasi: the KIMs waiting for verification, then the link requests (admins only)."""
    await verification.list_pending(update, context)
    user = update.effective_user
    if user is None or not await has_role(context, user.id, Role.ADMIN):
        return
    links = await context.store.waiting_links()
    if not links:
        return
    await reply(
        update, context, "registrasi/verifikasi/pending_links", count=len(links), shown=MAX_LISTED
    )
    for link in links[:MAX_LISTED]:
        kim = await context.store.get_kim(link.kim_id)
        assert kim is not None
        values = await _values(context, link, kim)
        markup = keyboards.link_decision_keyboard(link.id)
        await reply(update, context, "registrasi/verifikasi/link_request", markup, **values)


async def approve(update: Update, context: BotContext) -> None:
    """Make the group the official KIM's group (admins only); it and any rival group hear of
    it, and the requests' cards show it, through the outbox."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await alert(update, context, "common/not_admin_alert")
        return
    (link_id,) = cb.APPROVE_LINK.parse(callback_data(update)) or ("0",)
    async with context.store.transaction():  # the decision and its effects: one unit
        approval = await context.store.approve_link(int(link_id), user.id)
        if approval is not None:
            kim = approval.kim
            await _queue_effects(update, context, approval.link, kim, "link_approved_group")
            for rival in approval.rivals:
                await _queue_effects(update, context, rival, kim, "link_taken_group")
    if approval is None:
        await _already_decided(update, context, int(link_id))
        return
    await toast(update, context, "registrasi/verifikasi/link_approved_toast")


async def ask_reason(update: Update, context: BotContext) -> int:
    """Start refusing a link (admins only): ask for the reason."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await alert(update, context, "common/not_admin_alert")
        return ConversationHandler.END
    (link_id,) = cb.REJECT_LINK.parse(callback_data(update)) or ("0",)
    link = await context.store.get_link(int(link_id))
    kim = await context.store.get_kim(link.kim_id) if link else None
    if link is None or kim is None or link.status != LinkStatus.PENDING:
        await _already_decided(update, context, int(link_id))
        return ConversationHandler.END
    await answer(update)
    REJECTING.save(context, RejectionDraft(link_id=link.id))
    placeholder = ask_text(labels.ASK_REASON)
    await reply(
        update, context, "registrasi/verifikasi/ask_link_reason", placeholder, link=link, kim=kim
    )
    return Step.REASON


async def reject(update: Update, context: BotContext) -> int:
    """The typed reason of a rejection: of a link (the KIM is untouched) or of a KIM."""
    link_id = REJECTING.load(context).link_id
    if link_id is None:
        return await verification.reject(update, context)
    reason = await verification.read_reason(update, context)
    if reason is None:
        return Step.REASON
    user = update.effective_user
    assert user is not None
    async with context.store.transaction():  # the decision and its effects: one unit
        link = await context.store.reject_link(link_id, user.id, reason)
        kim = await context.store.get_kim(link.kim_id) if link else None
        if link is not None and kim is not None:
            await _queue_effects(update, context, link, kim, "link_rejected_group")
    REJECTING.clear(context)
    if link is None or kim is None:
        await _say_decided(update, context, link_id)
        return ConversationHandler.END
    await reply(update, context, "registrasi/verifikasi/link_rejected_desk", link=link, kim=kim)
    return ConversationHandler.END


async def _queue_effects(
    update: Update, context: BotContext, link: KimLink, kim: Kim, group_template: str
) -> None:
    """Inside the decision's transaction: queue the request's card edits and its group's notice."""
    text = context.texts.render(
        f"registrasi/verifikasi/{group_template}", **official_values(context, kim), link=link
    )
    effects = [*_card_edits(update, context, link, kim), text_message(link.chat_id, text)]
    await context.outbox.submit_effects(f"link:{link.id}", effects)  # decided once, ever


def _card_edits(
    update: Update, context: BotContext, link: KimLink, kim: Kim
) -> list[OutboxMessage]:
    """Edits that replace the buttons on the request's desk card (and a pressed copy)."""
    text = _decided_text(context, link, kim)
    cards = []
    if link.desk_message_id is not None and context.config.desk_chat_id is not None:
        cards.append((context.config.desk_chat_id, link.desk_message_id))
    query = update.callback_query
    pressed = query.message if query else None
    if pressed is not None and cb.APPROVE_LINK.parse(callback_data(update)) == (str(link.id),):
        cards.append((pressed.chat.id, pressed.message_id))
    return [edit_text(chat_id, message_id, text) for chat_id, message_id in dict.fromkeys(cards)]


def _decided_text(context: BotContext, link: KimLink, kim: Kim) -> str:
    return context.texts.render("registrasi/verifikasi/link_decided", link=link, kim=kim)


async def _already_decided(update: Update, context: BotContext, link_id: int) -> None:
    """A request's card pressed after it was decided: say by whom and when, show it on the
    card; a card of a request (or KIM) that no longer exists says so and loses its buttons."""
    link = await context.store.get_link(link_id)
    kim = await context.store.get_kim(link.kim_id) if link else None
    if link is None or kim is None:
        await retire_buttons(update, context, "registrasi/verifikasi/link_gone", link_id=link_id)
        return
    user = update.effective_user
    await alert(update, context, "registrasi/verifikasi/link_already_decided", link=link,
                kim=kim, viewer=user.id if user else 0)  # fmt: skip
    query = update.callback_query
    if query is not None and query.message is not None:
        with contextlib.suppress(TelegramError):  # deleted, or already showing it
            await query.edit_message_text(_decided_text(context, link, kim))


async def _say_decided(update: Update, context: BotContext, link_id: int) -> None:
    """A typed reason for a request decided meanwhile (or gone): say so in the chat."""
    link = await context.store.get_link(link_id)
    kim = await context.store.get_kim(link.kim_id) if link else None
    if link is None or kim is None:
        await reply(update, context, "registrasi/verifikasi/link_gone", link_id=link_id)
        return
    user = update.effective_user
    await reply(update, context, "registrasi/verifikasi/link_already_decided", link=link,
                kim=kim, viewer=user.id if user else 0)  # fmt: skip

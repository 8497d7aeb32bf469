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
from handlers.common.access import has_role
from handlers.common.replies import (
    alert,
    answer,
    ask_text,
    callback_data,
    person_name,
    reply,
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
    """Make the group the official KIM's group (admins only); tell it and any rival group."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await alert(update, context, "common/not_admin_alert")
        return
    (link_id,) = cb.APPROVE_LINK.parse(callback_data(update)) or ("0",)
    approval = await context.store.approve_link(int(link_id), user.id)
    if approval is None:
        await alert(update, context, "registrasi/verifikasi/already_decided")
        return
    await toast(update, context, "registrasi/verifikasi/link_approved_toast")
    kim, by = approval.kim, person_name(update)
    await _mark_decided(update, context, approval.link, kim, by)
    await _tell_group(context, approval.link.chat_id, "link_approved_group", kim)
    for rival in approval.rivals:
        await _mark_decided(update, context, rival, kim, by)
        await _tell_group(context, rival.chat_id, "link_taken_group", kim)


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
        await alert(update, context, "registrasi/verifikasi/already_decided")
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
    REJECTING.clear(context)
    link = await context.store.reject_link(link_id, user.id, reason)
    kim = await context.store.get_kim(link.kim_id) if link else None
    if link is None or kim is None:
        await reply(update, context, "registrasi/verifikasi/already_decided")
        return ConversationHandler.END
    await _mark_decided(update, context, link, kim, person_name(update))
    await reply(update, context, "registrasi/verifikasi/link_rejected_desk", link=link, kim=kim)
    await _tell_group(context, link.chat_id, "link_rejected_group", kim, link=link)
    return ConversationHandler.END


async def _mark_decided(
    update: Update, context: BotContext, link: KimLink, kim: Kim, by: str
) -> None:
    """Replace the buttons on the request's desk card (and on a pressed copy) with the outcome."""
    text = context.texts.render("registrasi/verifikasi/link_decided", link=link, kim=kim, by=by)
    cards = []
    if link.desk_message_id is not None and context.config.desk_chat_id is not None:
        cards.append((context.config.desk_chat_id, link.desk_message_id))
    query = update.callback_query
    pressed = query.message if query else None
    if pressed is not None and cb.APPROVE_LINK.parse(callback_data(update)) == (str(link.id),):
        cards.append((pressed.chat.id, pressed.message_id))
    for chat_id, message_id in dict.fromkeys(cards):
        with contextlib.suppress(TelegramError):  # a deleted card: the decision stands
            await context.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)


async def _tell_group(
    context: BotContext, chat_id: int, template: str, kim: Kim, **values: Any
) -> None:
    text = context.texts.render(
        f"registrasi/verifikasi/{template}", **official_values(context, kim), **values
    )
    with contextlib.suppress(TelegramError):  # bot removed meanwhile; /daftar shows the state
        await context.bot.send_message(chat_id, text)

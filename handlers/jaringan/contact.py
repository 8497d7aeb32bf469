""" "Hubungi KIM ini" under a shared story (hub:…): a member of a receiving KIM asks the
sharing KIM for contact. The sharing KIM's group gets the request with the asking KIM's
name only; nothing personal crosses until one of its group admins accepts. Then the asking
KIM hears who to contact (the admin who accepted, and the ketua where the ketua agreed), and
the sharing KIM whom it heard from. A decline tells the asking KIM no names at all.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.error import TelegramError

from bot.context import BotContext
from bot.errors import report_failure
from bot.models.jaringan import ContactRequest, ContactStatus, ShareStatus
from bot.outbox import edit_text, text_message
from handlers.common.access import is_group_admin
from handlers.common.replies import alert, callback_data, person_name, retire_buttons, toast
from handlers.jaringan import callbacks as cb
from handlers.jaringan import keyboards
from handlers.jaringan.share import story_values


async def ask_contact(update: Update, context: BotContext) -> None:
    """A member of the receiving KIM asks; the sharing KIM's group is asked to answer."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    assert user is not None
    (report_id,) = cb.CONTACT.parse(callback_data(update)) or ("0",)
    asking = await context.store.kim_by_chat(chat.id)
    member_of = await context.store.kim_of_member(user.id)
    if asking is None or member_of is None or member_of.id != asking.id:
        await alert(update, context, "jaringan/contact_members_only")
        return
    report = await context.store.get_report(int(report_id))
    share = await context.store.get_share(int(report_id))
    if report is None or share is None or share.status != ShareStatus.APPROVED:
        await retire_buttons(update, context, "jaringan/contact_gone")
        return
    if report.kim_id == asking.id:
        await alert(update, context, "jaringan/contact_own")
        return
    now = context.config.clock()
    request, new = await context.store.add_contact_request(report.id, asking.id, report.kim_id,
                                                           user.id, now)  # fmt: skip
    if not new:
        await alert(update, context, "jaringan/contact_already", request=request)
        return
    if not await _send_card(context, request):
        await context.store.drop_contact_request(request.id)
        await alert(update, context, "jaringan/contact_unreachable")
        return
    await toast(update, context, "jaringan/contact_sent", report=report)


async def _values(context: BotContext, request: ContactRequest) -> dict[str, Any]:
    """What the request's texts show: the story, and both KIMs (their names and places)."""
    report = await context.store.get_report(request.report_id)
    assert report is not None
    values = await story_values(context, report)
    asking = await context.store.get_kim(request.from_kim_id)
    kecamatan = context.region.kecamatan_by_code(asking.kecamatan_kode) if asking else None
    return {**values, "asking": asking, "asking_kecamatan": kecamatan, "request": request}


async def _send_card(context: BotContext, request: ContactRequest) -> bool:
    """The request in the sharing KIM's group, with Terima / Tolak; False when it failed."""
    sharing = await context.store.get_kim(request.to_kim_id)
    if sharing is None or sharing.chat_id is None or not sharing.active:
        return False
    text = context.texts.render("jaringan/contact_card", **await _values(context, request))
    try:
        markup = keyboards.contact_keyboard(request.id)
        sent = await context.bot.send_message(sharing.chat_id, text, reply_markup=markup)
    except TelegramError as error:
        await report_failure(context, error, f"permintaan kontak #{request.id}")
        return False
    await context.store.set_contact_card(request.id, sent.chat_id, sent.message_id)
    return True


async def answer_request(update: Update, context: BotContext) -> None:
    """Terima / Tolak, by an admin of the sharing KIM's group."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    assert user is not None
    accept = cb.ACCEPT.parse(callback_data(update))
    (request_id,) = accept or cb.REFUSE.parse(callback_data(update)) or ("0",)
    request = await context.store.get_contact_request(int(request_id))
    if request is None:
        await retire_buttons(update, context, "jaringan/contact_gone")
        return
    sharing = await context.store.get_kim(request.to_kim_id)
    if (
        sharing is None
        or sharing.chat_id != chat.id
        or not await is_group_admin(context, chat.id, user.id)
    ):
        await alert(update, context, "jaringan/contact_admin_only")
        return
    status = ContactStatus.ACCEPTED if accept else ContactStatus.DECLINED
    decided = await _decide(update, context, request, status)
    if decided is None:
        await _already(update, context, request.id)
        return
    await toast(update, context, "jaringan/contact_decided_toast", request=decided)


async def _decide(update: Update, context: BotContext, request: ContactRequest,
                  status: ContactStatus) -> ContactRequest | None:  # fmt: skip
    """The decision and its effects (the card, the asking KIM's notice) in one transaction."""
    user = update.effective_user
    assert user is not None
    async with context.store.transaction():
        decided = await context.store.decide_contact(request.id, status, user.id,
                                                     context.config.clock())  # fmt: skip
        if decided is None:
            return None
        values = await _values(context, decided)
        values |= {"request": decided, "acceptor": user, "acceptor_name": person_name(update),
                   "requester": await context.store.find_person(str(decided.requested_by)),
                   "ketua": await _ketua_username(context, decided.to_kim_id)}  # fmt: skip
        effects = []
        if decided.card_chat_id is not None and decided.card_message_id is not None:
            card = context.texts.render("jaringan/contact_decided", **values)
            effects.append(edit_text(decided.card_chat_id, decided.card_message_id, card))
        asking = values["asking"]
        if asking is not None and asking.chat_id is not None:
            notice = context.texts.render("jaringan/contact_notice", **values)
            effects.append(text_message(asking.chat_id, notice))
        assert decided.decision is not None
        key = f"hub:{decided.id}@{decided.decision.at:%Y%m%dT%H%M%S%f}"
        await context.outbox.submit_effects(key, effects)
    return decided


async def _ketua_username(context: BotContext, kim_id: int) -> str | None:
    """The sharing KIM's ketua's username, if the ketua agreed to show it."""
    entry = next((e for e in await context.store.directory() if e.kim_id == kim_id), None)
    return entry.ketua_username if entry else None


async def _already(update: Update, context: BotContext, request_id: int) -> None:
    """A request answered before: by whom and when (both are of this KIM)."""
    request = await context.store.get_contact_request(request_id)
    viewer = update.effective_user.id if update.effective_user else 0
    await alert(update, context, "jaringan/contact_answered", request=request, viewer=viewer)

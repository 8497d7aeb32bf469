"""Verification by the Diskominfo desk.

A confirmed registration goes to the desk group (or, without one, to each configured admin)
with Verifikasi / Tolak buttons that only admins may use. Tolak asks for a reason. The KIM
group hears the outcome. /verifikasi lists the KIMs that wait.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.errors import report_failure, reported
from bot.models.people import Role
from bot.models.registrasi import Kim, KimStatus
from bot.user_text import clean_text
from handlers.common.access import has_role
from handlers.common.draft import DraftSlot, JsonDraft
from handlers.common.replies import (
    alert,
    answer,
    ask_text,
    callback_data,
    message_text,
    person_name,
    reply,
    toast,
)
from handlers.registrasi import callbacks as cb
from handlers.registrasi import keyboards, labels

MIN_REASON, MAX_REASON = 5, 500


class Step(IntEnum):
    """The rejection conversation's state."""

    REASON = 0


@dataclass
class RejectionDraft(JsonDraft):
    """The KIM whose rejection waits for its reason."""

    kim_id: int | None = None


REJECTING = DraftSlot("tolak_kim", RejectionDraft)


def _card(context: BotContext, kim: Kim) -> dict[str, Any]:
    return {
        "kim": kim,
        "kecamatan": context.region.kecamatan_by_code(kim.kecamatan_kode),
        "desa": context.region.desa_by_code(kim.desa_kode),
    }


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
            "registrasi/verifikasi/registration", foto_failed=not foto_sent, **_card(context, kim)
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
    """Show each KIM waiting for verification with its buttons (admins only)."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await reply(update, context, "common/not_admin")
        return
    pending = await context.store.list_kims(KimStatus.PENDING)
    await reply(update, context, "registrasi/verifikasi/pending_header", count=len(pending))
    for kim in pending[:10]:
        await reply(
            update,
            context,
            "registrasi/verifikasi/registration",
            keyboards.verification_keyboard(kim.id),
            **_card(context, kim),
        )


async def verify(update: Update, context: BotContext) -> None:
    """Verify a KIM (admins only) and tell its group."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await alert(update, context, "common/not_admin_alert")
        return
    (kim_id,) = cb.VERIFY.parse(callback_data(update)) or ("0",)
    kim = await context.store.decide_kim(int(kim_id), KimStatus.VERIFIED, user.id)
    if kim is None:
        await alert(update, context, "registrasi/verifikasi/already_decided")
        return
    await toast(update, context, "registrasi/verifikasi/verified_toast")
    await _mark_decided(update, context, kim, person_name(update))
    await _tell_group(context, kim, "registrasi/verifikasi/verified_group")


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
        await alert(update, context, "registrasi/verifikasi/already_decided")
        return ConversationHandler.END
    await answer(update)
    REJECTING.save(context, RejectionDraft(kim.id))
    await reply(
        update, context, "registrasi/verifikasi/ask_reason", ask_text(labels.ASK_REASON), kim=kim
    )
    return Step.REASON


async def reject(update: Update, context: BotContext) -> int:
    """Reject with the typed reason and tell the group how to register again."""
    reason = clean_text(message_text(update), MAX_REASON, min_len=MIN_REASON)
    if reason is None:
        await reply(
            update,
            context,
            "registrasi/verifikasi/bad_reason",
            ask_text(labels.ASK_REASON),
            max=MAX_REASON,
        )
        return Step.REASON
    user = update.effective_user
    assert user is not None
    kim_id = REJECTING.load(context).kim_id
    REJECTING.clear(context)
    kim = None
    if kim_id is not None:
        kim = await context.store.decide_kim(kim_id, KimStatus.REJECTED, user.id, reason)
    if kim is None:
        await reply(update, context, "registrasi/verifikasi/already_decided")
        return ConversationHandler.END
    await _mark_decided(update, context, kim, person_name(update))
    await reply(update, context, "registrasi/verifikasi/rejected_desk", kim=kim)
    await _tell_group(context, kim, "registrasi/verifikasi/rejected_group")
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


async def _mark_decided(update: Update, context: BotContext, kim: Kim, by: str) -> None:
    """Replace the buttons on the desk message with the decision."""
    if kim.desk_message_id is None or context.config.desk_chat_id is None:
        return
    async with reported(context, f"keputusan KIM #{kim.id} di meja"):  # deleted: it stands
        await context.bot.edit_message_text(
            context.texts.render("registrasi/verifikasi/decided", by=by, **_card(context, kim)),
            chat_id=context.config.desk_chat_id,
            message_id=kim.desk_message_id,
        )


async def _tell_group(context: BotContext, kim: Kim, template: str) -> None:
    if kim.chat_id is None:
        return
    async with reported(context, f"kabar ke grup KIM #{kim.id}"):  # removed: /profil shows it
        await context.bot.send_message(
            kim.chat_id, context.texts.render(template, **_card(context, kim))
        )

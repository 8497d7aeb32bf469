"""Verification by the Diskominfo desk.

A confirmed registration goes to the desk group (or, without one, to each configured admin)
with Verifikasi / Tolak buttons that only admins may use. Tolak asks for a reason. The KIM
group hears the outcome. /verifikasi lists the KIMs that wait.
"""

from __future__ import annotations

import contextlib
import html
from enum import IntEnum
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.models import Kim, KimStatus, Role
from handlers import keyboards
from handlers.common import (
    alert,
    answer,
    ask_text,
    callback_data,
    has_role,
    message_text,
    person_name,
    reply,
)

MAX_REASON = 500
REJECTING = "tolak_kim"


class Step(IntEnum):
    """The rejection conversation's state."""

    REASON = 0


def _card(context: BotContext, kim: Kim) -> dict[str, Any]:
    return {
        "kim": kim,
        "kecamatan": context.region.kecamatan_by_code(kim.kecamatan_kode),
        "desa": context.region.desa_by_code(kim.desa_kode),
    }


def _desk_targets(context: BotContext) -> list[int]:
    desk = context.config.desk_chat_id
    return [desk] if desk is not None else sorted(context.config.admin_ids)


async def announce_registration(context: BotContext, kim: Kim, foto: dict[str, str] | None) -> None:
    """Send a new registration to the desk with the verification buttons."""
    text = context.texts.render("admin/registration", **_card(context, kim))
    for chat_id in _desk_targets(context):
        try:
            if foto and foto["kind"] == "photo":
                await context.bot.send_photo(
                    chat_id, foto["file_id"], caption=f"SK {kim.nama}"[:1024]
                )
            elif foto:
                await context.bot.send_document(
                    chat_id, foto["file_id"], caption=f"SK {kim.nama}"[:1024]
                )
            sent = await context.bot.send_message(
                chat_id, text, reply_markup=keyboards.verification_keyboard(kim.id)
            )
        except TelegramError:
            continue  # an admin who never opened the bot; /verifikasi still lists it
        await context.store.set_desk_message(kim.id, sent.message_id)


async def list_pending(update: Update, context: BotContext) -> None:
    """Show each KIM waiting for verification with its buttons (admins only)."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await reply(update, context, "admin/not_admin")
        return
    pending = await context.store.list_kims(KimStatus.PENDING)
    await reply(update, context, "admin/pending_header", count=len(pending))
    for kim in pending[:10]:
        await reply(
            update,
            context,
            "admin/registration",
            keyboards.verification_keyboard(kim.id),
            **_card(context, kim),
        )


async def verify(update: Update, context: BotContext) -> None:
    """Verify a KIM (admins only) and tell its group."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await alert(update, context, "admin/not_admin_alert")
        return
    kim_id = int(callback_data(update).rsplit(":", 1)[1])
    kim = await context.store.decide_kim(kim_id, KimStatus.VERIFIED, user.id)
    if kim is None:
        await alert(update, context, "admin/already_decided")
        return
    await answer(update, html.unescape(context.texts.render("admin/verified_toast")))
    await _mark_decided(update, context, kim, person_name(update))
    await _tell_group(context, kim, "admin/verified_group")


async def ask_reason(update: Update, context: BotContext) -> int:
    """Start a rejection (admins only): ask for the reason."""
    user = update.effective_user
    assert user is not None
    if not await has_role(context, user.id, Role.ADMIN):
        await alert(update, context, "admin/not_admin_alert")
        return ConversationHandler.END
    kim = await context.store.get_kim(int(callback_data(update).rsplit(":", 1)[1]))
    if kim is None or kim.status != KimStatus.PENDING:
        await alert(update, context, "admin/already_decided")
        return ConversationHandler.END
    await answer(update)
    assert context.user_data is not None
    context.user_data[REJECTING] = kim.id
    await reply(update, context, "admin/ask_reason", ask_text("Alasan penolakan"), kim=kim)
    return Step.REASON


async def reject(update: Update, context: BotContext) -> int:
    """Reject with the typed reason and tell the group how to register again."""
    reason = " ".join(message_text(update).split())
    if not 5 <= len(reason) <= MAX_REASON:
        await reply(
            update, context, "admin/bad_reason", ask_text("Alasan penolakan"), max=MAX_REASON
        )
        return Step.REASON
    user = update.effective_user
    assert user is not None and context.user_data is not None
    kim = await context.store.decide_kim(
        context.user_data.pop(REJECTING), KimStatus.REJECTED, user.id, reason
    )
    if kim is None:
        await reply(update, context, "admin/already_decided")
        return ConversationHandler.END
    await _mark_decided(update, context, kim, person_name(update))
    await reply(update, context, "admin/rejected_desk", kim=kim)
    await _tell_group(context, kim, "admin/rejected_group")
    return ConversationHandler.END


async def expect_reason(update: Update, context: BotContext) -> int:
    """A photo or sticker instead of the reason: ask again."""
    await reply(update, context, "admin/bad_reason", ask_text("Alasan penolakan"), max=MAX_REASON)
    return Step.REASON


async def _mark_decided(update: Update, context: BotContext, kim: Kim, by: str) -> None:
    """Replace the buttons on the desk message with the decision."""
    if kim.desk_message_id is None or context.config.desk_chat_id is None:
        return
    with contextlib.suppress(TelegramError):  # a deleted desk message: the decision stands
        await context.bot.edit_message_text(
            context.texts.render("admin/decided", by=by, **_card(context, kim)),
            chat_id=context.config.desk_chat_id,
            message_id=kim.desk_message_id,
        )


async def _tell_group(context: BotContext, kim: Kim, template: str) -> None:
    if kim.chat_id is None:
        return
    with contextlib.suppress(TelegramError):  # bot removed meanwhile; /profil shows the status
        await context.bot.send_message(
            kim.chat_id, context.texts.render(template, **_card(context, kim))
        )

"""Membership of a KIM, in its group.

Commands: /gabung join (3–8 members), /keluar leave, /anggota list, /profil the KIM's card,
/jabatan (group admins) pick a member with a button, then ketua / sekretaris / bendahara.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.models import MAX_MEMBERS, MIN_MEMBERS, Jabatan, Kim
from bot.store import MembershipError
from handlers import labels
from handlers.common import (
    alert,
    answer,
    callback_data,
    is_group,
    is_group_admin,
    person_name,
    reply,
)


async def _kim_here(update: Update, context: BotContext) -> Kim | None:
    """The KIM of this group; explains what to do when there is none."""
    chat = update.effective_chat
    assert chat is not None
    if not is_group(update):
        await reply(update, context, "membership/group_only")
        return None
    kim = await context.store.kim_by_chat(chat.id)
    if kim is None:
        await reply(update, context, "membership/not_registered")
    return kim


async def join(update: Update, context: BotContext) -> None:
    """Add the sender to this group's KIM."""
    kim = await _kim_here(update, context)
    user = update.effective_user
    if kim is None or user is None:
        return
    try:
        await context.store.add_member(kim.id, user.id, person_name(update))
    except MembershipError as refused:
        other = (
            await context.store.kim_of_member(user.id) if refused.reason == "other_kim" else None
        )
        await reply(
            update,
            context,
            "membership/join_refused",
            reason=refused.reason,
            kim=kim,
            other=other,
            max=MAX_MEMBERS,
        )
        return
    kim = await context.store.get_kim(kim.id)
    await reply(
        update,
        context,
        "membership/joined",
        kim=kim,
        name=person_name(update),
        min=MIN_MEMBERS,
        max=MAX_MEMBERS,
    )


async def leave(update: Update, context: BotContext) -> None:
    """Take the sender out of this group's KIM."""
    kim = await _kim_here(update, context)
    user = update.effective_user
    if kim is None or user is None:
        return
    removed = await context.store.remove_member(kim.id, user.id)
    kim = await context.store.get_kim(kim.id)
    await reply(update, context, "membership/left", removed=removed, kim=kim, min=MIN_MEMBERS)


async def list_members(update: Update, context: BotContext) -> None:
    """List the KIM's members with their positions."""
    kim = await _kim_here(update, context)
    if kim is None:
        return
    members = await context.store.list_members(kim.id)
    await reply(
        update,
        context,
        "membership/members",
        kim=kim,
        members=members,
        jabatan=labels.JABATAN,
        min=MIN_MEMBERS,
        max=MAX_MEMBERS,
    )


async def show_profile(update: Update, context: BotContext) -> None:
    """Show the KIM's card."""
    kim = await _kim_here(update, context)
    if kim is None:
        return
    members = await context.store.list_members(kim.id)
    await reply(
        update,
        context,
        "membership/profile",
        kim=kim,
        members=members,
        kecamatan=context.region.kecamatan_by_code(kim.kecamatan_kode),
        desa=context.region.desa_by_code(kim.desa_kode),
        penerbit=labels.SK_PENERBIT.get(kim.sk_penerbit or "", "-"),
        status=labels.STATUS[kim.status],
        jabatan=labels.JABATAN,
        min=MIN_MEMBERS,
    )


async def choose_member(update: Update, context: BotContext) -> None:
    """Show members as buttons so a group admin can set a position (admins only)."""
    kim = await _kim_here(update, context)
    user, chat = update.effective_user, update.effective_chat
    if kim is None or user is None or chat is None:
        return
    if not await is_group_admin(context, chat.id, user.id):
        await reply(update, context, "membership/admin_only")
        return
    members = await context.store.list_members(kim.id)
    if not members:
        await reply(update, context, "membership/no_members")
        return
    buttons = [
        [InlineKeyboardButton(m.nama, callback_data=f"jabatan:pilih:{m.user_id}")] for m in members
    ]
    await reply(update, context, "membership/choose_member", InlineKeyboardMarkup(buttons))


async def choose_jabatan(update: Update, context: BotContext) -> None:
    """After a member is picked, offer the positions."""
    if not await _pressed_by_admin(update, context):
        return
    user_id = callback_data(update).rsplit(":", 1)[1]
    buttons = [
        InlineKeyboardButton(name, callback_data=f"jabatan:set:{user_id}:{key}")
        for key, name in labels.JABATAN.items()
    ]
    extra = InlineKeyboardButton(labels.NO_JABATAN, callback_data=f"jabatan:set:{user_id}:-")
    await answer(update)
    if update.callback_query:
        await update.callback_query.edit_message_reply_markup(
            InlineKeyboardMarkup([buttons, [extra]])
        )


async def save_jabatan(update: Update, context: BotContext) -> None:
    """Give the picked member the position (taking it from whoever held it)."""
    if not await _pressed_by_admin(update, context):
        return
    chat = update.effective_chat
    assert chat is not None
    _, _, user_id, key = callback_data(update).split(":")
    kim = await context.store.kim_by_chat(chat.id)
    jabatan = Jabatan(key) if key in labels.JABATAN else None
    if kim is None or not await context.store.set_jabatan(kim.id, int(user_id), jabatan):
        await alert(update, context, "membership/member_gone")
        return
    await answer(update)
    member = next(m for m in await context.store.list_members(kim.id) if m.user_id == int(user_id))
    if update.callback_query:
        await update.callback_query.edit_message_text(
            context.texts.render("membership/jabatan_set", member=member, jabatan=labels.JABATAN)
        )


async def _pressed_by_admin(update: Update, context: BotContext) -> bool:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or not await is_group_admin(context, chat.id, user.id):
        await alert(update, context, "membership/admin_only")
        return False
    return True

"""Membership of a KIM, in its group.

Commands: /gabung join (3–8 members), /keluar leave, /anggota list (a page at a time,
anggota:hal:<page>), /profil the KIM's card, /jabatan (group admins) pick a member with a
button, then ketua / sekretaris / bendahara.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.registrasi import MAX_MEMBERS, MIN_MEMBERS, Jabatan, Kim
from bot.store import MembershipError
from broadcasts.laporan.profile import own_month
from handlers.common.access import is_group, is_group_admin
from handlers.common.pager import Page, keyboard, page_number, page_text, show
from handlers.common.replies import (
    alert,
    answer,
    callback_data,
    drop_keyboard,
    person_name,
    reply,
)
from handlers.registrasi import callbacks as cb
from handlers.registrasi import keyboards, labels


async def _kim_here(update: Update, context: BotContext) -> Kim | None:
    """The KIM of this group; explains what to do when there is none."""
    chat = update.effective_chat
    assert chat is not None
    if not is_group(update):
        await reply(update, context, "registrasi/membership/group_only")
        return None
    kim = await context.store.kim_by_chat(chat.id)
    if kim is not None:
        return kim
    waiting = await context.store.waiting_link_of_chat(chat.id)
    if waiting is None:
        await reply(update, context, "registrasi/membership/not_registered")
    else:  # not the KIM's group until the desk approves: nobody joins an official KIM before
        official = await context.store.get_kim(waiting.kim_id)
        await reply(update, context, "registrasi/membership/link_pending", kim=official)
    return None


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
            "registrasi/membership/join_refused",
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
        "registrasi/membership/joined",
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
    await reply(
        update, context, "registrasi/membership/left", removed=removed, kim=kim, min=MIN_MEMBERS
    )


async def list_members(update: Update, context: BotContext) -> None:
    """/anggota and its ‹ › buttons: the KIM's members with their positions, a page at a time."""
    await answer(update)  # a press outside the KIM's group is told why below, in the chat
    kim = await _kim_here(update, context)
    if kim is None:
        return
    members = await context.store.list_members(kim.id)
    page = Page.of(page_number(update, cb.MEMBERS_PAGE), len(members))
    rows = [
        context.texts.render(
            "registrasi/membership/member_row", m=m, number=number, jabatan=labels.JABATAN
        )
        for number, m in enumerate(page.rows(members), start=page.first)
    ]
    text = page_text(context.texts, "registrasi/membership/members", rows, page=page, kim=kim,
                     min=MIN_MEMBERS, max=MAX_MEMBERS)  # fmt: skip
    await show(update, context, text, keyboard(page, cb.MEMBERS_PAGE))


async def show_profile(update: Update, context: BotContext) -> None:
    """Show the KIM's card."""
    kim = await _kim_here(update, context)
    if kim is None:
        return
    members = await context.store.list_members(kim.id)
    config = context.config
    month = await own_month(context.store, kim.id, config.timezone, config.clock())
    await reply(
        update,
        context,
        "registrasi/membership/profile",
        **month,
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
        await reply(update, context, "registrasi/membership/admin_only")
        return
    members = await context.store.list_members(kim.id)
    if not members:
        await reply(update, context, "registrasi/membership/no_members")
        return
    markup = keyboards.members_keyboard(members)
    await reply(update, context, "registrasi/membership/choose_member", markup)


async def choose_jabatan(update: Update, context: BotContext) -> None:
    """After a member is picked, offer the positions."""
    if not await _pressed_by_admin(update, context):
        return
    (user_id,) = cb.PICK_MEMBER.parse(callback_data(update)) or ("0",)
    await answer(update)
    if update.callback_query:
        markup = keyboards.jabatan_keyboard(int(user_id))
        await update.callback_query.edit_message_reply_markup(markup)


async def save_jabatan(update: Update, context: BotContext) -> None:
    """Give the picked member the position (taking it from whoever held it)."""
    if not await _pressed_by_admin(update, context):
        return
    chat = update.effective_chat
    assert chat is not None
    user_id, key = cb.SET_JABATAN.parse(callback_data(update)) or ("0", "-")
    kim = await context.store.kim_by_chat(chat.id)
    jabatan = Jabatan(key) if key in labels.JABATAN else None
    if kim is None or not await context.store.set_jabatan(kim.id, int(user_id), jabatan):
        await alert(update, context, "registrasi/membership/member_gone")
        await drop_keyboard(update)
        return
    await answer(update)
    member = next(m for m in await context.store.list_members(kim.id) if m.user_id == int(user_id))
    if update.callback_query:
        await update.callback_query.edit_message_text(
            context.texts.render(
                "registrasi/membership/jabatan_set", member=member, jabatan=labels.JABATAN
            )
        )


async def _pressed_by_admin(update: Update, context: BotContext) -> bool:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or not await is_group_admin(context, chat.id, user.id):
        await alert(update, context, "registrasi/membership/admin_only")
        return False
    return True

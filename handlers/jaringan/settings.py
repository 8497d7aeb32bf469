"""/jaringan atur (a KIM group's admins): what the KIM shows in /jaringan, and whether it
receives other KIMs' stories (jar:atur:<option>, the message edited in place).

The ketua's username is shown only with the ketua's own consent: switching it on posts a
card in the group that only the current ketua can answer (jar:izin:<kim>:ya|tidak), and
the ketua can withdraw (jar:cabut:<kim>). A new ketua has not agreed: nothing is shown.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.jaringan import NetworkOption, NetworkProfile
from bot.models.registrasi import Jabatan, Kim, KimStatus, Member
from handlers.common.access import is_group, is_group_admin
from handlers.common.pager import show
from handlers.common.replies import alert, answer, callback_data, reply, retire_buttons
from handlers.jaringan import callbacks as cb
from handlers.jaringan import keyboards, labels


async def _ketua(context: BotContext, kim_id: int) -> Member | None:
    members = await context.store.list_members(kim_id)
    return next((m for m in members if m.jabatan == Jabatan.KETUA), None)


async def _admin_kim(update: Update, context: BotContext) -> Kim | None:
    """The verified KIM of this group, if the sender administers the group; else say why."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    assert user is not None
    if not is_group(update):
        await _refuse(update, context, "jaringan/settings_group_only")
        return None
    kim = await context.store.kim_by_chat(chat.id)
    if kim is None or kim.status != KimStatus.VERIFIED:
        await _refuse(update, context, "jaringan/settings_not_kim")
        return None
    if not await is_group_admin(context, chat.id, user.id):
        await _refuse(update, context, "jaringan/settings_admin_only")
        return None
    return kim


async def _refuse(update: Update, context: BotContext, template: str) -> None:
    """A refusal: a pop-up for a button, a message for the command."""
    if update.callback_query:
        await alert(update, context, template)
    else:
        await reply(update, context, template)


async def show_settings(update: Update, context: BotContext) -> None:
    """/jaringan atur: the KIM's switches."""
    kim = await _admin_kim(update, context)
    if kim is None:
        return
    profile = await context.store.network_profile(kim.id)
    await _show(update, context, kim, profile)


async def _show(update: Update, context: BotContext, kim: Kim, profile: NetworkProfile) -> None:
    ketua = await _ketua(context, kim.id)
    ketua_id = ketua.user_id if ketua else None
    text = context.texts.render("jaringan/settings", kim=kim, member=ketua,
                                consented=profile.consented(ketua_id))  # fmt: skip
    await show(update, context, text, keyboards.settings_keyboard(profile, ketua_id))


async def toggle(update: Update, context: BotContext) -> None:
    """Switch one option; switching the ketua's username on asks the ketua."""
    kim = await _admin_kim(update, context)
    if kim is None:
        return
    (name,) = cb.SETTING.parse(callback_data(update)) or ("",)
    if name not in labels.OPTIONS:
        await alert(update, context, "common/unknown_choice")
        return
    option, user = NetworkOption(name), update.effective_user
    assert user is not None
    on = not (await context.store.network_profile(kim.id)).value(option)
    ketua = await _ketua(context, kim.id)
    if option == NetworkOption.KETUA and on and ketua is None:
        await alert(update, context, "jaringan/no_ketua")
        return
    await answer(update)
    now = context.config.clock()
    profile = await context.store.set_network_option(kim.id, option, on, user.id, now)
    await _show(update, context, kim, profile)
    if option == NetworkOption.KETUA and on and ketua is not None:
        await reply(update, context, "jaringan/consent_ask", keyboards.consent_keyboard(kim.id),
                    kim=kim, member=ketua)  # fmt: skip


async def consent(update: Update, context: BotContext) -> None:
    """The ketua's answer (only the current ketua may give it)."""
    kim_id, said = cb.CONSENT.parse(callback_data(update)) or ("0", "")
    kim = await context.store.get_kim(int(kim_id))
    ketua = await _ketua(context, int(kim_id)) if kim else None
    user = update.effective_user
    assert user is not None
    if kim is None or ketua is None:
        await retire_buttons(update, context, "jaringan/consent_gone")
        return
    if ketua.user_id != user.id:
        await alert(update, context, "jaringan/consent_ketua_only", member=ketua)
        return
    profile = await context.store.network_profile(kim.id)
    if not profile.show_ketua and not profile.consented(user.id):
        await retire_buttons(update, context, "jaringan/consent_gone")
        return
    await answer(update)
    now = context.config.clock()
    agreed = said == "ya"
    profile = await context.store.set_ketua_consent(kim.id, user.id if agreed else None, now)
    markup = keyboards.withdraw_keyboard(kim.id) if agreed else None
    text = context.texts.render("jaringan/consent_given", kim=kim, member=ketua, agreed=agreed,
                                profile=profile)  # fmt: skip
    await show(update, context, text, markup)


async def withdraw(update: Update, context: BotContext) -> None:
    """The ketua takes the consent back: the username is no longer shown."""
    (kim_id,) = cb.WITHDRAW.parse(callback_data(update)) or ("0",)
    ketua = await _ketua(context, int(kim_id))
    user = update.effective_user
    assert user is not None
    if ketua is None or ketua.user_id != user.id:
        await alert(update, context, "jaringan/consent_ketua_only", member=ketua)
        return
    await answer(update)
    kim = await context.store.get_kim(int(kim_id))
    profile = await context.store.set_ketua_consent(int(kim_id), None, context.config.clock())
    text = context.texts.render("jaringan/consent_given", kim=kim, member=ketua, agreed=False,
                                profile=profile)  # fmt: skip
    await show(update, context, text, None)

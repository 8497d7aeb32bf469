"""/siaran: a broadcaster composes a broadcast to KIM groups (Diseminasi), in private chat.

Flow: /siaran (broadcasters only) → content (text, photo/document with caption, or a
forwarded message; {{ kim.nama }}, {{ kim.desa }}, {{ kim.kecamatan }} rendered per KIM) →
target (all verified KIMs, kecamatan, topics, or named KIMs) → time (timing.py)
→ preview for one real KIM → confirm. Bad input is explained and asked again; /batal leaves.
"""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.context import BotContext
from bot.models.diseminasi import Target, TargetKind
from bot.models.people import Role
from bot.telegram_length import visible_length
from bot.texts import TemplateInputError
from broadcasts.akses.feeds import FeedsConfig
from broadcasts.diseminasi.schedule import target_kims
from broadcasts.diseminasi.siaran import limit_of, render
from handlers.common.access import has_role, is_group
from handlers.common.replies import (
    alert,
    answer,
    callback_data,
    close_buttons,
    message_text,
    reply,
    retire_buttons,
)
from handlers.diseminasi import callbacks as cb
from handlers.diseminasi import labels
from handlers.diseminasi.draft import DRAFT, SAMPLE, SiaranDraft, Step, content_of, match_kims
from handlers.diseminasi.keyboards import PICK_DONE, pick_keyboard, target_keyboard
from handlers.diseminasi.timing import ask_time

MAX_TYPED = 2000


async def start(update: Update, context: BotContext) -> int:
    """Begin a broadcast, for broadcasters in private chat."""
    user = update.effective_user
    assert user is not None
    if is_group(update):
        await reply(update, context, "diseminasi/siaran/private_only")
        return DRAFT.clear(context)
    if not await has_role(context, user.id, Role.BROADCASTER):
        await reply(update, context, "diseminasi/siaran/not_broadcaster")
        return DRAFT.clear(context)
    DRAFT.save(context, SiaranDraft())
    await reply(update, context, "diseminasi/siaran/ask_content")
    return Step.CONTENT


async def save_content(update: Update, context: BotContext) -> int:
    """Take the content, checking its template and length, then ask for the target."""
    assert update.effective_message is not None
    content = content_of(update.effective_message)
    if content is None:
        return await expect_content(update, context)
    try:
        rendered = await asyncio.to_thread(render, context.texts, content, SAMPLE)
    except TemplateInputError as error:
        await reply(update, context, "diseminasi/siaran/bad_template", error=str(error))
        return Step.CONTENT
    length = visible_length(rendered or "")
    if length > limit_of(content):
        await reply(
            update, context, "diseminasi/siaran/too_long", kind=content.kind, length=length,
            limit=limit_of(content), kim=None,
        )  # fmt: skip
        return Step.CONTENT
    with DRAFT.edit(context) as draft:
        draft.content = content
    await reply(update, context, "diseminasi/siaran/ask_target", target_keyboard())
    return Step.TARGET


async def expect_content(update: Update, context: BotContext) -> int:
    """Explain which messages can be broadcast."""
    await reply(update, context, "diseminasi/siaran/use_content")
    return Step.CONTENT


async def choose_target(update: Update, context: BotContext) -> int:
    """Take the kind of target: all KIMs go on; the others ask which."""
    (key,) = cb.TARGET.parse(callback_data(update)) or ("",)
    if key not in labels.TARGETS:
        await alert(update, context, "common/unknown_choice")
        return Step.TARGET
    await answer(update)
    kind = TargetKind(key)
    with DRAFT.edit(context) as draft:
        draft.aim(kind)
    if kind == TargetKind.ALL:
        await close_buttons(update, context, labels.CHOSEN_TARGET, labels.TARGET_ALL)
        return await _check_target(update, context)
    if kind == TargetKind.KIM:
        await close_buttons(update, context, labels.CHOSEN_TARGET, labels.TARGET_NAMED)
        await reply(update, context, "diseminasi/siaran/ask_kim_names")
        return Step.KIM_NAMES
    options = _options(context, kind)
    if not options:
        await reply(update, context, "diseminasi/siaran/no_topics", target_keyboard())
        return Step.TARGET
    await close_buttons(update, context)
    await reply(
        update, context, "diseminasi/siaran/ask_pick", pick_keyboard(options, []), kind=kind
    )
    return Step.PICK


async def toggle_pick(update: Update, context: BotContext) -> int:
    """Toggle one kecamatan or topic; "Selesai" checks the target."""
    (value,) = cb.PICK.parse(callback_data(update)) or ("",)
    draft = DRAFT.load(context)
    options = _options(context, draft.target.kind)
    if value == PICK_DONE:
        return await _finish_pick(update, context, options)
    if value not in dict(options):
        await alert(update, context, "common/unknown_choice")
        return Step.PICK
    await answer(update)
    picked = draft.target_values
    if value in picked:
        picked.remove(value)
    else:
        picked.append(value)
    DRAFT.save(context, draft)
    query = update.callback_query
    if query and query.message:
        await query.edit_message_reply_markup(pick_keyboard(options, picked))
    return Step.PICK


async def save_kim_names(update: Update, context: BotContext) -> int:
    """Match typed KIM names against verified KIMs; unknown names are asked again."""
    kims = await target_kims(context, Target(TargetKind.ALL))
    found, unknown = match_kims(message_text(update)[:MAX_TYPED], kims)
    if unknown or not found:
        await reply(
            update, context, "diseminasi/siaran/kim_unknown", unknown=unknown, kims=kims[:30]
        )
        return Step.KIM_NAMES
    with DRAFT.edit(context) as draft:
        draft.target_values = [str(k.id) for k in found]
    return await _check_target(update, context)


async def expect_button(update: Update, context: BotContext) -> None:
    """Explain that this step wants a button press."""
    await reply(update, context, "diseminasi/siaran/use_buttons")


async def expect_text(update: Update, context: BotContext) -> None:
    """Explain that this step wants typed text."""
    await reply(update, context, "diseminasi/siaran/use_text")


async def cancel(update: Update, context: BotContext) -> int:
    """Leave the broadcast; nothing is saved."""
    await answer(update)
    await close_buttons(update, context)
    await reply(update, context, "diseminasi/siaran/cancelled")
    return DRAFT.clear(context)


async def _finish_pick(update: Update, context: BotContext, options: list[tuple[str, str]]) -> int:
    picked = DRAFT.load(context).target_values
    if not picked:
        await alert(update, context, "diseminasi/siaran/pick_one")
        return Step.PICK
    await answer(update)
    names = ", ".join(label for value, label in options if value in picked)
    await close_buttons(update, context, labels.CHOSEN_TARGET, names)
    return await _check_target(update, context)


async def _check_target(update: Update, context: BotContext) -> int:
    """An empty target is explained and asked again; otherwise ask for the time."""
    draft = DRAFT.load(context)
    kims = await target_kims(context, draft.target)
    if not kims:
        await reply(update, context, "diseminasi/siaran/target_empty", target_keyboard())
        return Step.TARGET
    draft.preview_kim, draft.target_count = kims[0].id, len(kims)
    DRAFT.save(context, draft)
    return await ask_time(update, context)


def _options(context: BotContext, kind: TargetKind) -> list[tuple[str, str]]:
    """The choices of a kecamatan or topic target: (value, label)."""
    if kind == TargetKind.KECAMATAN:
        return [(k.kode, k.nama) for k in context.region.kecamatan]
    return [(t.id, t.label) for t in context.service(FeedsConfig).topics]


async def stale_button(update: Update, context: BotContext) -> None:
    """A /siaran button of a step that is over (sent, cancelled, timed out, moved on)."""
    await retire_buttons(update, context, "diseminasi/siaran/stale_button")

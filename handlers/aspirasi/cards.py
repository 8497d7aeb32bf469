"""A ticket's card: the message that shows it to the desk or an OPD, with its buttons.

A card never names a rahasia or anonim reporter, nor shows any reporter's Telegram id: it is
rendered from `public(aspiration)`, which drops both. New cards go through the outbox (key
`aspkartu:<id>:<n>`, so the store finds them again once sent); after each change every
known card of the ticket is edited to show it, through the outbox too, in the change's
transaction. Only the cards in the desk and in the assigned OPD's group keep buttons.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from markupsafe import Markup, escape
from telegram import InlineKeyboardMarkup

from bot.context import BotContext
from bot.models.aspirasi import Aspiration, Event, Identity
from bot.outbox import OutboxMessage, edit_text, photo_message, text_message, voice_message
from bot.store.aspirasi_lists import CARD_KEY
from bot.telegram_length import truncate_html
from handlers.aspirasi import labels
from handlers.aspirasi.desk_keyboards import lifecycle_keyboard
from handlers.aspirasi.services import opd_of_chat, opds

CARD_TEXT = 2400  # of Telegram's 4096, what the citizen's text may take up on a card
NOTE_SHOWN = 400  # the last note shown on a card


def public(aspiration: Aspiration) -> Aspiration:
    """The ticket as groups may see it: no Telegram id, a name only when the reporter chose so."""
    shown = aspiration.identity == Identity.SHOWN
    return replace(aspiration, reporter_id=None,
                   reporter_name=aspiration.reporter_name if shown else None)  # fmt: skip


def excerpt(text: str | None, limit: int) -> Markup:
    """Text from a person as safe HTML, cut at a word (with "…") past `limit`."""
    return Markup(truncate_html(str(escape(text or "")), limit))


def role_label(context: BotContext, event: Event) -> str:
    """Who made a change, as the citizen and the desk read it (an OPD by its name)."""
    opd = opds(context).get(event.opd_id) if event.by_role == "opd" and event.opd_id else None
    return opd.name if opd is not None else labels.ROLES.get(event.by_role, event.by_role)


def desk_chats(context: BotContext) -> list[int]:
    """Where new tickets go: the desk group, or each configured admin without one."""
    desk = context.config.desk_chat_id
    return [desk] if desk is not None else sorted(context.config.admin_ids)


async def card_values(context: BotContext, aspiration: Aspiration) -> dict[str, Any]:
    """What a card shows: the public ticket, its place, KIM, OPD and last note."""
    shown = public(aspiration)
    events = await context.store.aspiration_events(aspiration.id)
    last = next((e for e in reversed(events) if e.note and e.kind != "rating"), None)
    kim = await context.store.get_kim(aspiration.kim_id) if aspiration.kim_id else None
    opd = opds(context).get(aspiration.opd_id) if aspiration.opd_id else None
    return {
        "asp": shown,
        "category": labels.CATEGORIES[aspiration.category],
        "status": labels.STATUSES[aspiration.status],
        "kecamatan": context.region.kecamatan_by_code(aspiration.kecamatan_kode or ""),
        "desa": context.region.desa_by_code(aspiration.desa_kode or ""),
        "kim_name": kim.nama if kim else None,
        "opd_name": opd.name if opd else aspiration.opd_id,
        "isi": excerpt(aspiration.text, CARD_TEXT),
        "last_role": role_label(context, last) if last else None,
        "last_note": excerpt(last.note, NOTE_SHOWN) if last else None,
        "last_kind": last.kind if last else None,
    }


async def card_text(context: BotContext, aspiration: Aspiration) -> str:
    """The card's text as it stands now."""
    return context.texts.render("aspirasi/card", **await card_values(context, aspiration))


def card_markup(
    context: BotContext, aspiration: Aspiration, chat_id: int
) -> InlineKeyboardMarkup | None:
    """The lifecycle buttons, except on a card in an OPD group the ticket is no longer with."""
    opd = opd_of_chat(context, chat_id)
    if opd is not None and opd.id != aspiration.opd_id and chat_id not in desk_chats(context):
        return None
    return lifecycle_keyboard(aspiration)


async def send_cards(
    context: BotContext, aspiration: Aspiration, chat_ids: list[int], change: int
) -> None:
    """Inside a transaction: queue the ticket's photos, voice note and card for these chats."""
    text = await card_text(context, aspiration)
    for chat_id in chat_ids:
        for index, media in enumerate(_media(context, aspiration, chat_id)):
            await context.outbox.submit_effects(f"aspmedia:{aspiration.id}:{change}:{index}",
                                                [media])  # fmt: skip
        card = text_message(chat_id, text, card_markup(context, aspiration, chat_id))
        await context.outbox.submit_effects(f"{CARD_KEY}:{aspiration.id}:{change}", [card])


def _media(context: BotContext, aspiration: Aspiration, chat_id: int) -> list[OutboxMessage]:
    """The photos and the voice note of a ticket, each captioned with its code only."""
    count = len(aspiration.photo_file_ids)
    media = [
        photo_message(chat_id, file_id, context.texts.render(
            "aspirasi/media_caption", code=aspiration.code, number=n + 1, count=count))
        for n, file_id in enumerate(aspiration.photo_file_ids)
    ]  # fmt: skip
    if aspiration.voice_file_id:
        caption = context.texts.render("aspirasi/media_caption", code=aspiration.code,
                                       number=0, count=0)  # fmt: skip
        media.append(voice_message(chat_id, aspiration.voice_file_id, caption))
    return media


async def card_edits(context: BotContext, aspiration: Aspiration) -> list[OutboxMessage]:
    """Edits that show the ticket as it now stands on every card of it."""
    text = await card_text(context, aspiration)
    return [
        edit_text(chat_id, message_id, text, card_markup(context, aspiration, chat_id))
        for chat_id, message_id in await context.store.aspiration_cards(aspiration.id)
    ]

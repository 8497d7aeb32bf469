"""A shared story goes to every opted-in KIM of its scope through the outbox, each KIM once:
a photo of the evidence (when there is one) and the story with "Hubungi KIM ini".

Nothing personal is in it: the KIM, its desa and what it did, not who reported it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.context import BotContext
from bot.models.implementasi import Report
from bot.models.registrasi import Kim
from bot.outbox import OutboxMessage, photo_message, text_message
from bot.texts import Texts
from handlers.jaringan import callbacks, labels

KIND = "cerita"  # the story's text, with the button
PHOTO_KIND = "cerita_foto"  # its first photo, just before


def contact_markup(report_id: int) -> InlineKeyboardMarkup:
    """ "Hubungi KIM ini" under a story."""
    data = callbacks.CONTACT.data(report_id)
    return InlineKeyboardMarkup([[InlineKeyboardButton(labels.CONTACT, callback_data=data)]])


def story_messages(
    texts: Texts, values: dict[str, Any], receivers: Sequence[Kim]
) -> tuple[list[OutboxMessage], list[OutboxMessage]]:
    """(the photos, the stories) for each receiving KIM's group."""
    report: Report = values["report"]
    chats = [k.chat_id for k in receivers if k.chat_id is not None]
    text = texts.render("jaringan/story", **values)
    markup = contact_markup(report.id)
    stories = [text_message(chat_id, text, markup) for chat_id in chats]
    if not report.photos:
        return [], stories
    caption = texts.render("jaringan/story_caption", **values)
    return [photo_message(chat_id, report.photos[0], caption) for chat_id in chats], stories


async def submit_story(context: BotContext, values: dict[str, Any], receivers: Sequence[Kim],
                       by: int) -> None:  # fmt: skip
    """Queue the story for the receivers (call it in the approval's transaction)."""
    report: Report = values["report"]
    photos, stories = story_messages(context.texts, values, receivers)
    if photos:
        await context.outbox.submit(PHOTO_KIND, str(report.id), photos, created_by=by)
    await context.outbox.submit(KIND, str(report.id), stories, created_by=by,
                                progress_chat_id=None)  # fmt: skip

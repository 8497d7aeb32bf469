"""/jaringan (private or group): the verified KIMs by kecamatan — name, desa, members, last
activity, the ketua's username where the ketua agreed — a page at a time (jar:hal:<page>),
with Diskominfo's contact from KIM_DISKOMINFO_CONTACT. /jaringan atur: settings.py.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.models.jaringan import MAX_CONTACT, DirectoryEntry
from handlers.common.pager import Page, keyboard, page_number, page_text, show
from handlers.common.replies import answer, message_text
from handlers.jaringan import callbacks as cb
from handlers.jaringan.settings import show_settings

SETTINGS_WORDS = ("atur", "settings")


async def show_network(update: Update, context: BotContext) -> None:
    """/jaringan: the directory; /jaringan atur: what this KIM shows (its admins)."""
    words = message_text(update).split()
    if len(words) > 1 and words[1].lower() in SETTINGS_WORDS:
        await show_settings(update, context)
        return
    await list_directory(update, context)


async def list_directory(update: Update, context: BotContext) -> None:
    """One page of the directory (the command, or its ‹ › edited in place)."""
    await answer(update)
    region = context.region
    entries = sorted(await context.store.directory(), key=lambda e: _order(context, e))
    page = Page.of(page_number(update, cb.DIRECTORY_PAGE), len(entries))
    rows, previous = [], ""
    for number, entry in enumerate(page.rows(entries), start=page.first):
        kecamatan = region.kecamatan_by_code(entry.kecamatan_kode)
        heading = kecamatan.nama if kecamatan else entry.kecamatan_kode
        rows.append(context.texts.render(
            "jaringan/directory_row", entry=entry, number=number,
            heading=heading if entry.kecamatan_kode != previous else None,
            desa=region.desa_by_code(entry.desa_kode),
        ))  # fmt: skip
        previous = entry.kecamatan_kode
    contact = context.config.diskominfo_contact[:MAX_CONTACT]
    text = page_text(context.texts, "jaringan/directory", rows, page=page, contact=contact)
    await show(update, context, text, keyboard(page, cb.DIRECTORY_PAGE))


def _order(context: BotContext, entry: DirectoryEntry) -> tuple[str, str]:
    """By kecamatan name, then by KIM name (case-insensitive)."""
    kecamatan = context.region.kecamatan_by_code(entry.kecamatan_kode)
    return (kecamatan.nama if kecamatan else entry.kecamatan_kode, entry.nama.casefold())

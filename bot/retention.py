"""The daily retention job: what is past its time leaves the database (bot/store/retention.py
has the periods; SECURITY.md explains them)."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.context import BotContext
from bot.store import utcnow

log = logging.getLogger(__name__)
EVERY = timedelta(days=1)


async def apply_retention(context: BotContext) -> None:
    """Remove or empty what is past its time, and log how much (counts only, no names)."""
    removed = await context.store.apply_retention(utcnow())
    log.info(
        "Retensi: %d teks pesan terkirim dikosongkan, %d balasan gagal, %d orang tidak aktif, "
        "%d tiket selesai tanpa identitas pelapor",
        removed.sent_texts, removed.lost_replies, removed.people, removed.tickets,
    )  # fmt: skip

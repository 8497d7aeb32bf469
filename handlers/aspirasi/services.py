"""What Aspirasi reads from the running bot: its OPD list, the holidays, and the time.

The OPD list (opd.yaml) and the national holidays are loaded and registered at start by
broadcasts/aspirasi (its start); before that, a bot without them still takes aspirations
(every OPD choice then waits for the list, and deadlines count weekends only).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from bot.context import BotContext
from bot.models.aspirasi import Opd, OpdConfig
from broadcasts.aspirasi.holidays import Holidays


def opds(context: BotContext) -> OpdConfig:
    """The configured OPD (an empty list when opd.yaml was not loaded)."""
    try:
        return context.service(OpdConfig)
    except KeyError:
        return OpdConfig()


def opd_of_chat(context: BotContext, chat_id: int) -> Opd | None:
    """The OPD whose Telegram group this chat is, if any."""
    return next((o for o in opds(context).opds if o.chat_id == chat_id), None)


def holidays_for(context: BotContext) -> Collection[date]:
    """National holidays and cuti bersama that do not count as working days.

    The one place the deadline reads them from: the holidays broadcasts/aspirasi registered
    at start (data/libur_nasional.yaml or KIM_HOLIDAYS_FILE); none before it has started.
    """
    try:
        return context.service(Holidays)
    except KeyError:
        return Holidays()


def now(context: BotContext) -> datetime:
    """The current time, from the configured clock (tests inject a fixed one)."""
    return context.config.clock()

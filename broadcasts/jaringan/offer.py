"""The "Bagikan ke jaringan" button under the reporter's notice of a verified report.

Here, not in handlers/implementasi, because that button belongs to Jaringan's vocabulary and
one activity's handlers do not import another's (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.jaringan import callbacks, labels


def share_offer_markup(report_id: int) -> InlineKeyboardMarkup:
    """The reporter's button that offers a verified report to the network."""
    data = callbacks.OFFER.data(report_id)
    return InlineKeyboardMarkup([[InlineKeyboardButton(labels.SHARE_OFFER, callback_data=data)]])

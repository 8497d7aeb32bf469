"""The "Diskusikan" button that other activities put under what they send to KIM groups.

Diskusi owns the button: its callback data (handlers/diskusi/callbacks.py) and its label.
The news digest (broadcasts/akses) and broadcasts (broadcasts/diseminasi) call these two
functions rather than spelling another activity's callback data, so the layout rule holds
without an exception: a broadcast uses only its own activity's vocabulary from handlers.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton

from bot.texts import Texts
from handlers.diskusi import labels
from handlers.diskusi.callbacks import FROM_NEWS, FROM_SIARAN


def discuss_news(texts: Texts, news_id: int, number: int | None = None) -> InlineKeyboardButton:
    """ "Diskusikan" under a news item (numbered like its entry in a digest)."""
    label = texts.render("diskusi/button_discuss", number=number)
    return InlineKeyboardButton(label, callback_data=FROM_NEWS.data(news_id))


def discuss_siaran(run_id: int) -> InlineKeyboardButton:
    """ "Diskusikan" under a broadcast run as a KIM group received it."""
    return InlineKeyboardButton(labels.DISCUSS, callback_data=FROM_SIARAN.data(run_id))

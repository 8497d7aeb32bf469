"""Long lists in pages that fit Telegram, turned with ‹ Sebelumnya / Berikutnya › in place.

A list handler takes a `Page` of its rows (`Page.of(number, total, size)`), renders that
page's rows one by one and shows `page_text(...)` with `keyboard(...)`: as a reply to the
command, or after a ‹ › press by editing the pressed message. `page_text` cuts each row to
its share of Telegram's 4096 characters, so a page fits whatever people typed. A list of
cards with their own buttons (/verifikasi, /jadwal, /kurasi) shows one card per page, `fit`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from markupsafe import Markup
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.telegram_length import TELEGRAM_LIMIT, truncate_html, visible_length
from bot.texts import Texts
from handlers.common import labels
from handlers.common.codec import Action
from handlers.common.replies import callback_data, reply

T = TypeVar("T")
PER_PAGE = 10
ROW_MINIMUM = 40  # no row is cut shorter than this; `fit` guards the page as a whole
_SLACK = 16  # line breaks that blank rows lose to the template's strip()
Buttons = Sequence[Sequence[InlineKeyboardButton]]


@dataclass(frozen=True)
class Page:
    """Which rows one message shows: page `number` (from 0), `size` rows each, of `total`."""

    number: int
    size: int
    total: int

    @classmethod
    def of(cls, number: int, total: int, size: int = PER_PAGE) -> Page:
        """Page `number`, moved into range (a stale button may name a page that is gone)."""
        last = max(0, (total - 1) // size)
        return cls(min(max(number, 0), last), size, total)

    @property
    def count(self) -> int:
        """How many pages the list has (at least one, even when empty)."""
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        """How many rows come before this page."""
        return self.number * self.size

    @property
    def first(self) -> int:
        """The number of the page's first row, counted from 1 (for texts)."""
        return self.offset + 1

    @property
    def last(self) -> int:
        """The number of the page's last row, counted from 1 (for texts)."""
        return min(self.offset + self.size, self.total)

    def rows(self, items: Sequence[T]) -> Sequence[T]:
        """The page's share of a list that is loaded whole."""
        return items[self.offset : self.offset + self.size]


def page_number(update: Update, turn: Action) -> int:
    """The page a ‹ › button asks for (its last value); 0 for the command itself."""
    values = turn.parse(callback_data(update))
    return int(values[-1]) if values else 0


def turn_buttons(page: Page, turn: Action, *values: str | int) -> list[InlineKeyboardButton]:
    """‹ Sebelumnya / Berikutnya › to the neighbouring pages; none when there is one page."""
    buttons = []
    if page.number > 0:
        data = turn.data(*values, page.number - 1)
        buttons.append(InlineKeyboardButton(labels.PREV, callback_data=data))
    if page.number < page.count - 1:
        data = turn.data(*values, page.number + 1)
        buttons.append(InlineKeyboardButton(labels.NEXT, callback_data=data))
    return buttons


def keyboard(
    page: Page, turn: Action, *values: str | int, above: Buttons = ()
) -> InlineKeyboardMarkup | None:
    """The page's own buttons (`above`), then the ‹ › row; None when there are none."""
    rows = [list(row) for row in above]
    turns = turn_buttons(page, turn, *values)
    if turns:
        rows.append(turns)
    return InlineKeyboardMarkup(rows) if rows else None


def page_text(texts: Texts, template: str, rows: Sequence[str], **values: Any) -> str:
    """Render a page template around its rendered `rows`, each cut to its share of the limit.

    The template gets `rows` (ready HTML) and `values`; it renders them with `{{ row }}`.
    """
    frame = texts.render(template, rows=[Markup("")] * len(rows), **values)
    room = TELEGRAM_LIMIT - visible_length(frame) - _SLACK
    cap = _cap([visible_length(row) for row in rows], room)
    cut = [Markup(truncate_html(row, cap)) for row in rows]
    return fit(texts.render(template, rows=cut, **values))


def _cap(lengths: Sequence[int], room: int) -> int:
    """The longest a row may stay so that all rows together fit in `room` (long rows pay)."""
    left = len(lengths)
    for length in sorted(lengths):
        if length * left > room:
            return max(room // left, ROW_MINIMUM)
        room -= length
        left -= 1
    return TELEGRAM_LIMIT


def fit(text: str) -> str:
    """The text as Telegram takes it: cut at a word, with "…", if it is over 4096."""
    return truncate_html(text, TELEGRAM_LIMIT)


async def show(
    update: Update, context: BotContext, text: str, markup: InlineKeyboardMarkup | None,
    in_place: bool | None = None,
) -> Message | None:  # fmt: skip
    """Send a page, or edit the pressed message into it (by default after any button press);
    the message now showing it (None when Telegram did not say)."""
    query = update.callback_query
    if in_place is None:
        in_place = query is not None
    if not in_place or query is None or query.message is None:
        return await reply(update, context, "common/prepared", markup, html=Markup(text))
    try:
        edited = await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        # A stale ‹ › press can name the page already shown: then there is nothing to do.
        if "not modified" not in error.message.lower():
            raise
        return None
    return edited if isinstance(edited, Message) else None

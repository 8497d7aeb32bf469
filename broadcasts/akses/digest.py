"""Compose what one KIM group receives: one news message, or one digest for several (pure).

Each part stays under Telegram's 4096 characters and carries, per item it lists, a row of
"Sudah disebarluaskan" (handlers/akses/callbacks.py SEBAR) and "Diskusikan" (Diskusi's
button, broadcasts/diskusi/buttons.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.models.akses import News
from bot.telegram_html import sanitize_html
from bot.telegram_length import split_html, truncate_html, visible_length
from bot.texts import TemplateInputError, Texts
from broadcasts.akses.feeds import Source
from broadcasts.diskusi.buttons import discuss_news
from handlers.akses.callbacks import SEBAR

MESSAGE_LIMIT = 4096
DIGEST_SUMMARY_LIMIT = 280
MAX_DIGEST_ITEMS = 10  # more wait for the next run: a KIM reads on a cheap phone


@dataclass(frozen=True)
class Part:
    """One message of a delivery: its HTML text and the items it carries."""

    text: str
    news_ids: tuple[int, ...]
    markup: InlineKeyboardMarkup | None


def item_keyboard(texts: Texts, items: Sequence[tuple[int, int | None]]) -> InlineKeyboardMarkup:
    """Per (news id, number shown in the digest or None): a row of its confirmation button
    and its "Diskusikan"."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.render("akses/button_sebar", number=number), callback_data=SEBAR.data(i)
                ),
                discuss_news(texts, i, number),
            ]
            for i, number in items
        ]
    )


def render_item(texts: Texts, news: News, source: Source | None) -> str:
    """One item as a full message, with the source's own template when it has one."""
    name = source.name if source else "Diskominfo Kapuas Hulu"
    if source is not None and source.template:
        item = {
            "title": news.title,
            "summary_html": Markup(news.summary_html),
            "link": news.link,
            "image_url": news.image_url or "",
            "published_at": news.published_at,
            "source": name,
        }
        try:
            return sanitize_html(texts.render_string(source.template, item=item))
        except TemplateInputError:
            pass  # a broken feeds.yaml template must not lose the news: use ours
    return texts.render("akses/item", news=news, source_name=name)


def compose(
    texts: Texts, kim_name: str, items: Sequence[News], sources: Mapping[str, Source]
) -> list[Part]:
    """The messages that deliver `items` (oldest first) to one KIM."""
    items = list(items)[:MAX_DIGEST_ITEMS]
    if len(items) == 1:
        news = items[0]
        text = render_item(texts, news, sources.get(news.source_id))
        return _fit(text, (news.id,), item_keyboard(texts, [(news.id, None)]))
    header = texts.render("akses/digest_header", kim_name=kim_name, count=len(items))
    footer = texts.render("akses/digest_footer")
    blocks = [_entry(texts, n, number, sources) for number, n in enumerate(items, 1)]
    return _pack(texts, header, footer, blocks, items)


def _entry(texts: Texts, news: News, number: int, sources: Mapping[str, Source]) -> str:
    source = sources.get(news.source_id)
    summary = news.summary_html
    if visible_length(summary) > DIGEST_SUMMARY_LIMIT:
        summary = truncate_html(summary, DIGEST_SUMMARY_LIMIT)
    return texts.render(
        "akses/digest_entry",
        news=news,
        number=number,
        summary=summary,
        source_name=source.name if source else "Diskominfo Kapuas Hulu",
    )


def _pack(
    texts: Texts, header: str, footer: str, blocks: list[str], items: list[News]
) -> list[Part]:
    """Greedily fill messages with whole entries; the header opens the first one."""
    parts: list[Part] = []
    current: list[int] = []
    text = header
    for index, block in enumerate(blocks):
        candidate = f"{text}\n\n{block}"
        if current and visible_length(f"{candidate}\n\n{footer}") > MESSAGE_LIMIT:
            parts += _part(texts, f"{text}\n\n{footer}", items, current)
            current, candidate = [], block
        text = candidate
        current.append(index)
    return parts + _part(texts, f"{text}\n\n{footer}", items, current)


def _part(texts: Texts, text: str, items: list[News], indexes: list[int]) -> list[Part]:
    ids = tuple(items[i].id for i in indexes)
    return _fit(text, ids, item_keyboard(texts, [(items[i].id, i + 1) for i in indexes]))


def _fit(text: str, ids: tuple[int, ...], markup: InlineKeyboardMarkup) -> list[Part]:
    """Split an over-long message; only the last piece carries the items and buttons."""
    pieces = split_html(text, MESSAGE_LIMIT) if visible_length(text) > MESSAGE_LIMIT else [text]
    last = len(pieces) - 1
    return [
        Part(piece, ids if i == last else (), markup if i == last else None)
        for i, piece in enumerate(pieces)
    ]

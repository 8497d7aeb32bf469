"""Tests for measuring, splitting and truncating Telegram HTML (bot.telegram_length)."""

import random
import re

import pytest

from bot.telegram_html import escape
from bot.telegram_length import (
    _cut,
    _render,
    _tokenize,
    _width,
    split_html,
    truncate_html,
    visible_length,
)
from tests.bot.test_telegram_html import assert_well_formed, plain

# --- visible_length ------------------------------------------------------------------------


def test_visible_length_counts_text_after_entities() -> None:
    assert visible_length('<b>ab</b> <a href="https://x.id/?a=1&amp;b=2">c</a>') == 4
    assert visible_length("&lt;&amp;&gt;&quot;") == 4


def test_visible_length_counts_utf16_code_units() -> None:
    assert visible_length("\U0001f600") == 2  # emoji outside the BMP: a surrogate pair
    assert visible_length("é") == 1
    assert visible_length("👍🏽") == 4
    assert visible_length("&#128512;") == 2


# --- split_html / truncate_html ------------------------------------------------------------


def _long_message() -> str:
    sentences = [f"Kalimat nomor {n} tentang kegiatan KIM di desa." for n in range(400)]
    paragraphs = [" ".join(sentences[i : i + 9]) for i in range(0, 400, 9)]
    body = "\n\n".join(
        f"<b>{p[:20]}</b>{escape(p[20:])} 😀 &amp;" if n % 3 == 0 else p
        for n, p in enumerate(paragraphs)
    )
    return body[: body.rfind(".") + 1]


def test_short_message_is_one_chunk() -> None:
    assert split_html("<b>halo</b>") == ["<b>halo</b>"]
    assert split_html("") == []


def test_long_message_is_split_under_limit_and_rejoins() -> None:
    message = _long_message()
    assert 10_000 <= visible_length(message) <= 25_000
    chunks = split_html(message)
    assert len(chunks) >= 3
    for chunk in chunks:
        assert visible_length(chunk) <= 4096
        assert_well_formed(chunk)
    assert "".join(plain(chunk) for chunk in chunks) == plain(message)
    # Paragraph boundaries are preferred: every chunk but the last ends a paragraph.
    assert all(plain(chunk).endswith(".\n\n") for chunk in chunks[:-1])


def test_ten_thousand_plain_characters() -> None:
    message = escape(("Kapuas Hulu & KIM <desa> " * 400)[:10_000])
    chunks = split_html(message)
    assert [visible_length(c) <= 4096 for c in chunks] == [True] * len(chunks)
    assert "".join(plain(c) for c in chunks) == plain(message)
    assert all(plain(c).endswith(" ") for c in chunks[:-1])  # word boundaries


def test_tags_are_closed_and_reopened_across_chunks() -> None:
    message = '<b>tebal <a href="https://x.id/?a=1&amp;b=2">satu dua tiga empat</a> lima</b>'
    chunks = split_html(message, limit=12)
    link = '<a href="https://x.id/?a=1&amp;b=2">'
    assert chunks == [
        f"<b>tebal {link}satu </a></b>",
        f"<b>{link}dua tiga </a></b>",
        f"<b>{link}empat</a> lima</b>",
    ]
    for chunk in chunks:
        assert_well_formed(chunk)
        assert chunk.startswith("<b>")
        assert chunk.endswith("</b>")
    assert "".join(plain(c) for c in chunks) == plain(message)


def test_split_prefers_sentence_then_line_boundaries() -> None:
    text = "Satu dua tiga. Empat lima enam tujuh"
    assert split_html(text, limit=25) == ["Satu dua tiga. ", "Empat lima enam tujuh"]
    lines = "baris pertama di sini\nbaris kedua. dan lagi"
    assert split_html(lines, limit=30)[0] == "baris pertama di sini\n"


def test_split_never_breaks_entities_or_surrogates() -> None:
    message = "&amp;" * 5 + "😀" * 5
    chunks = split_html(message, limit=3)
    assert "".join(chunks) == "&amp;" * 5 + "😀" * 5
    for chunk in chunks:
        assert visible_length(chunk) <= 3
        assert re.fullmatch(r"(&amp;|😀)+", chunk)


def test_split_keeps_emoji_modifier_sequences_together() -> None:
    chunks = split_html("👍🏽👍🏽👍🏽", limit=5)
    assert chunks == ["👍🏽", "👍🏽", "👍🏽"]


def test_split_rejects_tiny_limit() -> None:
    with pytest.raises(ValueError, match="limit"):
        split_html("abc", limit=1)


def test_truncate_html() -> None:
    message = "<b>Berita penting</b> tentang <i>rapat KIM desa</i> hari ini"
    assert truncate_html(message, 100) == message
    short = truncate_html(message, 30)
    assert short == "<b>Berita penting</b> tentang <i>rapat</i>…"
    assert visible_length(short) <= 30
    assert_well_formed(short)
    assert truncate_html("abcdefghij", 5, ellipsis="...") == "ab..."


def test_visible_length_matches_the_token_by_token_count() -> None:
    """The one-pass count agrees with counting Telegram's parse token by token."""
    pieces = ["<b>", "</b>", "<a href='x'>", "</a>", "&amp;", "&lt;", "&#128512;", "&#x1F600;",
              "&foo;", "&", "<", ">", "a", " ", "\n", "é", "😀", "<>", "&am", "p;"]  # fmt: skip
    rnd = random.Random(7)
    for _ in range(2000):
        html = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(30)))
        assert visible_length(html) == sum(_width(char) for _, char in _tokenize(html)), html


def _truncate_token_by_token(html: str, limit: int) -> str:
    """truncate_html as the character loop of split_html does it (the reference)."""
    if visible_length(html) <= limit:
        return html
    tokens = _tokenize(html)
    head = _render(tokens[: _cut(tokens, 0, limit - 1, structured=False)], [])
    return re.sub(r"\s+((?:</[\w-]+>)*)$", r"\1", head) + "…"


def test_truncate_agrees_with_the_character_loop() -> None:
    """The regex fast path of truncate_html cuts exactly where the character loop cuts."""
    pieces = ["<b>", "</b>", "<i>", "</i>", "<a href='x'>", "</a>", "&amp;", "&lt;", "&#128512;",
              "&nbsp;", "&foo;", "&", "<", ">", "a", "kata", " ", "  ", "\n", "\u00a0", "é", "😀",
              "<>", "\u0301", "\u200d"]  # fmt: skip
    narrow = [p for p in pieces if p not in ("&#128512;", "😀", "&foo;")]  # the fast path
    rnd = random.Random(11)
    for n in range(6000):
        html = "".join(rnd.choice(narrow if n % 2 else pieces) for _ in range(rnd.randrange(60)))
        limit = rnd.randrange(3, 40)
        assert truncate_html(html, limit) == _truncate_token_by_token(html, limit), (html, limit)

"""Telegram's length limit: measure, split and truncate Telegram HTML messages.

Telegram counts its 4096-character limit in UTF-16 code units of the text left after
entity parsing. Splitting closes the open tags at each cut and reopens them after it.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata

from bot.telegram_html import escape

TELEGRAM_LIMIT = 4096
_TOKEN = re.compile(r"<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);|[\s\S]")
_TAG_NAME = re.compile(r"</?([A-Za-z][\w-]*)")
# The tags and entities of _TOKEN alone: the other characters count as they are.
_MARKUP = re.compile(r"<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);")
# The last whitespace before a word: where truncation cuts (_cut's candidates).
_LAST_BEFORE_WORD = re.compile(r".*(\s)(?=\S)", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_CLOSING_TAG = re.compile(r"</[^>]*>")
_Token = tuple[str, str]  # (raw markup, visible character); the character is "" for tags


def _tokenize(html: str) -> list[_Token]:
    """Split Telegram HTML into tags and visible characters (an entity is its character)."""
    return [
        (raw, raw if len(raw) == 1 else "" if raw[0] == "<" else _html.unescape(raw))
        for raw in _TOKEN.findall(html)
    ]


def _width(char: str) -> int:
    """Return the UTF-16 code units of ``char``, as Telegram counts them."""
    if len(char) == 1:  # the common case, without encoding: one unit below U+10000
        return 1 if ord(char) < 0x10000 else 2
    return len(char.encode("utf-16-le")) // 2


def visible_length(html: str) -> int:
    """Return the length Telegram counts: UTF-16 code units of the parsed text."""
    text = _MARKUP.sub(lambda m: "" if m[0][0] == "<" else _html.unescape(m[0]), html)
    return len(text.encode("utf-16-le")) // 2


def _cut(tokens: list[_Token], start: int, limit: int, *, structured: bool) -> int:
    """Return the token index where the chunk starting at ``start`` should end."""
    width, last_text, previous, run = 0, start - 1, "", ""
    candidates: list[tuple[int, int, int]] = []  # (rank, width, token index)
    for index in range(start, len(tokens)):
        char = tokens[index][1]
        if char.isspace():
            run += char
        elif char:
            if run and last_text >= start:
                candidates.append((_rank(previous, run, structured), width, last_text + 1))
            previous, run = char, ""
        else:
            continue
        if width + _width(char) > limit and last_text >= start:
            # Prefer the best-ranked boundary that fills at least half the chunk.
            filled = [c for c in candidates if c[1] >= limit // 2] or candidates
            cut = max(filled)[2] if filled else _hard_cut(tokens, start, index)
            while cut < len(tokens) and tokens[cut][0].startswith("</"):
                cut += 1  # closing tags belong to the chunk before the break
            return cut
        width += _width(char)
        last_text = index
    return len(tokens)


def _rank(previous: str, run: str, structured: bool) -> int:
    """Rank a break after whitespace ``run``: paragraph 4, line 3, sentence 2, word 1."""
    newlines = run.count("\n") if structured else 0
    return 4 if newlines > 1 else 3 if newlines else 2 if structured and previous in ".!?…" else 1


def _hard_cut(tokens: list[_Token], start: int, following: int) -> int:
    """Cut before text token ``following``, stepping back so as not to split a grapheme."""
    texts = [i for i in range(start, following) if tokens[i][1]]
    while len(texts) > 1 and (
        unicodedata.category(tokens[following][1][0]).startswith("M")
        or tokens[following][1] in "\u200d\ufe0e\ufe0f"
        or tokens[texts[-1]][1] == "\u200d"
    ):
        following = texts.pop()
    return texts[-1] + 1


def _render(tokens: list[_Token], stack: list[tuple[str, str]]) -> str:
    """Render tokens after reopening ``stack``; update it and close what stays open."""
    parts = [markup for _, markup in stack]
    for raw, char in tokens:
        parts.append(raw)
        name_match = None if char else _TAG_NAME.match(raw)
        if name_match is None:
            continue
        name = name_match[1].lower()
        if not raw.startswith("</"):
            stack.append((name, raw))
            continue
        names = [open_name for open_name, _ in stack]
        if name in names:
            del stack[len(names) - 1 - names[::-1].index(name)]
    parts.extend(f"</{name}>" for name, _ in reversed(stack))
    return "".join(parts)


def _chunks(html: str, limit: int, *, structured: bool) -> list[str]:
    """Split into chunks of visible length ≤ ``limit``, balancing tags in each."""
    if limit < 2:
        raise ValueError(f"limit must be at least 2, got {limit}")
    tokens = _tokenize(html)
    chunks: list[str] = []
    stack: list[tuple[str, str]] = []
    start = 0
    while start < len(tokens):
        end = _cut(tokens, start, limit, structured=structured)
        chunks.append(_render(tokens[start:end], stack))
        start = end
    return chunks


def split_html(html: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split Telegram HTML into balanced chunks, preferring paragraph/line/sentence/word breaks."""
    return _chunks(html, limit, structured=True)


def truncate_html(html: str, limit: int = TELEGRAM_LIMIT, ellipsis: str = "…") -> str:
    """Shorten Telegram HTML to ``limit`` visible units at a word boundary, adding ``ellipsis``."""
    if visible_length(html) <= limit:
        return html
    room = limit - len(ellipsis.encode("utf-16-le")) // 2
    if room < 2:
        raise ValueError(f"limit must leave room for text, got {limit}")
    head = _word_cut(html, room)
    if head is None:  # no word boundary, or characters wider than one unit: token by token
        tokens = _tokenize(html)
        head = _render(tokens[: _cut(tokens, 0, room, structured=False)], [])
    head = re.sub(r"\s+((?:</[\w-]+>)*)$", r"\1", head)
    return head + escape(ellipsis)


def _word_cut(html: str, room: int) -> str | None:
    """``_cut``'s result for truncation, found with regexes instead of a loop over every
    character: the cut follows the last whitespace that precedes text within ``room``.
    None when a character is not one unit and one token (a surrogate pair, an entity of
    several characters), or there is no such whitespace: the loop decides those."""
    visible = _visible_prefix(html, room + 1)
    if visible is None or len(visible[0]) <= room:
        return None
    text, ends = visible
    boundary = _LAST_BEFORE_WORD.match(text, 0, room + 1)
    if boundary is None:
        return None
    end = ends[boundary.start(1)]  # the raw end of that whitespace
    while (closing := _CLOSING_TAG.match(html, end)) is not None:
        end = closing.end()  # closing tags belong to the text before the cut
    stack: list[tuple[str, str]] = []
    _render([(tag, "") for tag in _TAG.findall(html, 0, end)], stack)
    return html[:end] + "".join(f"</{name}>" for name, _ in reversed(stack))


def _visible_prefix(html: str, count: int) -> tuple[str, list[int]] | None:
    """The first ``count`` visible characters and the raw offset after each; None when one
    of them is not exactly one UTF-16 unit or an entity stands for several characters."""
    pieces: list[str] = []
    ends: list[int] = []
    position = 0
    for match in _MARKUP.finditer(html):
        plain = html[position : match.start()][: count - len(ends)]
        pieces.append(plain)
        ends.extend(range(position + 1, position + len(plain) + 1))
        position = match.end()
        if len(ends) >= count:
            break
        if match[0][0] == "&":
            char = _html.unescape(match[0])
            if len(char) != 1:
                return None
            pieces.append(char)
            ends.append(position)
    else:
        plain = html[position:][: count - len(ends)]
        pieces.append(plain)
        ends.extend(range(position + 1, position + len(plain) + 1))
    text = "".join(pieces)
    return (text, ends) if len(text.encode("utf-16-le")) == 2 * len(text) else None

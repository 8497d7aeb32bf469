"""Telegram HTML: sanitise outside HTML, measure, split and truncate messages.

Telegram accepts a small HTML subset and counts its 4096-character limit in UTF-16
code units of the text left after entity parsing. Pure functions over ``html.parser``.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

TELEGRAM_LIMIT = 4096

_TAG_NAMES = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "ins": "u", "s": "s",
    "strike": "s", "del": "s", "a": "a", "code": "code", "pre": "pre", "blockquote": "blockquote",
    "tg-spoiler": "tg-spoiler", **{f"h{level}": "b" for level in range(1, 7)}}  # fmt: skip
_DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template",
    "head", "title", "svg", "math", "canvas", "audio", "video", "select", "textarea"}  # fmt: skip
_PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol",
    "table", "hr", "section", "article", "header", "footer", "figure", "address", "dl"}  # fmt: skip
_LINE_TAGS = {"div", "li", "tr", "dt", "dd", "main", "nav", "aside", "form", "fieldset",
    "details", "summary", "figcaption", "caption"}  # fmt: skip
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col",
    "param", "track"}  # fmt: skip
_URL_SCHEMES = frozenset({"http", "https", "tg", "mailto"})
_HTML_SPACE = re.compile(r"([ \t\n\r\f]+)")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
_TERMINATED_REF = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_TOKEN = re.compile(r"<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);|[\s\S]")
_TAG_NAME = re.compile(r"</?([A-Za-z][\w-]*)")
# The tags and entities of _TOKEN alone: the other characters count as they are.
_MARKUP = re.compile(r"<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);")
_Token = tuple[str, str]  # (raw markup, visible character); the character is "" for tags


def escape(text: str) -> str:
    """Escape plain text for Telegram HTML (&, < and >)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class _Open:
    """A tag open in the input; ``name`` None means it is dropped from the output."""

    source: str
    name: str | None
    markup: str = ""
    emitted: bool = False


class _Sanitizer(HTMLParser):
    """Stream arbitrary HTML into Telegram's subset with collapsed whitespace."""

    def __init__(self, base_url: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self._base_url = base_url
        self._out: list[str] = []
        self._stack: list[_Open] = []
        self._skipping: list[str] = []
        self._space, self._started, self._breaks = False, False, 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self._skipping.append(tag)
        if self._skipping:
            return
        self._block_break(tag, closing=False)
        if tag == "li":
            self._emit_text("•")
            self._space = True
        if tag not in _VOID_TAGS:
            self._stack.append(self._open_tag(tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index].source == tag:
                self._close_from(index)
                break
        self._block_break(tag, closing=True)

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        pre = next((entry for entry in self._stack if entry.source == "pre"), None)
        if pre is not None:
            # Like browsers, ignore the newline right after <pre>.
            data = data if pre.emitted else data.lstrip("\n")
            if data:
                self._emit_text(data)
            return
        for piece in _HTML_SPACE.split(data):
            if _HTML_SPACE.fullmatch(piece):
                self._space = True
            elif piece:
                self._emit_text(piece)

    def _block_break(self, tag: str, *, closing: bool) -> None:
        """Record the newlines a block tag or <br> stands for."""
        if tag == "br" and not closing:
            self._breaks = min(self._breaks + 1, 2)
        elif tag in _PARAGRAPH_TAGS:
            self._breaks = 2
        elif tag in _LINE_TAGS:
            self._breaks = max(self._breaks, 1)

    def _open_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> _Open:
        """Map an input tag to a Telegram tag, or to a dropped one (content kept)."""
        name = _TAG_NAMES.get(tag)
        if tag == "span" and "tg-spoiler" in (dict(attrs).get("class") or "").split():
            name = "tg-spoiler"
        if name is None or not self._may_nest(name):
            return _Open(tag, None)
        if name == "a":
            href = self._href()
            if href is None:
                return _Open(tag, None)
            return _Open(tag, "a", f'<a href="{href}">')
        if name == "blockquote" and any(key == "expandable" for key, _ in attrs):
            return _Open(tag, name, "<blockquote expandable>")
        return _Open(tag, name, f"<{name}>")

    def _may_nest(self, name: str) -> bool:
        """Apply Telegram's entity nesting rules to a tag opened inside the current ones."""
        inside = {entry.name for entry in self._stack if entry.name}
        if name in ("code", "pre"):
            return not inside - {"blockquote"}
        return not inside & {"code", "pre"} and not (name in ("a", "blockquote") and name in inside)

    def _href(self) -> str | None:
        """Return the current tag's absolute, allowed href (attribute-escaped), or None."""
        raw = _raw_attribute(self.get_starttag_text() or "", "href")
        if raw is None or not raw.strip():
            return None
        url = _TERMINATED_REF.sub(lambda m: _html.unescape(m[0]), raw)
        url = re.sub(r"[\t\n\r]", "", url).strip("\x00- ")
        if self._base_url:
            url = urljoin(self._base_url, url)
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _URL_SCHEMES or (scheme.startswith("http") and not parts.netloc):
            return None
        return escape(url).replace('"', "&quot;")

    def _emit_text(self, text: str) -> None:
        """Write visible text, flushing pending whitespace and lazily opened tags."""
        if self._started:
            if self._breaks:
                self._out.append("\n" * self._breaks)
            elif self._space:
                self._out.append(" ")
        self._breaks, self._space = 0, False
        for entry in self._stack:
            if entry.name and not entry.emitted:
                self._out.append(entry.markup)
                entry.emitted = True
        self._out.append(escape(text))
        self._started = True

    def _close_from(self, index: int) -> None:
        """Close the stack's tags from the top down to ``index``; empty ones vanish."""
        for entry in reversed(self._stack[index:]):
            if entry.emitted:
                self._out.append(f"</{entry.name}>")
        del self._stack[index:]


def _raw_attribute(start_tag: str, wanted: str) -> str | None:
    """Return an attribute's raw (still escaped) value from a start tag's source."""
    # html.parser decodes "&region=" in URLs to "®ion="; browsers do not, so reparse.
    for match in _ATTRIBUTE.finditer(start_tag[1:]):  # the first match is the tag name
        if match[1].lower() == wanted:
            return next((group for group in match.groups()[1:] if group is not None), "")
    return None


def sanitize_html(html: str, base_url: str | None = None) -> str:
    """Turn arbitrary HTML into balanced Telegram HTML with tidy whitespace."""
    sanitizer = _Sanitizer(base_url)
    sanitizer.feed(html)
    sanitizer.close()
    sanitizer._close_from(0)
    return "".join(sanitizer._out)


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
        unicodedata.category(tokens[following][1]).startswith("M")
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
    tokens = _tokenize(html)
    head = _render(tokens[: _cut(tokens, 0, room, structured=False)], [])
    head = re.sub(r"\s+((?:</[\w-]+>)*)$", r"\1", head)
    return head + escape(ellipsis)

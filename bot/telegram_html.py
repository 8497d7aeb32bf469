"""Telegram HTML: sanitise outside HTML to the subset Telegram accepts, and escape text.

Pure functions over ``html.parser``; measuring, splitting and truncating are in
bot/telegram_length.py.
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

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

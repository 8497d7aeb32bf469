"""Telegram HTML: sanitise outside HTML to the subset Telegram accepts, and escape text.

The sanitising is nh3 (the binding of the Rust ``ammonia`` sanitiser, over html5ever): it
parses hostile HTML like a browser, drops scripts and their content, unknown attributes and
unsafe URLs, and returns balanced, well-formed markup. What no library does is left here: a
walk over that clean markup that maps it to Telegram's tags and nesting rules, turns blocks
into newlines and collapses whitespace. Measuring, splitting and truncating are in
bot/telegram_length.py.
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3

_TAG_NAMES = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "ins": "u", "s": "s",
    "strike": "s", "del": "s", "a": "a", "code": "code", "pre": "pre", "blockquote": "blockquote",
    "tg-spoiler": "tg-spoiler", **{f"h{level}": "b" for level in range(1, 7)}}  # fmt: skip
_DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template",
    "head", "title", "svg", "math", "canvas", "audio", "video", "select", "textarea"}  # fmt: skip
_PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol",
    "table", "hr", "section", "article", "header", "footer", "figure", "address", "dl"}  # fmt: skip
_LINE_TAGS = {"div", "li", "tr", "dt", "dd", "main", "nav", "aside", "form", "fieldset",
    "details", "summary", "figcaption", "caption"}  # fmt: skip
_VOID_TAGS = {"br", "hr"}
_URL_SCHEMES = frozenset({"http", "https", "tg", "mailto"})
# What nh3 keeps: the tags that map to Telegram's and the ones that stand for line breaks.
_NH3_OPTIONS = {
    "tags": {*_TAG_NAMES, *_PARAGRAPH_TAGS, *_LINE_TAGS, *_VOID_TAGS, "span"},
    "clean_content_tags": _DROPPED_WITH_CONTENT,
    "attributes": {"a": {"href"}, "blockquote": {"expandable"}, "span": {"class"}},
    "url_schemes": set(_URL_SCHEMES),
    "link_rel": None,
    "strip_comments": True,
}
_WITHOUT_BASE = nh3.Cleaner(**_NH3_OPTIONS, url_relative="deny")  # type: ignore[arg-type]
# nh3's output is html5ever's serialisation: lower-case names, double-quoted attributes,
# "<" and ">" escaped in text, so one regex reads it reliably.
_TOKEN = re.compile(r'<(/?)([a-z][a-z0-9-]*)((?:\s+[^\s="/>]+(?:="[^"]*")?)*)\s*/?>|([^<]+)')
_ATTRIBUTE = re.compile(r'([^\s="/>]+)(?:="([^"]*)")?')
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


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


class _TelegramWriter:
    """Write clean, balanced HTML as Telegram HTML with collapsed whitespace."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self._stack: list[_Open] = []
        self._pre = 0
        self._space, self._started, self._breaks = False, False, 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self._block_break(tag, closing=False)
        if tag == "li":
            self._emit_text("•")
            self._space = True
        if tag not in _VOID_TAGS:
            self._stack.append(self._open_tag(tag, attrs))
            self._pre += tag == "pre"

    def end(self, tag: str) -> None:
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index].source == tag:
                self.close_from(index)
                break
        self._block_break(tag, closing=True)

    def text(self, data: str) -> None:
        if self._pre:
            pre = next(entry for entry in self._stack if entry.source == "pre")
            # Like browsers, ignore the newlines right after <pre>.
            data = data if pre.emitted else data.lstrip("\n")
            if data:
                self._emit_text(data)
            return
        collapsed = _HTML_SPACE.sub(" ", data)
        core = collapsed.strip(" ")
        if collapsed[:1] == " ":
            self._space = True
        if core:
            self._emit_text(core)
            self._space = collapsed[-1:] == " "

    def _block_break(self, tag: str, *, closing: bool) -> None:
        """Record the newlines a block tag or <br> stands for."""
        if tag == "br" and not closing:
            self._breaks = min(self._breaks + 1, 2)
        elif tag in _PARAGRAPH_TAGS:
            self._breaks = 2
        elif tag in _LINE_TAGS:
            self._breaks = max(self._breaks, 1)

    def _open_tag(self, tag: str, attrs: dict[str, str]) -> _Open:
        """Map an input tag to a Telegram tag, or to a dropped one (content kept)."""
        name = _TAG_NAMES.get(tag)
        if tag == "span" and "tg-spoiler" in attrs.get("class", "").split():
            name = "tg-spoiler"
        if name is None or not self._may_nest(name):
            return _Open(tag, None)
        if name == "a":
            href = _href(attrs.get("href"))
            return _Open(tag, "a", f'<a href="{href}">') if href else _Open(tag, None)
        if name == "blockquote" and "expandable" in attrs:
            return _Open(tag, name, "<blockquote expandable>")
        return _Open(tag, name, f"<{name}>")

    def _may_nest(self, name: str) -> bool:
        """Apply Telegram's entity nesting rules to a tag opened inside the current ones."""
        inside = {entry.name for entry in self._stack if entry.name}
        if name in ("code", "pre"):
            return not inside - {"blockquote"}
        return not inside & {"code", "pre"} and not (name in ("a", "blockquote") and name in inside)

    def _emit_text(self, text: str) -> None:
        """Write visible text, flushing pending whitespace and lazily opened tags."""
        if self._started:
            if self._breaks:
                self.out.append("\n" * self._breaks)
            elif self._space:
                self.out.append(" ")
        self._breaks, self._space = 0, False
        for entry in self._stack:
            if entry.name and not entry.emitted:
                self.out.append(entry.markup)
                entry.emitted = True
        self.out.append(escape(text))
        self._started = True

    def close_from(self, index: int) -> None:
        """Close the stack's tags from the top down to ``index``; empty ones vanish."""
        for entry in reversed(self._stack[index:]):
            if entry.emitted:
                self.out.append(f"</{entry.name}>")
            self._pre -= entry.source == "pre"
        del self._stack[index:]


def _href(value: str | None) -> str | None:
    """Return an absolute link nh3 kept, attribute-escaped; None without a host."""
    if not value:
        return None
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme not in _URL_SCHEMES or (scheme.startswith("http") and not parts.netloc):
        return None  # nh3 checked the scheme; an http link must also name a host
    return escape(value).replace('"', "&quot;")


def _clean(html: str, base_url: str | None) -> str:
    """nh3's sanitised HTML; relative links resolved against an absolute ``base_url``."""
    parts = urlsplit(base_url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        base = ("rewrite_with_base", base_url)
        return nh3.clean(html, **_NH3_OPTIONS, url_relative=base)  # type: ignore[arg-type]
    return _WITHOUT_BASE.clean(html)


def sanitize_html(html: str, base_url: str | None = None) -> str:
    """Turn arbitrary HTML into balanced Telegram HTML with tidy whitespace."""
    writer = _TelegramWriter()
    for match in _TOKEN.finditer(_clean(html, base_url)):
        closing, tag, attributes, text = match.groups()
        if text is not None:
            writer.text(_html.unescape(text))
        elif closing:
            writer.end(tag)
        else:
            attrs = {k: _html.unescape(v or "") for k, v in _ATTRIBUTE.findall(attributes)}
            writer.start(tag, attrs)
    writer.close_from(0)
    return "".join(writer.out)

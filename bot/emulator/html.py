"""Telegram-HTML parser: turns parse_mode=HTML text into plain text plus entities.

Mirrors Telegram's strictness: only its tag subset, balanced tags, and `<` must be
escaped; errors raise 400 `Bad Request: can't parse entities: ...`. Recognised character
references: &amp; &lt; &gt; &quot; and numeric ones; other `&...` text stays literal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.emulator.errors import ApiError, bad_request

_SIMPLE_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic",
    "u": "underline", "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
    "del": "strikethrough", "code": "code", "pre": "pre", "tg-spoiler": "spoiler",
    "blockquote": "blockquote", "a": "text_link", "span": "spoiler", "tg-emoji": "custom_emoji",
}  # fmt: skip
_NAMED_REFS = {"amp": "&", "lt": "<", "gt": ">", "quot": '"'}
_REF = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*?)?)\s*/?>")
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def utf16_len(text: str) -> int:
    """Return the length of `text` in UTF-16 code units, Telegram's unit for offsets."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Open:
    tag: str
    offset: int
    attrs: dict[str, str]


@dataclass
class _Parser:
    source: str
    out: list[str] = field(default_factory=list)
    pos16: int = 0
    stack: list[_Open] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.pos16 += utf16_len(text)

    def fail(self, detail: str, index: int | None = None) -> ApiError:
        if index is not None:
            detail += f" at byte offset {len(self.source[:index].encode())}"
        return bad_request(f"can't parse entities: {detail}")


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML; return the plain text and its MessageEntity dicts."""
    p = _Parser(source)
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "<":
            i = _tag(p, i)
        elif ch == "&":
            i = _reference(p, i)
        else:
            nxt = min((j for j in (source.find("<", i), source.find("&", i)) if j >= 0), default=-1)
            end = len(source) if nxt < 0 else nxt
            p.emit(source[i:end])
            i = end
    if p.stack:
        raise p.fail(f'Can\'t find end tag corresponding to start tag "{p.stack[-1].tag}"')
    p.entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(p.out), p.entities


def _reference(p: _Parser, i: int) -> int:
    m = _REF.match(p.source, i)
    if m is None:
        p.emit("&")
        return i + 1
    name = m.group(1)
    if name.startswith("#"):
        code = int(name[2:], 16) if name[1:2] in ("x", "X") else int(name[1:])
        p.emit(chr(code) if 0 < code < 0x110000 else "\ufffd")
    elif name in _NAMED_REFS:
        p.emit(_NAMED_REFS[name])
    else:
        p.emit(m.group(0))
    return m.end()


def _tag(p: _Parser, i: int) -> int:
    m = _TAG.match(p.source, i)
    if m is None:
        if p.source.find(">", i) < 0:
            raise p.fail("Unclosed start tag", i)
        raise p.fail('Unsupported start tag ""', i)
    closing, name = m.group(1) == "/", m.group(2).lower()
    if name not in _SIMPLE_TAGS:
        kind = "end" if closing else "start"
        raise p.fail(f'Unsupported {kind} tag "{name}"', i)
    if closing:
        _close(p, name, i)
    else:
        attrs = {a.group(1).lower(): a.group(2) or a.group(3) or a.group(4) or ""
                 for a in _ATTR.finditer(m.group(3))}  # fmt: skip
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise p.fail('Tag "span" must have class "tg-spoiler"', i)
        p.stack.append(_Open(name, p.pos16, attrs))
    return m.end()


def _close(p: _Parser, name: str, i: int) -> None:
    if not p.stack:
        raise p.fail(f'Unexpected end tag "{name}"', i)
    top = p.stack.pop()
    if top.tag != name:
        raise p.fail(f'Unmatched end tag "{name}", expected "</{top.tag}>"', i)
    length = p.pos16 - top.offset
    entity = _entity(p, top, length)
    if entity is not None and length > 0:
        p.entities.append(entity)


def _entity(p: _Parser, top: _Open, length: int) -> dict[str, Any] | None:
    kind = _SIMPLE_TAGS[top.tag]
    entity: dict[str, Any] = {"type": kind, "offset": top.offset, "length": length}
    if top.tag == "a":
        href = top.attrs.get("href")
        if not href:
            return None
        user = re.fullmatch(r"tg://user\?id=(\d+)", href)
        if user:
            return {**entity, "type": "text_mention", "user": _mention(int(user.group(1)))}
        entity["url"] = href
    elif top.tag == "blockquote" and "expandable" in top.attrs:
        entity["type"] = "expandable_blockquote"
    elif top.tag == "tg-emoji":
        entity["custom_emoji_id"] = top.attrs.get("emoji-id", "")
    elif top.tag == "code" and p.stack and p.stack[-1].tag == "pre":
        language = top.attrs.get("class", "")
        if language.startswith("language-"):
            # Telegram folds <pre><code class="language-x"> into one pre entity with language.
            p.stack[-1].attrs["language"] = language.removeprefix("language-")
            return None
    elif top.tag == "pre" and top.attrs.get("language"):
        entity["language"] = top.attrs["language"]
    return entity


def _mention(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}

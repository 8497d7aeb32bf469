"""Text from people, cleaned at the edge: invisible characters out, whitespace tidy, length checked.

Everything a person types (names, SK numbers, reasons, search words, receipts) and every name
read from a file (the KIM import) goes through `clean_text` before it is stored or shown again.
In bot/, not handlers/common/, because the import (bot/kim_import.py) is an edge too.
Control and invisible format characters (bidi overrides, zero-width spaces, BOMs) are removed:
they hide or reverse text in the desk's cards. A zero-width joiner stays only inside an emoji
sequence (👩‍👩‍👧). Pure functions.
"""

from __future__ import annotations

import re
import unicodedata

_JOINER = "\u200d"
_LINE_BREAKS = {"\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"}
# Characters an emoji sequence is made of: symbols, modifiers (skin tones), variation selectors.
_EMOJI_PARTS = ("So", "Sk", "Mn", "Me")
_INVISIBLE = ("Cc", "Cf", "Cs")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _kept(text: str, index: int) -> bool:
    """Whether the character at ``index`` is visible text (or a joiner inside an emoji)."""
    char = text[index]
    if char == _JOINER:
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        return bool(before and after) and all(
            unicodedata.category(c) in _EMOJI_PARTS for c in (before, after)
        )
    # Cc controls, Cf format (bidi, zero-width, BOM), Cs lone surrogates. Unassigned code points
    # stay: they may be emoji newer than this Python's Unicode tables.
    return char.isspace() or unicodedata.category(char) not in _INVISIBLE


def strip_invisible(text: str) -> str:
    """Remove control, format and lone surrogate characters; keep every kind of space."""
    return "".join(char for index, char in enumerate(text) if _kept(text, index))


def clean(text: str, *, multiline: bool = False) -> str:
    """Strip invisible characters and tidy whitespace: one line, or lines without blank runs."""
    text = unicodedata.normalize("NFC", strip_invisible(text))
    if not multiline:
        return " ".join(text.split())
    lines = "".join("\n" if char in _LINE_BREAKS else char for char in text.replace("\r\n", "\n"))
    tidy = "\n".join(_SPACES.sub(" ", line).strip() for line in lines.split("\n"))
    return _BLANK_LINES.sub("\n\n", tidy).strip()


def clean_text(text: str, max_len: int, *, min_len: int = 1, multiline: bool = False) -> str | None:
    """The cleaned text, or None when it is shorter than ``min_len`` or longer than ``max_len``."""
    cleaned = clean(text, multiline=multiline)
    return cleaned if min_len <= len(cleaned) <= max_len else None

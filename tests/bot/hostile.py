"""Hostile values for templates: markup, template syntax, emoji, RTL, zero-width, very long.

`Hostile(long=True)` makes every string up to 4,000 characters (for "is it still valid
Telegram HTML"); `Hostile(long=False)` keeps each string within the bound its edge enforces
(for "does it fit Telegram's limits"), filled with astral emoji that count twice in UTF-16.
`model(cls, ...)` builds any record dataclass from its type hints, strings hostile.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import UTC, date, datetime, time
from typing import Any

from hypothesis import strategies as st

from bot.telegram_html import sanitize_html

LONG = 4000
PIECES = (
    "<", ">", "&", "&amp;", "&lt;", "&#", "</b>", "<b>", "<i>", "</a>", "<a href='x'>",
    "<span>", "{{ x }}", "{% if %}", "{#", '"', "'", "\\", "😀", "👩\u200d👩\u200d👧", "🇮🇩",
    "\u202e", "\u202b", "\u2066", "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad",
    "مرحبا", "שלום", "\x00", "\x1b", "\n", "\r\n", "\t", "  ", "Maju", "KIM",
)  # fmt: skip
# Fillers for the longest value: each counts as much as it can once escaped or parsed.
FILLERS = ("😀", "<", "&", "</b>", "\u202e", "a", "👩\u200d👩\u200d👧")
WORST = ("😀", "😀</b>{{ x }}\u202e")  # astral emoji count twice in UTF-16


class Hostile:
    """Strategies for hostile template values.

    ``long``: strings up to 4,000 characters, whatever the edges allow (for validity).
    Otherwise the worst the edges allow (for length): every string as long as its bound, in
    characters that count twice, every list as long as its cap.
    """

    def __init__(self, *, long: bool) -> None:
        self.long = long

    def text(self, bound: int) -> st.SearchStrategy[str]:
        """Hostile text of at most ``bound`` characters (4,000 when long)."""
        if not self.long:
            return st.sampled_from(WORST).map(lambda fill: (fill * bound)[:bound])
        size = LONG
        mixed = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=20).map(
            lambda parts: "".join(parts)[:size]
        )
        longest = st.sampled_from(FILLERS).map(lambda fill: (fill * size)[:size])
        return st.one_of(mixed, longest, st.text(max_size=min(size, 50)))

    def html(self, bound: int) -> st.SearchStrategy[str]:
        """Stored Telegram HTML of at most ``bound`` visible characters (its limit is visible)."""
        if not self.long:
            return st.just("<b>" + "&lt;" * bound + "</b>")
        return self.text(bound).map(sanitize_html)

    def items(self, values: st.SearchStrategy[Any], cap: int) -> st.SearchStrategy[list[Any]]:
        """A list of at most ``cap`` values (the code's cap, or a full page): ``cap`` if worst."""
        return st.lists(values, min_size=0 if self.long else cap, max_size=cap)


def model(hostile: Hostile, cls: type, bound: int = 64, **fields: Any) -> st.SearchStrategy[Any]:
    """A record dataclass from its type hints; ``fields`` gives strategies (or bounds) by name."""
    hints = typing.get_type_hints(cls)
    chosen: dict[str, st.SearchStrategy[Any]] = {}
    for item in dataclasses.fields(cls):
        given = fields.get(item.name)
        if isinstance(given, st.SearchStrategy):
            chosen[item.name] = given
        else:
            chosen[item.name] = _of_type(hostile, hints[item.name], given or bound)
    return st.builds(cls, **chosen)


def _of_type(hostile: Hostile, hint: Any, bound: int) -> st.SearchStrategy[Any]:
    """A strategy for one field type: strings hostile, the rest plausible."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(_of_type(hostile, arg, bound) for arg in args))
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin is tuple:
        return st.lists(_of_type(hostile, args[0], bound), max_size=4).map(tuple)
    simple: dict[Any, st.SearchStrategy[Any]] = {
        type(None): st.none(),
        str: hostile.text(bound),
        bool: st.booleans(),
        int: st.integers(0, 10**12),
        float: st.floats(0, 10**6),
        datetime: st.datetimes(datetime(2000, 1, 1), datetime(2099, 1, 1), timezones=st.just(UTC)),
        date: st.dates(date(2000, 1, 1), date(2099, 1, 1)),
        time: st.times(),
    }
    if hint in simple:
        return simple[hint]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return model(hostile, hint, bound)
    raise TypeError(f"no hostile strategy for {hint!r}")

"""Callback data, spelled in one place: each kind of button is an `Action` that both builds
its `callback_data` and gives the pattern its handler matches, so the two cannot drift apart.

Data reads `<prefix>[:<name>]:<value>…`, each value matching its own regular expression, and
never exceeds Telegram's 64 bytes. Each activity keeps its actions in `callbacks.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_BYTES = 64  # Telegram refuses longer callback_data (BUTTON_DATA_INVALID)
# A database id: at most 18 digits, so a forged one still fits SQLite's INTEGER (int64). Data
# with a longer number matches no handler's pattern and is answered as a stale button.
ID = r"\d{1,18}"
LARGEST_ID = 10**18 - 1  # the largest id a button carries (each activity checks its longest)


class CallbackDataError(ValueError):
    """A button could not be built: a value of the wrong shape, or data over 64 bytes."""


@dataclass(frozen=True)
class Action:
    """One kind of button: a prefix (the activity's), an optional name, and value formats."""

    prefix: str
    name: str = ""
    values: tuple[str, ...] = ()  # one regular expression per value, without groups
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts = [re.escape(self.prefix)]
        if self.name:
            parts.append(re.escape(self.name))
        parts += [f"({value})" for value in self.values]
        object.__setattr__(self, "_regex", re.compile(":".join(parts)))

    @property
    def pattern(self) -> str:
        """What the handler's CallbackQueryHandler matches."""
        return f"^{self._regex.pattern}$"

    def data(self, *values: str | int) -> str:
        """The callback_data of one button; CallbackDataError when it cannot be valid."""
        head = [self.prefix, self.name] if self.name else [self.prefix]
        data = ":".join([*head, *map(str, values)])
        if len(values) != len(self.values) or not self._regex.fullmatch(data):
            raise CallbackDataError(f"{data!r} does not match {self.pattern}")
        if len(data.encode()) > MAX_BYTES:
            raise CallbackDataError(f"callback_data over {MAX_BYTES} bytes: {data!r}")
        return data

    def parse(self, data: str | None) -> tuple[str, ...] | None:
        """The values of a pressed button's data; None when it is not this action's."""
        match = self._regex.fullmatch(data or "")
        return match.groups() if match else None


@dataclass(frozen=True)
class Codec:
    """An activity's callback prefix, and the actions spelled under it."""

    prefix: str

    def action(self, name: str = "", *values: str) -> Action:
        """A kind of button under this prefix."""
        return Action(self.prefix, name, values)

    @property
    def anything(self) -> Action:
        """Matches every button of this prefix (for the answer to stale or foreign buttons)."""
        return Action(self.prefix, "", (".*",))

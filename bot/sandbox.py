"""User-written templates (broadcast texts, feeds.yaml item templates) rendered within limits.

A broadcaster writes Telegram-formatted text with `{{ kim.nama }}` in it. Telegram hands the
bot that text as HTML, so quotes inside `{{ … }}` arrive as `&#x27;`: `template_source` turns
the insides of Jinja's delimiters back into code (entities unescaped, formatting tags dropped)
and leaves the text around them as the broadcaster formatted it.

No template may stall the bot: `LimitedSandbox` (immutable, sandboxed) caps `range`, string and
list growth and big numbers, and `render_limited` caps the output size and the time of one
render (a trace function checks the clock between lines; raising there stops the render).
Rendering is synchronous and meant to run off the event loop (`asyncio.to_thread`).
"""

from __future__ import annotations

import functools
import html
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType
from typing import Any

from jinja2 import Template, nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

_DELIMITED = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.S)
_TAG = re.compile(r"<[^>]*>")
_PERCENT_WIDTH = re.compile(r"%[-+ #0]*(\d+)")


@dataclass(frozen=True)
class Limits:
    """What one render of a user template may use."""

    output_chars: int = 20_000  # raw HTML; Telegram shows at most 4096 characters anyway
    range_items: int = 1_000
    seconds: float = 0.2


class TemplateLimitError(Exception):
    """A template went over a limit; `kind` names which (output, loop, size, time)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def template_source(telegram_html: str) -> str:
    """The Jinja source of a formatted Telegram text: code inside delimiters, HTML outside."""
    return _DELIMITED.sub(lambda m: html.unescape(_TAG.sub("", m[0])), telegram_html)


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with caps on everything that can grow without printing."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, limits: Limits, **options: Any) -> None:
        super().__init__(**options)
        self.limits = limits
        # lipsum makes text of any size and namespace lets a loop grow a string without end.
        for name in ("lipsum", "namespace"):
            self.globals.pop(name, None)
        self.globals["range"] = self._range

    def guard_filters(self) -> None:
        """Wrap every filter (call once the filters are registered) with the size checks."""
        self.filters = {name: self._guarded(f) for name, f in self.filters.items()}

    def _guarded(self, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)  # keeps jinja's pass_context/pass_environment marks
        def guarded(*args: Any, **kwargs: Any) -> Any:
            self._check_arguments(args, kwargs)
            return function(*args, **kwargs)

        return guarded

    def _check_arguments(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        values = (*args, *kwargs.values())
        if any(_number(v) and abs(v) > self.limits.output_chars for v in values):
            raise TemplateLimitError("size")
        if any(isinstance(v, str) and self._too_wide(v) for v in values):
            raise TemplateLimitError("size")

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > self.limits.range_items:
            raise TemplateLimitError("loop")
        return numbers

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Refuse operations whose result would be too big, before computing them."""
        if operator == "**" and _number(right) and abs(right) > 64:
            raise TemplateLimitError("size")
        if operator == "*" and _sized_times(left, right) > self.limits.output_chars:
            raise TemplateLimitError("size")
        if operator == "%" and isinstance(left, str) and self._too_wide(left):
            raise TemplateLimitError("size")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, str | list | tuple) and len(result) > self.limits.output_chars:
            raise TemplateLimitError("size")
        return result

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Refuse calls with huge numbers (`'a'.center(10**9)`, `'{:999999999}'.format`)."""
        if __obj != __self._range:
            __self._check_arguments(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`'{:999999999}'.format(x)`: refuse a format string with a huge width."""
        text = getattr(value, "__self__", None)
        if isinstance(text, str) and self._too_wide(text):
            raise TemplateLimitError("size")
        return super().wrap_str_format(value)

    def _too_wide(self, text: str) -> bool:
        widths = [int(w) for w in _PERCENT_WIDTH.findall(text)]
        widths += [int(w) for w in re.findall(r"\{[^}]*?(\d{5,})[^}]*\}", text)]
        return any(w > self.limits.output_chars for w in widths)


_FORBIDDEN_NODES = (nodes.Macro, nodes.CallBlock, nodes.Include, nodes.Import, nodes.FromImport,
                    nodes.Extends)  # fmt: skip


def forbid_structure(tree: nodes.Template) -> None:
    """Refuse macros (recursion grows text without end) and anything that loads templates."""
    if any(True for _ in tree.find_all(_FORBIDDEN_NODES)):
        raise SecurityError("macros, includes and imports are not allowed")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _sized_times(left: Any, right: Any) -> int:
    """The length of `left * right` when one side is a sequence, else 0."""
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, str | list | tuple) and isinstance(count, int):
            return len(seq) * max(count, 0)
    return 0


def render_limited(template: Template, values: dict[str, Any], limits: Limits) -> str:
    """Render within the output and time limits; TemplateLimitError when one is passed."""
    deadline = time.monotonic() + limits.seconds
    size = 0
    parts: list[str] = []
    with _deadline(deadline):
        for chunk in template.generate(**values):
            size += len(chunk)
            if size > limits.output_chars:
                raise TemplateLimitError("output")
            parts.append(chunk)
    return "".join(parts)


class _deadline:
    """Stop the code running in this thread once the deadline passes (checked every line)."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self._previous: Any = None

    def __enter__(self) -> None:
        self._previous = sys.gettrace()
        sys.settrace(self._trace)

    def __exit__(self, *exc: object) -> None:
        sys.settrace(self._previous)

    def _trace(self, frame: FrameType, event: str, arg: object) -> Callable[..., Any] | None:
        if time.monotonic() > self.deadline:
            raise TemplateLimitError("time")
        return self._trace

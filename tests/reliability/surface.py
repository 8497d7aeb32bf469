"""What the running application answers: every command and every button pattern.

Derived from `app.handlers`, including the entry points, states and fallbacks of every
ConversationHandler, so a new activity's commands and buttons show up without a list kept
by hand (tests/reliability/test_roles.py compares them with docs/ROLES.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler

from bot.context import KimApplication

Handler = BaseHandler[Any, Any, Any]


def all_handlers(app: KimApplication) -> Iterator[Handler]:
    """Every handler of every group, conversations opened up."""
    for group in sorted(app.handlers):
        for handler in app.handlers[group]:
            yield from _opened(handler)


def _opened(handler: Handler) -> Iterator[Handler]:
    if not isinstance(handler, ConversationHandler):
        yield handler
        return
    inner = [*handler.entry_points, *handler.fallbacks]
    inner += [h for state in handler.states.values() for h in state]
    for each in inner:
        yield from _opened(each)


def commands(app: KimApplication) -> set[str]:
    """Every command the application answers (aliases included)."""
    return {c for h in all_handlers(app) if isinstance(h, CommandHandler) for c in h.commands}


def button_patterns(app: KimApplication) -> set[str]:
    """Every callback_data pattern, split at its top-level alternatives; "" for a catch-all."""
    found: set[str] = set()
    for handler in all_handlers(app):
        if not isinstance(handler, CallbackQueryHandler):
            continue
        pattern = handler.pattern
        if pattern is None:
            found.add("")
        elif isinstance(pattern, re.Pattern):
            found.update(split_alternatives(pattern.pattern))
    return found


def split_alternatives(pattern: str) -> list[str]:
    """`(?:^a$)|(?:^b$)` (how handlers/common/wiring.button joins actions) → `^a$`, `^b$`."""
    parts = re.findall(r"\(\?:(\^.*?\$)\)(?=\||$)", pattern)
    return parts or [pattern]


def prefix_of(pattern: str) -> str:
    """The callback prefix and action a pattern starts with, as ROLES.md names a button."""
    plain = re.match(r"\^([a-z_]+)(?::([a-z_]+))?", pattern)
    if plain is None:
        return pattern
    head, name = plain.groups()
    return f"{head}:{name}" if name else head

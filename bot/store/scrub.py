"""Blanking an erased person's names out of stored message parameters (pure, no SQL).

Outbox rows keep each message's Bot API parameters as JSON: a greeting or a notice can carry
the person's name, HTML-escaped by the templates and JSON-escaped by the store. `needles`
gives every spelling to look for in the stored text, `scrub` replaces the names (whole words,
any case) in every string of the decoded parameters.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import Any

import markupsafe

MIN_LENGTH = 2  # a one-letter "name" would blank every word with that letter


def spellings(names: Iterable[str | None]) -> list[str]:
    """The distinct names, longest first, each also HTML-escaped as templates write it."""
    found: set[str] = set()
    for name in names:
        name = (name or "").strip()
        if len(name) >= MIN_LENGTH:
            found |= {name, str(markupsafe.escape(name)), html.escape(name)}
    return sorted(found, key=lambda s: (-len(s), s))


def needles(names: Iterable[str | None]) -> list[str]:
    """Lower-case substrings whose presence in stored JSON text (lowered) may mean a name."""
    forms: set[str] = set()
    for spelling in spellings(names):
        forms |= {spelling.lower(), json.dumps(spelling)[1:-1].lower()}
    return sorted(forms)


def scrub(value: Any, names: Iterable[str | None], placeholder: str) -> Any:
    """`value` (decoded JSON) with every whole-word occurrence of the names replaced."""
    found = spellings(names)
    if not found:
        return value
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(map(re.escape, found)) + r")(?!\w)", re.IGNORECASE
    )
    return _walk(value, lambda text: pattern.sub(placeholder, text))


def _walk(value: Any, change: Any) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_walk(item, change) for item in value]
    if isinstance(value, dict):
        return {key: _walk(item, change) for key, item in value.items()}
    return value

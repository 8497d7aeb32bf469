"""What a report may come from: recent news and broadcasts delivered to the KIM, and its
discussions concluded with /kesimpulan."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from bot.context import BotContext
from bot.models.implementasi import MAX_SOURCE_LABEL, Source, SourceKind
from bot.user_text import clean

RECENT = timedelta(days=60)
PER_KIND = 4
_TEMPLATE_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<[^>]*>", re.S)


def label_of(text: str) -> str:
    """A source's title as one clean line (a broadcast's template tags and HTML removed)."""
    line = clean(_TEMPLATE_SYNTAX.sub(" ", text))
    return line[:MAX_SOURCE_LABEL] or "(tanpa judul)"


async def sources_of(context: BotContext, kim_id: int) -> list[Source]:
    """The latest few of each kind that reached the KIM in the last RECENT days."""
    since = context.config.clock() - RECENT
    store = context.store
    found = [
        *await store.news_sources(kim_id, since, PER_KIND),
        *await store.broadcast_sources(kim_id, since, PER_KIND),
        *await store.discussion_sources(kim_id, since, PER_KIND),
    ]
    return [replace(source, label=label_of(source.label)) for source in found]


async def find_source(context: BotContext, kim_id: int, kind: str, source_id: int) -> Source | None:
    """A pressed source, if it is still one the KIM may choose."""
    for source in await sources_of(context, kim_id):
        if source.kind == SourceKind(kind) and source.id == source_id:
            return source
    return None

"""Frozen dataclasses describing ``feeds.yaml``: polling defaults, topics and sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Curation = Literal["auto", "review"]

DEFAULT_USER_AGENT = "KIMHub/0.1 (bot informasi KIM; Diskominfo Kapuas Hulu)"
MIN_INTERVAL_MINUTES = 5


@dataclass(frozen=True)
class Defaults:
    """Polling defaults that apply to every source."""

    interval_minutes: int = 30
    timeout_s: float = 20.0
    max_bytes: int = 5 * 1024 * 1024
    user_agent: str = DEFAULT_USER_AGENT


@dataclass(frozen=True)
class Topic:
    """A news topic KIMs can subscribe to, with the keywords that route items to it."""

    id: str
    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """One RSS/Atom source and its curation rules."""

    id: str
    name: str
    url: str
    topics: tuple[str, ...]
    curation: Curation
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    interval_minutes: int | None = None
    template: str | None = None


@dataclass(frozen=True)
class FeedsConfig:
    """The validated content of ``feeds.yaml``."""

    defaults: Defaults = field(default_factory=Defaults)
    topics: tuple[Topic, ...] = ()
    sources: tuple[Source, ...] = ()

    def topic(self, topic_id: str) -> Topic:
        """Return the topic with this id (KeyError if unknown)."""
        return {t.id: t for t in self.topics}[topic_id]

    def source(self, source_id: str) -> Source:
        """Return the source with this id (KeyError if unknown)."""
        return {s.id: s for s in self.sources}[source_id]

    def interval_for(self, source: Source) -> int:
        """Return the polling interval of a source in minutes."""
        return source.interval_minutes or self.defaults.interval_minutes

"""Feed polling core (Akses): config, fetch, parse, normalise, topic routing.

Pure and storage-free: callers persist ``FetchState`` and seen items themselves.
"""

from broadcasts.akses.feeds.config import (
    FeedsConfigError,
    load_feeds_config,
    load_feeds_leniently,
    parse_feeds_config,
)
from broadcasts.akses.feeds.fetch import (
    MAX_IN_FLIGHT,
    FetchResult,
    FetchState,
    fetch,
    make_client,
    next_backoff,
)
from broadcasts.akses.feeds.model import Defaults, FeedsConfig, Source, Topic
from broadcasts.akses.feeds.normalize import NewsItem, canonical_link, is_near_duplicate, title_key
from broadcasts.akses.feeds.parse import FeedEntry, ParsedFeed, parse_feed
from broadcasts.akses.feeds.topics import (
    assign_topics,
    items_from_feed,
    passes_filters,
)

__all__ = [
    "MAX_IN_FLIGHT", "Defaults", "FeedEntry", "FeedsConfig", "FeedsConfigError", "FetchResult",
    "FetchState", "NewsItem", "ParsedFeed", "Source", "Topic", "assign_topics", "canonical_link",
    "fetch", "is_near_duplicate", "items_from_feed",
    "load_feeds_config", "load_feeds_leniently", "make_client", "next_backoff", "parse_feed",
    "parse_feeds_config",
    "passes_filters", "title_key",
]  # fmt: skip

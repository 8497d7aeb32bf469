"""Load and validate ``feeds.yaml``: defaults, the topics KIMs choose from, and the sources.

Validation walks the YAML node tree (``bot.config_files``), so every problem has its file
name and line. Strict (``load_feeds_config``, for ``kim-bot feeds check``): every problem in
one ``FeedsConfigError``. Lenient (``load_feeds_leniently``, for the running bot): a broken
topic or source is dropped with one note, a bad default falls back to its default, and the
rest loads; a file without a usable source leaves news polling off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from yaml.nodes import Node

from bot.config_files import ConfigFileError, Loaded, NodeChecker, compose, read_yaml, unusable
from broadcasts.akses.feeds._source_check import SourceChecker
from broadcasts.akses.feeds.model import (
    DEFAULT_USER_AGENT,
    MIN_INTERVAL_MINUTES,
    Curation,
    Defaults,
    FeedsConfig,
    Source,
    Topic,
)
from handlers.akses.callbacks import TOPIC_MAX_LENGTH

__all__ = [
    "DEFAULT_USER_AGENT",
    "Curation",
    "Defaults",
    "FeedsConfig",
    "FeedsConfigError",
    "Source",
    "Topic",
    "load_feeds_config",
    "load_feeds_leniently",
    "parse_feeds_config",
]

_TOP_KEYS = {"defaults", "topics", "sources"}
_DEFAULT_KEYS = {"interval_minutes", "timeout_s", "max_bytes", "user_agent"}
_TOPIC_KEYS = {"id", "label", "keywords"}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ID_MAX_LENGTH = TOPIC_MAX_LENGTH  # topic and source ids alike


class FeedsConfigError(ConfigFileError):
    """``feeds.yaml`` is invalid; the message lists every problem as ``file:line: text``."""

    def __init__(self, filename: str, problems: Iterable[tuple[int, str]]) -> None:
        super().__init__(filename, problems)


def load_feeds_config(path: str | Path) -> FeedsConfig:
    """Read and validate a feeds file; raise FeedsConfigError listing every problem."""
    path = Path(path)
    try:
        root, _ = read_yaml(path)
    except ConfigFileError as error:
        raise FeedsConfigError(error.filename, error.problems) from error
    return _strict(root, path.name)


def parse_feeds_config(text: str, filename: str = "feeds.yaml") -> FeedsConfig:
    """Validate YAML text; raise FeedsConfigError listing every problem."""
    try:
        root = compose(text, filename)
    except ConfigFileError as error:
        raise FeedsConfigError(error.filename, error.problems) from error
    return _strict(root, filename)


def _strict(root: Node | None, filename: str) -> FeedsConfig:
    checker = _Checker()
    config = checker.root(root)
    if checker.problems or config is None:
        raise FeedsConfigError(filename, checker.problems or [(1, "berkas kosong")])
    return config


def load_feeds_leniently(path: Path) -> Loaded[FeedsConfig]:
    """What of a feeds file the bot can use, and a note for each part it cannot.

    Not usable (nothing to poll) when the file cannot be read, is not YAML, is empty, or
    lists sources of which none is valid; the valid topics still load (broadcasts target
    them). A file that lists no source on purpose (`sources: []`) is fine.
    """
    try:
        root, digest = read_yaml(path)
    except ConfigFileError as error:
        return unusable(path, FeedsConfig(), error)
    if root is None:
        return unusable(path, FeedsConfig(), ConfigFileError(path.name, [(1, "berkas kosong")]))
    checker = _Checker()
    config = checker.root(root) or FeedsConfig()
    notes = tuple(checker.notes(path.name))
    return Loaded(path, config, bool(config.sources) or not notes, notes, digest)


class _Checker(NodeChecker):
    """The feeds file's own parts: defaults, topics and sources, building dataclasses."""

    def root(self, node: Node | None) -> FeedsConfig | None:
        if node is None:
            return None
        fields = self.mapping(node, "berkas", _TOP_KEYS, ("topics", "sources"))
        if fields is None:
            return None
        defaults = self.defaults(fields["defaults"]) if "defaults" in fields else Defaults()
        topics = self.entries(fields.get("topics"), "topics", "topik", self.topic)
        known = {t.id for t in topics}
        sources = SourceChecker(self, known, self.dropped_ids("topik"))
        checked = self.entries(fields.get("sources"), "sources", "sumber", sources.source)
        return FeedsConfig(defaults=defaults, topics=topics, sources=checked)

    def defaults(self, node: Node) -> Defaults:
        fields = self.mapping(node, "defaults", _DEFAULT_KEYS, ()) or {}
        base = Defaults()
        interval = self._opt_number(fields, "interval_minutes", MIN_INTERVAL_MINUTES, True)
        timeout = self._opt_number(fields, "timeout_s", 1, False)
        max_bytes = self._opt_number(fields, "max_bytes", 1024, True)
        agent = None
        if "user_agent" in fields:
            agent = self.string(fields["user_agent"], "defaults.user_agent")
        return Defaults(
            interval_minutes=int(interval) if interval is not None else base.interval_minutes,
            timeout_s=timeout if timeout is not None else base.timeout_s,
            max_bytes=int(max_bytes) if max_bytes is not None else base.max_bytes,
            user_agent=agent or base.user_agent,
        )

    def _opt_number(
        self, fields: dict[str, Node], key: str, minimum: float, integer: bool
    ) -> float | None:
        if key not in fields:
            return None
        return self.number(fields[key], f"defaults.{key}", minimum, integer=integer)

    def topic(self, node: Node) -> Topic | None:
        fields = self.mapping(node, "topik", _TOPIC_KEYS, ("id", "label", "keywords"))
        if fields is None or "id" not in fields:
            return None
        topic_id = self.ident(fields["id"], "topik")
        where = f"topik '{topic_id}'"
        label = self.string(fields["label"], f"{where}: label") if "label" in fields else None
        keywords = self.strings(fields.get("keywords"), f"{where}: keywords")
        if "keywords" in fields and not keywords:
            self.add(fields["keywords"], f"{where}: keywords tidak boleh kosong")
        if topic_id is None or label is None:
            return None
        return Topic(id=topic_id, label=label, keywords=keywords)

    def ident(self, node: Node, kind: str) -> str | None:
        value = self.string(node, f"{kind}: id")
        if value is not None and not _ID_RE.match(value):
            self.add(node, f"{kind}: id '{value}' hanya boleh huruf kecil, angka, '-' dan '_'")
            return None
        if value is not None and len(value) > ID_MAX_LENGTH:
            # Ids travel in button data (topik:<id>, kurasi:t:<news>:<id>), 64 bytes at most.
            self.add(node, f"{kind}: id '{value}' terlalu panjang ({len(value)} karakter, "
                           f"maksimal {ID_MAX_LENGTH})")  # fmt: skip
            return None
        return value

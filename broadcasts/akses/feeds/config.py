"""Load and validate ``feeds.yaml``: defaults, the topics KIMs choose from, and the sources.

Validation walks the YAML node tree (``yaml.compose``) so every problem is reported with
its file name and line number, all at once, in one ``FeedsConfigError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from broadcasts.akses.feeds._source_check import SourceChecker, suggest
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
    "parse_feeds_config",
]

_TOP_KEYS = {"defaults", "topics", "sources"}
_DEFAULT_KEYS = {"interval_minutes", "timeout_s", "max_bytes", "user_agent"}
_TOPIC_KEYS = {"id", "label", "keywords"}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ID_MAX_LENGTH = TOPIC_MAX_LENGTH  # topic and source ids alike
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_STR_TAG = "tag:yaml.org,2002:str"


class FeedsConfigError(ValueError):
    """``feeds.yaml`` is invalid; the message lists every problem as ``file:line: text``."""

    def __init__(self, filename: str, problems: Iterable[tuple[int, str]]) -> None:
        self.problems = sorted(problems)
        lines = [f"{filename}:{line}: {text}" for line, text in self.problems]
        super().__init__("\n".join(lines))


def load_feeds_config(path: str | Path) -> FeedsConfig:
    """Read and validate a feeds file; raise FeedsConfigError listing every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FeedsConfigError(path.name, [(0, f"tidak dapat dibaca: {exc}")]) from exc
    return parse_feeds_config(text, path.name)


def parse_feeds_config(text: str, filename: str = "feeds.yaml") -> FeedsConfig:
    """Validate YAML text; raise FeedsConfigError listing every problem."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise FeedsConfigError(filename, [(line, f"YAML tidak valid: {exc.problem}")]) from exc
    checker = _Checker()
    config = checker.root(root)
    if checker.problems or config is None:
        raise FeedsConfigError(filename, checker.problems or [(1, "berkas kosong")])
    return config


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


class _Checker:
    """Walks the node tree, building dataclasses and collecting (line, problem) pairs."""

    def __init__(self) -> None:
        self.problems: list[tuple[int, str]] = []

    def add(self, node: Node, text: str) -> None:
        self.problems.append((_line(node), text))

    def root(self, node: Node | None) -> FeedsConfig | None:
        if node is None:
            return None
        fields = self.mapping(node, "berkas", _TOP_KEYS, ("topics", "sources"))
        if fields is None:
            return None
        defaults = self.defaults(fields["defaults"]) if "defaults" in fields else Defaults()
        topics = self.topics(fields.get("topics"))
        known = {t.id for t in topics}
        sources = self.sources(fields.get("sources"), known)
        return FeedsConfig(defaults=defaults, topics=topics, sources=sources)

    def mapping(
        self, node: Node, where: str, allowed: set[str], required: Iterable[str]
    ) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.add(node, f"{where}: harus berupa pemetaan kunci: nilai")
            return None
        fields: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in fields:
                self.add(key_node, f"{where}: kunci '{key}' ganda")
            elif key not in allowed:
                hint = suggest(key, allowed)
                self.add(key_node, f"{where}: kunci '{key}' tidak dikenal{hint}")
            fields[key] = value_node
        for key in required:
            if key not in fields:
                self.add(node, f"{where}: kunci wajib '{key}' tidak ada")
        return fields

    def string(self, node: Node, where: str, *, empty_ok: bool = False) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag != _STR_TAG:
            self.add(node, f"{where}: harus berupa teks")
            return None
        value = str(node.value)
        if not value.strip() and not empty_ok:
            self.add(node, f"{where}: tidak boleh kosong")
            return None
        return value

    def number(
        self, node: Node, where: str, minimum: float, *, integer: bool = True
    ) -> float | None:
        tags = {_INT_TAG} if integer else {_INT_TAG, _FLOAT_TAG}
        if not isinstance(node, ScalarNode) or node.tag not in tags:
            self.add(node, f"{where}: harus berupa {'bilangan bulat' if integer else 'angka'}")
            return None
        value = float(yaml.safe_load(node.value))
        if value < minimum:
            self.add(node, f"{where}: minimal {minimum:g}, bukan {value:g}")
            return None
        return value

    def strings(self, node: Node | None, where: str) -> tuple[str, ...]:
        if node is None or (isinstance(node, ScalarNode) and node.tag.endswith(":null")):
            return ()
        if not isinstance(node, SequenceNode):
            self.add(node, f"{where}: harus berupa daftar")
            return ()
        items = (self.string(item, where) for item in node.value)
        return tuple(item for item in items if item is not None)

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

    def topics(self, node: Node | None) -> tuple[Topic, ...]:
        if node is None or not self._is_list(node, "topics"):
            return ()
        items = cast(SequenceNode, node).value
        self.duplicates(items, "topik")
        return tuple(t for t in map(self.topic, items) if t is not None)

    def duplicates(self, items: list[Node], kind: str) -> None:
        """Report every entry whose ``id`` repeats an earlier one."""
        seen: set[str] = set()
        for item in items:
            if not isinstance(item, MappingNode):
                continue
            for key, value in item.value:
                if key.value == "id" and isinstance(value, ScalarNode):
                    if value.value in seen:
                        self.add(value, f"{kind} '{value.value}': id ganda")
                    seen.add(value.value)

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

    def _is_list(self, node: Node, where: str) -> bool:
        if isinstance(node, SequenceNode):
            return True
        self.add(node, f"{where}: harus berupa daftar")
        return False

    def sources(self, node: Node | None, known: set[str]) -> tuple[Source, ...]:
        if node is None or not self._is_list(node, "sources"):
            return ()
        items = cast(SequenceNode, node).value
        self.duplicates(items, "sumber")
        checked = (SourceChecker(self, known).source(item) for item in items)
        return tuple(s for s in checked if s is not None)

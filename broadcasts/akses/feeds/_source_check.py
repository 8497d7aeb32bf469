"""Validation of one ``sources:`` entry of ``feeds.yaml`` (used by ``config``)."""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

import jinja2
from yaml.nodes import Node, SequenceNode

from bot.config_files import suggest
from broadcasts.akses.feeds.model import MIN_INTERVAL_MINUTES, Curation, Source

if TYPE_CHECKING:
    from broadcasts.akses.feeds.config import _Checker

_SOURCE_KEYS = {
    "id", "name", "url", "topics", "curation", "include", "exclude", "interval_minutes", "template",
}  # fmt: skip
_SOURCE_REQUIRED = ("id", "name", "url", "topics", "curation")


class SourceChecker:
    """Validates one entry of ``sources:``.

    A topic that feeds.yaml lists but that was dropped as broken is left out of the source's
    topics without a problem of the source's own; a source left with no topic is dropped.
    """

    def __init__(
        self, checker: _Checker, known_topics: set[str], dropped_topics: Set[str] = frozenset()
    ) -> None:
        self.c = checker
        self.known = known_topics
        self.dropped = dropped_topics

    def source(self, node: Node) -> Source | None:
        fields = self.c.mapping(node, "sumber", _SOURCE_KEYS, _SOURCE_REQUIRED)
        if fields is None:
            return None
        source_id = self.c.ident(fields["id"], "sumber") if "id" in fields else None
        where = f"sumber '{source_id or '?'}'"
        values = {key: self.c.string(fields[key], f"{where}: {key}") for key in ("name", "url")
                  if key in fields}  # fmt: skip
        url = self.url(fields.get("url"), values.get("url"), where)
        topics = self.topics(fields.get("topics"), where)
        curation = self.curation(fields.get("curation"), where)
        interval = self.interval(fields.get("interval_minutes"), where)
        template = self.template(fields.get("template"), where)
        if None in (source_id, values.get("name"), url, curation) or not topics:
            return None
        return Source(
            id=cast(str, source_id), name=cast(str, values["name"]), url=cast(str, url),
            topics=topics, curation=cast(Curation, curation),
            include=self.c.strings(fields.get("include"), f"{where}: include"),
            exclude=self.c.strings(fields.get("exclude"), f"{where}: exclude"),
            interval_minutes=interval, template=template,
        )  # fmt: skip

    def url(self, node: Node | None, value: str | None, where: str) -> str | None:
        if node is None or value is None:
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self.c.add(node, f"{where}: url '{value}' harus diawali http:// atau https://")
            return None
        return value.strip()

    def topics(self, node: Node | None, where: str) -> tuple[str, ...]:
        if node is None:
            return ()
        topics = self.c.strings(node, f"{where}: topics")
        choices = ", ".join(sorted(self.known))
        for item, value in zip(cast(SequenceNode, node).value, topics, strict=False):
            if value not in self.known and value not in self.dropped:
                hint = suggest(value, self.known)
                text = f"{where}: topik '{value}' tidak dikenal{hint} (pilihan: {choices})"
                self.c.add(item, text)
        valid = tuple(t for t in topics if t in self.known)
        if isinstance(node, SequenceNode) and not node.value:
            self.c.add(node, f"{where}: topics tidak boleh kosong")
        elif topics and not valid:
            self.c.add(node, f"{where}: semua topiknya rusak dan dilewati")
        return valid

    def curation(self, node: Node | None, where: str) -> str | None:
        if node is None:
            return None
        value = self.c.string(node, f"{where}: curation")
        if value is not None and value not in ("auto", "review"):
            self.c.add(node, f"{where}: curation '{value}' harus 'auto' atau 'review'")
            return None
        return value

    def interval(self, node: Node | None, where: str) -> int | None:
        if node is None:
            return None
        value = self.c.number(node, f"{where}: interval_minutes", MIN_INTERVAL_MINUTES)
        return int(value) if value is not None else None

    def template(self, node: Node | None, where: str) -> str | None:
        if node is None:
            return None
        value = self.c.string(node, f"{where}: template")
        if value is None:
            return None
        try:
            jinja2.Environment(autoescape=True).parse(value)
        except jinja2.TemplateSyntaxError as exc:
            text = f"{where}: template tidak valid (baris {exc.lineno} templat): {exc.message}"
            self.c.add(node, text)
            return None
        return value

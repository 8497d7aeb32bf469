"""Configuration files beside the environment (feeds.yaml, later opd.yaml), checked by entry.

Validation walks YAML's node tree, so every problem has its line. `NodeChecker` collects
them; its `entries()` checks a list entry by entry and drops an entry with any problem, so a
broken entry costs only itself. Two ways to use the result: `kim-bot … check` is strict (every
problem, non-zero exit, `ConfigFileError`); the running bot is lenient (`Loaded`: what is
usable loads, each dropped entry is one log line naming file:line and why, and `announce`
tells the desk once per file content, through the outbox). Degraded, not down.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.logs import redact
from bot.outbox import Outbox, text_message
from bot.texts import Texts

Problem = tuple[int, str]  # (line, text); line 0: the file as a whole
T = TypeVar("T")
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_STR_TAG = "tag:yaml.org,2002:str"
NOTICE_LINES = 8  # the desk notice lists this many problems, each cut to NOTE_LENGTH:
NOTE_LENGTH = 160  # 8 × 160 characters (emoji count twice) stay under Telegram's 4096


class ConfigFileError(ValueError):
    """A configuration file is invalid; the message lists every problem as `file:line: text`."""

    def __init__(self, filename: str, problems: Iterable[Problem]) -> None:
        self.filename = filename
        self.problems = sorted(problems)
        lines = [f"{filename}:{line}: {text}" for line, text in self.problems]
        super().__init__("\n".join(lines))


def read_yaml(path: Path) -> tuple[Node | None, str]:
    """A file's YAML node tree (None: empty) and the SHA-256 of its bytes.

    ConfigFileError when it cannot be read, is not UTF-8 text, or is not YAML.
    """
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except OSError as error:
        raise ConfigFileError(path.name, [(0, f"tidak dapat dibaca: {error}")]) from error
    except UnicodeDecodeError as error:
        raise ConfigFileError(path.name, [(0, "tidak dapat dibaca: bukan teks UTF-8")]) from error
    return compose(text, path.name), hashlib.sha256(data).hexdigest()


def compose(text: str, filename: str) -> Node | None:
    """The YAML node tree of `text`; ConfigFileError (with the line) when it is not YAML."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise ConfigFileError(filename, [(line, f"YAML tidak valid: {error.problem}")]) from error
    except yaml.YAMLError as error:  # a control character, say: no mark to give
        raise ConfigFileError(filename, [(0, f"YAML tidak valid: {error}")]) from error


def line_of(node: Node) -> int:
    """The 1-based line where a node starts."""
    return int(node.start_mark.line) + 1


def suggest(value: str, choices: Iterable[str]) -> str:
    """Return ", maksud Anda 'x'?" for a close match, or an empty string."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.75)
    return f", maksud Anda '{close[0]}'?" if close else ""


@dataclass(frozen=True)
class Dropped:
    """An entry left out because of its problems."""

    line: int
    kind: str  # "sumber", "topik" …
    ident: str | None
    reasons: tuple[str, ...]


@dataclass
class NodeChecker:
    """Checks YAML nodes, collecting (line, problem) pairs; drops broken list entries."""

    problems: list[Problem] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    _in_entries: set[int] = field(default_factory=set)  # problems that dropped an entry

    def add(self, node: Node, text: str) -> None:
        """Note a problem at the node's line."""
        self.problems.append((line_of(node), text))

    def mapping(
        self, node: Node, where: str, allowed: set[str], required: Iterable[str]
    ) -> dict[str, Node] | None:
        """The fields of a mapping; unknown, repeated and missing keys are problems."""
        if not isinstance(node, MappingNode):
            self.add(node, f"{where}: harus berupa pemetaan kunci: nilai")
            return None
        fields: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in fields:
                self.add(key_node, f"{where}: kunci '{key}' ganda")
            elif key not in allowed:
                self.add(key_node, f"{where}: kunci '{key}' tidak dikenal{suggest(key, allowed)}")
            fields[key] = value_node
        for key in required:
            if key not in fields:
                self.add(node, f"{where}: kunci wajib '{key}' tidak ada")
        return fields

    def string(self, node: Node, where: str, *, empty_ok: bool = False) -> str | None:
        """A text value (quoted or not), or None with a problem."""
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
        """A number at least `minimum`, or None with a problem."""
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
        """A list of texts (absent or null: empty)."""
        if node is None or (isinstance(node, ScalarNode) and node.tag.endswith(":null")):
            return ()
        if not isinstance(node, SequenceNode):
            self.add(node, f"{where}: harus berupa daftar")
            return ()
        items = (self.string(item, where) for item in node.value)
        return tuple(item for item in items if item is not None)

    def is_list(self, node: Node, where: str) -> bool:
        """Whether the node is a list (a problem when not)."""
        if isinstance(node, SequenceNode):
            return True
        self.add(node, f"{where}: harus berupa daftar")
        return False

    def entries(
        self, node: Node | None, where: str, kind: str, check: Callable[[Node], T | None]
    ) -> tuple[T, ...]:
        """Check each entry of the list `where`; an entry with any problem (a repeated id
        too) is dropped and noted, the others are kept, in order."""
        if node is None or not self.is_list(node, where):
            return ()
        seen: set[str] = set()
        kept: list[T] = []
        for item in node.value if isinstance(node, SequenceNode) else ():
            start = len(self.problems)
            ident, ident_node = _id_of(item)
            if ident is not None and ident_node is not None and ident in seen:
                self.add(ident_node, f"{kind} '{ident}': id ganda")
            value = check(item)
            if ident is not None:
                seen.add(ident)
            if len(self.problems) > start:
                self._drop(item, kind, ident, start)
            elif value is not None:
                kept.append(value)
        return tuple(kept)

    def dropped_ids(self, kind: str) -> set[str]:
        """The ids of the entries of `kind` that were dropped."""
        return {d.ident for d in self.dropped if d.kind == kind and d.ident}

    def notes(self, filename: str) -> list[str]:
        """What the lenient loader did, one line each: entries dropped, settings ignored."""
        notes = [(d.line, _dropped_line(d)) for d in self.dropped]
        notes += [
            (line, f"{text} (diabaikan)")
            for index, (line, text) in enumerate(self.problems)
            if index not in self._in_entries
        ]
        return [f"{filename}:{line}: {text}" for line, text in sorted(notes)]

    def _drop(self, item: Node, kind: str, ident: str | None, start: int) -> None:
        reasons = tuple(text for _, text in self.problems[start:])
        self._in_entries.update(range(start, len(self.problems)))
        self.dropped.append(Dropped(line_of(item), kind, ident, reasons))


def _id_of(item: Node) -> tuple[str | None, Node | None]:
    """The raw `id` of a mapping entry and its node, whatever its validity."""
    if isinstance(item, MappingNode):
        for key, value in item.value:
            if key.value == "id" and isinstance(value, ScalarNode):
                return str(value.value), value
    return None, None


def _dropped_line(entry: Dropped) -> str:
    name = f"{entry.kind} '{entry.ident}'" if entry.ident else entry.kind
    reasons = [r.removeprefix(f"{name}: ").removeprefix(f"{entry.kind}: ") for r in entry.reasons]
    return f"{name} dilewati: {'; '.join(reasons)}"


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """A configuration file as the running bot uses it: whatever in it was usable."""

    path: Path
    value: T
    usable: bool  # False: nothing in the file could be used (the feature is off)
    notes: tuple[str, ...]  # one line per dropped entry or ignored setting, "file:line: …"
    digest: str  # of the file's bytes: the desk is told once per content


def unusable(path: Path, empty: T, error: ConfigFileError) -> Loaded[T]:
    """The Loaded of a file that cannot be read or is not YAML: nothing of it is used."""
    notes = tuple(str(error).splitlines())
    digest = hashlib.sha256("\n".join(notes).encode()).hexdigest()
    return Loaded(path, empty, False, notes, digest)


async def announce(
    loaded: Loaded[Any],
    outbox: Outbox,
    texts: Texts,
    chat_ids: Sequence[int],
    template: str,
) -> None:
    """Log each note, then tell the desk once per file content (an outbox item never
    repeats, so a restart with the same file sends nothing again)."""
    log = logging.getLogger(__name__)
    for note in loaded.notes:
        log.warning("%s", note)
    if not loaded.notes or not chat_ids:
        return
    shown = [redact(note)[:NOTE_LENGTH] for note in loaded.notes[:NOTICE_LINES]]
    text = texts.render(template, file=redact(loaded.path.name), notes=shown,
                        more=len(loaded.notes) - len(shown), usable=loaded.usable)  # fmt: skip
    item = f"config:{template}:{loaded.digest[:24]}"
    messages = [text_message(chat_id, text) for chat_id in chat_ids]
    await outbox.submit(kind="notice", item=item, messages=messages)

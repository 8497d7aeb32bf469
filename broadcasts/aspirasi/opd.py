"""opd.yaml: the regency's agencies (OPD) that receive aspirations, checked entry by entry.

Each entry: id, name, optional group_id (the OPD's own Telegram group), the categories it
handles. Validation walks the YAML node tree (bot/config_files.py), so every problem has its
line. Strict (`check_opd_config`, for a `kim-bot … check`): every problem in one
`OpdConfigError`. Lenient (`load_opd_config`, for the running bot): a broken entry is dropped
with one note `opd.yaml:<line>: …`, the rest loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import yaml
from yaml.nodes import Node, ScalarNode

from bot.config_files import (
    ConfigFileError,
    Loaded,
    NodeChecker,
    compose,
    read_yaml,
    suggest,
    unusable,
)
from bot.models.aspirasi import Category, Opd, OpdConfig

ID_MAX_LENGTH = 20  # an OPD id travels in button data (64 bytes with the ticket's code)
NAME_MAX_LENGTH = 100
CATEGORIES = tuple(c.value for c in Category)
_TOP_KEYS = {"opd"}
_OPD_KEYS = {"id", "name", "group_id", "categories"}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_INT_TAG = "tag:yaml.org,2002:int"


class OpdConfigError(ConfigFileError):
    """opd.yaml is invalid; the message lists every problem as `file:line: text`."""

    def __init__(self, filename: str, problems: Iterable[tuple[int, str]]) -> None:
        super().__init__(filename, problems)


def check_opd_config(path: str | Path) -> OpdConfig:
    """Read and validate an OPD file; raise OpdConfigError listing every problem."""
    path = Path(path)
    try:
        root, _ = read_yaml(path)
    except ConfigFileError as error:
        raise OpdConfigError(error.filename, error.problems) from error
    return _strict(root, path.name)


def parse_opd_config(text: str, filename: str = "opd.yaml") -> OpdConfig:
    """Validate YAML text; raise OpdConfigError listing every problem."""
    try:
        root = compose(text, filename)
    except ConfigFileError as error:
        raise OpdConfigError(error.filename, error.problems) from error
    return _strict(root, filename)


def _strict(root: Node | None, filename: str) -> OpdConfig:
    checker = _Checker()
    config = checker.root(root)
    if checker.problems or config is None:
        raise OpdConfigError(filename, checker.problems or [(1, "berkas kosong")])
    return config


def load_opd_config(path: Path) -> Loaded[OpdConfig]:
    """What of an OPD file the bot can use, and a note for each entry it cannot.

    Not usable (no OPD to forward to) when the file cannot be read, is not YAML, is empty,
    or lists OPD of which none is valid. A file that lists none on purpose (`opd: []`) is
    fine: the desk then handles every aspiration itself.
    """
    try:
        root, digest = read_yaml(path)
    except ConfigFileError as error:
        return unusable(path, OpdConfig(), error)
    if root is None:
        return unusable(path, OpdConfig(), ConfigFileError(path.name, [(1, "berkas kosong")]))
    checker = _Checker()
    config = checker.root(root) or OpdConfig()
    notes = tuple(checker.notes(path.name))
    return Loaded(path, config, bool(config.opds) or not notes, notes, digest)


class _Checker(NodeChecker):
    """The OPD file's parts: the list, and each entry's id, name, group and categories."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: dict[int, str] = {}  # group id → the OPD that has it

    def root(self, node: Node | None) -> OpdConfig | None:
        if node is None:
            return None
        fields = self.mapping(node, "berkas", _TOP_KEYS, ("opd",))
        if fields is None:
            return None
        return OpdConfig(self.entries(fields.get("opd"), "opd", "OPD", self.opd))

    def opd(self, node: Node) -> Opd | None:
        start = len(self.problems)
        fields = self.mapping(node, "OPD", _OPD_KEYS, ("id", "name", "categories"))
        if fields is None:
            return None
        opd_id = self.ident(fields["id"]) if "id" in fields else None
        where = f"OPD '{opd_id or '?'}'"
        name = self.name(fields["name"], where) if "name" in fields else None
        group = self.group(fields["group_id"], where) if "group_id" in fields else None
        categories = self.categories(fields.get("categories"), where)
        if opd_id is None or name is None or len(self.problems) > start:
            return None  # dropped by entries(), with its problems
        if group is not None:
            self.groups[group] = opd_id
        return Opd(id=opd_id, name=name, chat_id=group, categories=categories)

    def ident(self, node: Node) -> str | None:
        value = self.string(node, "OPD: id")
        if value is not None and not _ID_RE.match(value):
            self.add(node, f"OPD: id '{value}' hanya boleh huruf kecil, angka, '-' dan '_'")
            return None
        if value is not None and len(value) > ID_MAX_LENGTH:
            self.add(node, f"OPD: id '{value}' terlalu panjang ({len(value)} karakter, "
                           f"maksimal {ID_MAX_LENGTH})")  # fmt: skip
            return None
        return value

    def name(self, node: Node, where: str) -> str | None:
        value = self.string(node, f"{where}: name")
        if value is not None and len(value.strip()) > NAME_MAX_LENGTH:
            self.add(node, f"{where}: name terlalu panjang ({len(value.strip())} karakter, "
                           f"maksimal {NAME_MAX_LENGTH})")  # fmt: skip
            return None
        return " ".join(value.split()) if value is not None else None

    def group(self, node: Node, where: str) -> int | None:
        """The group's id (None: none given, or a problem noted)."""
        if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
            return None
        if not isinstance(node, ScalarNode) or node.tag != _INT_TAG:
            self.add(node, f"{where}: group_id harus berupa ID grup Telegram (angka negatif, "
                           "mis. -1001234567890)")  # fmt: skip
            return None
        value = int(yaml.safe_load(node.value))
        if value >= 0:
            self.add(node, f"{where}: group_id {value} bukan ID grup: ID grup Telegram selalu "
                           "negatif (diawali '-', mis. -1001234567890)")  # fmt: skip
            return None
        if value in self.groups:
            self.add(node, f"{where}: group_id {value} sudah dipakai OPD "
                           f"'{self.groups[value]}' (satu grup untuk satu OPD)")  # fmt: skip
            return None
        return value

    def categories(self, node: Node | None, where: str) -> tuple[Category, ...]:
        if node is None or not self.is_list(node, f"{where}: categories"):
            return ()
        if not node.value:
            self.add(node, f"{where}: categories tidak boleh kosong")
        known: dict[Category, None] = {}  # in the file's order, each once
        for item in node.value:
            value = self.string(item, f"{where}: categories")
            if value is None:
                continue
            if value in CATEGORIES:
                known[Category(value)] = None
                continue
            hint = suggest(value, CATEGORIES)
            self.add(item, f"{where}: kategori '{value}' tidak dikenal{hint} "
                           f"(pilihan: {', '.join(CATEGORIES)})")  # fmt: skip
        return tuple(known)

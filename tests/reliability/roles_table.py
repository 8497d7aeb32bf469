"""docs/ROLES.md, read: its two tables (commands, buttons) as rows of verdicts per role."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.reliability.world import ROLES

ROLES_MD = Path(__file__).parents[2] / "docs" / "ROLES.md"
CHATS = {"pribadi": "private", "grup": "group"}


@dataclass(frozen=True)
class Row:
    """One line: what is tried (a command or callback data), its aliases, where, and verdicts."""

    name: str  # "/gabung" or "aspm:st"
    tried: str  # what is sent: "/gabung" or "aspm:st:{tiket}:selesai"
    aliases: tuple[str, ...]
    chat: str  # "private" or "group" (each role's own group, see ROLES.md)
    verdicts: dict[str, str]


def read_rows(path: Path = ROLES_MD) -> list[Row]:
    """Every table line whose first cell is a `code` span: | `name` | `tried` or aliases | …"""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 + len(ROLES) or not cells[0].startswith("`"):
            continue
        name, second, chat, *marks = cells
        name = name.strip("`")
        if name.startswith("/"):
            tried = name
            aliases = tuple(a.strip().lstrip("/") for a in second.split(",") if a.strip())
        else:
            tried, aliases = second.strip("`"), ()
        rows.append(Row(name, tried, aliases, CHATS[chat], dict(zip(ROLES, marks, strict=True))))
    return rows

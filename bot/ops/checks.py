"""The checklist's items and how it is printed: OK, PERINGATAN (works, could be better), GAGAL."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.ops import labels


class Level(Enum):
    """How a check came out."""

    OK = labels.OK
    WARN = labels.WARN
    FAIL = labels.FAIL


@dataclass(frozen=True)
class Check:
    """One line of the checklist, with the fix when it is not OK."""

    level: Level
    what: str
    fix: str | None = None


def ok(what: str) -> Check:
    """A check that passed."""
    return Check(Level.OK, what)


def warn(what: str, fix: str) -> Check:
    """Works, but something should change."""
    return Check(Level.WARN, what, fix)


def fail(what: str, fix: str) -> Check:
    """Broken: the bot cannot do part of its work until it is fixed."""
    return Check(Level.FAIL, what, fix)


def render(checks: list[Check]) -> str:
    """The checklist as plain lines, one per check, its fix indented below it."""
    width = max(len(level.value) for level in Level) + 2
    lines = []
    for check in checks:
        lines.append(f"{'[' + check.level.value + ']':<{width}} {check.what}")
        if check.fix:
            lines.append(f"{'':<{width}}   {labels.FIX}: {check.fix}")
    counts = {level: sum(1 for c in checks if c.level is level) for level in Level}
    lines.append(labels.SUMMARY.format(failed=counts[Level.FAIL], warned=counts[Level.WARN],
                                       passed=counts[Level.OK]))  # fmt: skip
    return "\n".join(lines)


def exit_code(checks: list[Check]) -> int:
    """1 when anything failed, else 0."""
    return 1 if any(c.level is Level.FAIL for c in checks) else 0

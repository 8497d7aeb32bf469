"""Numbers as people type them: "25", "1.200" people, "2,5" hectares, "3,1 ton/ha" of yield.

Pure functions. A dot between groups of three digits is a thousands separator (Indonesian
usage); otherwise a comma or a dot is the decimal mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.models.implementasi import MAX_UNIT, MAX_YIELD

_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
_DECIMAL = re.compile(r"\d+([.,]\d+)?")
_AMOUNT_WITH_UNIT = re.compile(r"(\d[\d.,]*)\s*(.*)")


def parse_number(text: str) -> float | None:
    """A non-negative number typed the Indonesian way; None when it is not one."""
    text = text.strip()
    if _THOUSANDS.fullmatch(text):
        return float(text.replace(".", ""))
    if _DECIMAL.fullmatch(text):
        return float(text.replace(",", "."))
    return None


def parse_amount(text: str, whole: bool, maximum: float) -> float | None:
    """A count of people or households (whole), or of hectares; above 0, at most `maximum`."""
    words = text.split()
    value = parse_number(words[0]) if words else None
    if value is None or value <= 0 or value > maximum:
        return None
    if whole and value != int(value):
        return None
    return value


@dataclass(frozen=True)
class Amount:
    """A yield as typed: the number and its unit ("" when none was typed)."""

    value: float
    unit: str


def parse_yield(text: str) -> Amount | None:
    """A yield such as "2,5 ton/ha"; None when there is no number, or the unit is too long."""
    match = _AMOUNT_WITH_UNIT.fullmatch(" ".join(text.split()))
    if match is None:
        return None
    value = parse_number(match.group(1).rstrip(".,"))
    unit = match.group(2).strip()
    if value is None or value > MAX_YIELD or len(unit) > MAX_UNIT:
        return None
    return Amount(value, unit)

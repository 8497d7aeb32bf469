"""National holidays and cuti bersama (data/libur_nasional.yaml), for counting working days.

`Holidays` is a frozen set of dates (pass it to broadcasts/aspirasi/calendar.py as is) that
also knows each day's name and which years its file lists in full. The file is checked like
opd.yaml (bot/config_files.py): strict `check_holidays` for a CLI, lenient `load_holidays`
for the bot (a broken day is dropped with `file:line: why`; the other days still count).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from yaml.nodes import Node, ScalarNode

from bot.config_files import (
    ConfigFileError,
    Loaded,
    NodeChecker,
    compose,
    line_of,
    read_yaml,
    unusable,
)

MIN_YEAR, MAX_YEAR = 2000, 2100
_TOP_KEYS = {"years", "holidays", "cuti_bersama"}
_YEAR_KEYS = {"year", "complete", "decree"}
_DAY_KEYS = {"date", "name"}
_TAGS = {"int": "tag:yaml.org,2002:int", "bool": "tag:yaml.org,2002:bool"}
_DATE_TAGS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:str"}


@dataclass(frozen=True)
class Holiday:
    """One day off: a national holiday, or a cuti bersama of the SKB."""

    day: date
    name: str
    cuti_bersama: bool = False


class Holidays(frozenset[date]):
    """The days that are not working days besides weekends, as a frozen set of dates."""

    entries: tuple[Holiday, ...]  # by date
    complete_years: frozenset[int]  # the years whose decree the file holds in full

    def __new__(
        cls, entries: Iterable[Holiday] = (), complete_years: Iterable[int] = ()
    ) -> Holidays:
        kept = tuple(sorted(entries, key=lambda h: (h.day, h.cuti_bersama)))
        self = super().__new__(cls, (h.day for h in kept))
        self.entries = kept
        self.complete_years = frozenset(complete_years)
        return self

    def for_year(self, year: int) -> Holidays:
        """The holidays of one year (empty when the file does not list it)."""
        years = {year} & self.complete_years
        return Holidays((h for h in self.entries if h.day.year == year), years)

    def name_of(self, day: date) -> str | None:
        """What the day is, e.g. "Idulfitri 1447 Hijriah" (None: not a holiday)."""
        return next((h.name for h in self.entries if h.day == day), None)

    def is_complete(self, year: int) -> bool:
        """Whether every holiday of `year` is known (its decree is in the file in full)."""
        return year in self.complete_years

    def __repr__(self) -> str:
        return f"Holidays({len(self)} days, complete: {sorted(self.complete_years)})"


class HolidaysError(ConfigFileError):
    """The holidays file is invalid; the message lists every problem as `file:line: text`."""

    def __init__(self, filename: str, problems: Iterable[tuple[int, str]]) -> None:
        super().__init__(filename, problems)


def check_holidays(path: str | Path) -> Holidays:
    """Read and validate a holidays file; raise HolidaysError listing every problem."""
    path = Path(path)
    try:
        root, _ = read_yaml(path)
    except ConfigFileError as error:
        raise HolidaysError(error.filename, error.problems) from error
    return _strict(root, path.name)


def parse_holidays(text: str, filename: str = "libur_nasional.yaml") -> Holidays:
    """Validate YAML text; raise HolidaysError listing every problem."""
    try:
        root = compose(text, filename)
    except ConfigFileError as error:
        raise HolidaysError(error.filename, error.problems) from error
    return _strict(root, filename)


def _strict(root: Node | None, filename: str) -> Holidays:
    checker = _Checker()
    holidays = checker.root(root)
    if checker.problems or holidays is None:
        raise HolidaysError(filename, checker.problems or [(1, "berkas kosong")])
    return holidays


def load_holidays(path: Path) -> Loaded[Holidays]:
    """What of a holidays file the bot can use, and a note for each entry it cannot.

    Not usable when the file cannot be read, is not YAML or is empty: then only weekends
    are days off, and deadlines come a little early rather than never.
    """
    try:
        root, digest = read_yaml(path)
    except ConfigFileError as error:
        return unusable(path, Holidays(), error)
    if root is None:
        return unusable(path, Holidays(), ConfigFileError(path.name, [(1, "berkas kosong")]))
    checker = _Checker()
    holidays = checker.root(root)
    notes = tuple(checker.notes(path.name))
    return Loaded(path, holidays or Holidays(), holidays is not None, notes, digest)


class _Checker(NodeChecker):
    """The file's parts: the years it lists, then each holiday and cuti bersama."""

    def __init__(self) -> None:
        super().__init__()
        self.years: dict[int, bool] = {}  # year → complete
        self.seen: dict[date, int] = {}  # day → the line that lists it

    def root(self, node: Node | None) -> Holidays | None:
        if node is None:
            return None
        fields = self.mapping(node, "berkas", _TOP_KEYS, ("years", "holidays"))
        if fields is None:
            return None
        self.entries(fields.get("years"), "years", "tahun", self.year)
        days = self.entries(fields.get("holidays"), "holidays", "hari libur", self.holiday)
        leave = self.entries(fields.get("cuti_bersama"), "cuti_bersama", "cuti bersama",
                             self.cuti_bersama)  # fmt: skip
        complete = (year for year, done in self.years.items() if done)
        return Holidays(days + leave, complete)

    def year(self, node: Node) -> int | None:
        fields = self.mapping(node, "tahun", _YEAR_KEYS, ("year", "complete"))
        if fields is None or "year" not in fields:
            return None
        value = self.scalar(fields["year"], "int", "tahun: year harus berupa bilangan bulat")
        if "decree" in fields:
            self.string(fields["decree"], f"tahun {value}: decree")
        if not isinstance(value, int):
            return None
        done = fields.get("complete")
        complete = self.scalar(done, "bool", f"tahun {value}: complete harus true atau false")
        if not MIN_YEAR <= value <= MAX_YEAR:
            self.add(fields["year"], f"tahun {value}: di luar {MIN_YEAR}–{MAX_YEAR}")
        elif value in self.years:
            self.add(fields["year"], f"tahun {value}: sudah dicantumkan")
        else:  # its days still count when only `complete` is wrong: it is then incomplete
            self.years[value] = complete is True
        return value

    def holiday(self, node: Node) -> Holiday | None:
        return self.day(node, "hari libur", cuti_bersama=False)

    def cuti_bersama(self, node: Node) -> Holiday | None:
        return self.day(node, "cuti bersama", cuti_bersama=True)

    def day(self, node: Node, kind: str, *, cuti_bersama: bool) -> Holiday | None:
        fields = self.mapping(node, kind, _DAY_KEYS, ("date", "name"))
        if fields is None or "date" not in fields:
            return None
        day = self.day_of(fields["date"], kind)
        name = (
            self.string(fields["name"], f"{kind} {day or '?'}: name") if "name" in fields else None
        )
        if day is None or name is None:
            return None
        if day.year not in self.years:
            self.add(fields["date"], f"{kind} {day}: tahun {day.year} tidak ada di years")
            return None
        if day in self.seen:
            self.add(fields["date"], f"{kind} {day}: tanggal ganda (sudah di baris "
                                     f"{self.seen[day]})")  # fmt: skip
            return None
        self.seen[day] = line_of(fields["date"])
        return Holiday(day, " ".join(name.split()), cuti_bersama)

    def day_of(self, node: Node, kind: str) -> date | None:
        text = str(node.value) if isinstance(node, ScalarNode) else ""
        try:
            if node.tag not in _DATE_TAGS:
                raise ValueError(text)
            return date.fromisoformat(text.strip())
        except ValueError:
            self.add(node, f"{kind}: date '{text}' harus tanggal YYYY-MM-DD, mis. 2026-08-17")
            return None

    def scalar(self, node: Node | None, kind: str, problem: str) -> int | bool | None:
        """An int or a bool value (None: absent, or a problem noted)."""
        if node is None:
            return None
        if isinstance(node, ScalarNode) and node.tag == _TAGS[kind]:
            value: int | bool = yaml.safe_load(node.value)
            return value
        self.add(node, problem)
        return None

"""The national holidays: the shipped SKB 2026 in full, 2027 marked incomplete, and a broken
entry costs only itself (with its line)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.config import packaged_file
from broadcasts.aspirasi.calendar import add_working_days, is_working_day
from broadcasts.aspirasi.holidays import (
    Holiday,
    Holidays,
    HolidaysError,
    check_holidays,
    load_holidays,
    parse_holidays,
)

SHIPPED = check_holidays(packaged_file("libur_nasional.yaml"))
YEARS = "years:\n  - {year: 2026, complete: true}\n"  # lines 1–2


def problems(text: str) -> list[str]:
    with pytest.raises(HolidaysError) as raised:
        parse_holidays(text)
    return str(raised.value).splitlines()


def test_2026_has_the_17_holidays_and_8_cuti_bersama_of_the_skb() -> None:
    year = SHIPPED.for_year(2026)
    assert year.is_complete(2026)
    holidays = [h for h in year.entries if not h.cuti_bersama]
    leave = [h.day for h in year.entries if h.cuti_bersama]
    assert len(holidays) == 17
    assert leave == [date(2026, 2, 16), date(2026, 3, 18), date(2026, 3, 20),
                     date(2026, 3, 23), date(2026, 3, 24), date(2026, 5, 15),
                     date(2026, 5, 28), date(2026, 12, 24)]  # fmt: skip
    assert year.name_of(date(2026, 8, 17)) == "Proklamasi Kemerdekaan Republik Indonesia"
    assert year.name_of(date(2026, 3, 21)) == "Idulfitri 1447 Hijriah"
    assert year.name_of(date(2026, 3, 25)) is None


def test_2027_holds_only_the_days_known_before_its_skb_and_says_so() -> None:
    year = SHIPPED.for_year(2027)
    assert not year.is_complete(2027)
    assert {date(2027, 1, 1), date(2027, 3, 26), date(2027, 5, 6), date(2027, 6, 1),
            date(2027, 8, 17), date(2027, 12, 25)} <= year  # fmt: skip
    assert not any(h.cuti_bersama for h in year.entries)
    assert SHIPPED.for_year(2028) == frozenset()
    assert not SHIPPED.is_complete(2028)


def test_it_is_a_frozen_set_of_dates_the_calendar_takes_as_it_is() -> None:
    assert isinstance(SHIPPED, frozenset)
    assert date(2026, 3, 23) in SHIPPED  # cuti bersama count as days off too
    assert not is_working_day(date(2026, 3, 23), SHIPPED)
    assert is_working_day(date(2026, 3, 25), SHIPPED)
    assert add_working_days(date(2026, 3, 18), 3, SHIPPED) == date(2026, 3, 27)
    assert hash(SHIPPED) == hash(frozenset(SHIPPED))


def test_built_in_code_the_entries_come_out_by_date() -> None:
    holidays = Holidays([Holiday(date(2026, 12, 25), "Natal"),
                         Holiday(date(2026, 1, 1), "Tahun Baru")], [2026])  # fmt: skip
    assert [h.name for h in holidays.entries] == ["Tahun Baru", "Natal"]
    assert list(Holidays()) == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("holidays:\n  - {date: 2026-02-30, name: X}\n",
         "libur_nasional.yaml:4: hari libur: date '2026-02-30' harus tanggal YYYY-MM-DD, "
         "mis. 2026-08-17"),
        ("holidays:\n  - {date: 17-08-2026, name: X}\n",
         "libur_nasional.yaml:4: hari libur: date '17-08-2026' harus tanggal YYYY-MM-DD"),
        ("holidays:\n  - {date: 2028-01-01, name: Tahun Baru}\n",
         "libur_nasional.yaml:4: hari libur 2028-01-01: tahun 2028 tidak ada di years"),
        ("holidays:\n  - {date: 2026-01-01, name: A}\n  - {date: 2026-01-01, name: B}\n",
         "libur_nasional.yaml:5: hari libur 2026-01-01: tanggal ganda (sudah di baris 4)"),
        ("holidays:\n  - {date: 2026-01-01, name: A}\ncuti_bersama:\n"
         "  - {date: 2026-01-01, name: A}\n",
         "libur_nasional.yaml:6: cuti bersama 2026-01-01: tanggal ganda (sudah di baris 4)"),
        ("holidays:\n  - {date: 2026-08-17}\n",
         "libur_nasional.yaml:4: hari libur: kunci wajib 'name' tidak ada"),
        ("holidays:\n  - {date: 2026-08-17, nama: X, name: Y}\n",
         "libur_nasional.yaml:4: hari libur: kunci 'nama' tidak dikenal, maksud Anda 'name'?"),
        ("holidays:\n  - {date: 2026-08-17, name: ''}\n",
         "libur_nasional.yaml:4: hari libur 2026-08-17: name: tidak boleh kosong"),
    ],
    ids=["no-such-day", "day-first", "year-not-listed", "repeated", "holiday-and-leave",
         "no-name", "unknown-key", "blank-name"],
)  # fmt: skip
def test_each_day_problem_names_its_line(lines: str, expected: str) -> None:
    found = problems(YEARS + lines)
    assert any(p.startswith(expected) for p in found), found


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        ("  - {year: 2026, complete: ya}\n",
         "libur_nasional.yaml:3: tahun 2026: complete harus true atau false"),
        ("  - {year: 2026, complete: true}\n",
         "libur_nasional.yaml:3: tahun 2026: sudah dicantumkan"),
        ("  - {year: 1999, complete: true}\n", "libur_nasional.yaml:3: tahun 1999: di luar"),
        ("  - {year: dua ribu, complete: true}\n",
         "libur_nasional.yaml:3: tahun: year harus berupa bilangan bulat"),
        ("  - {year: 2027}\n", "libur_nasional.yaml:3: tahun: kunci wajib 'complete' tidak ada"),
    ],
    ids=["complete-not-boolean", "repeated", "out-of-range", "not-a-number", "no-complete"],
)  # fmt: skip
def test_each_year_problem_names_its_line(years: str, expected: str) -> None:
    found = problems(YEARS + years + "holidays: []\n")
    assert any(p.startswith(expected) for p in found), found


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "libur.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bot_keeps_the_good_days_and_notes_each_dropped_one(tmp_path: Path) -> None:
    text = YEARS + "holidays:\n  - {date: 2026-08-17, name: HUT RI}\n" \
                   "  - {date: 2026-13-01, name: Salah}\n"  # fmt: skip
    loaded = load_holidays(write(tmp_path, text))
    assert loaded.usable
    assert loaded.value == frozenset({date(2026, 8, 17)})
    assert loaded.value.is_complete(2026)
    [note] = loaded.notes
    assert note.startswith("libur.yaml:5: hari libur dilewati: date '2026-13-01' harus tanggal")


def test_a_year_whose_completeness_is_wrong_keeps_its_days_as_incomplete(tmp_path: Path) -> None:
    text = "years:\n  - {year: 2026, complete: mungkin}\nholidays:\n" \
           "  - {date: 2026-08-17, name: HUT RI}\n"  # fmt: skip
    loaded = load_holidays(write(tmp_path, text))
    assert loaded.value == frozenset({date(2026, 8, 17)})
    assert not loaded.value.is_complete(2026)
    [note] = loaded.notes
    assert note.startswith("libur.yaml:2: tahun dilewati: tahun 2026: complete harus")


@pytest.mark.parametrize("text", ["", "years: [\n", "- 2026-01-01\n"],
                         ids=["empty", "not-yaml", "a-list"])  # fmt: skip
def test_without_a_usable_file_only_weekends_are_days_off(tmp_path: Path, text: str) -> None:
    loaded = load_holidays(write(tmp_path, text))
    assert not loaded.usable
    assert loaded.value == frozenset()
    assert loaded.notes
    assert all(n.startswith("libur.yaml:") for n in loaded.notes)


def test_a_missing_file_is_a_note(tmp_path: Path) -> None:
    loaded = load_holidays(tmp_path / "tidak-ada.yaml")
    assert not loaded.usable
    assert loaded.notes[0].startswith("tidak-ada.yaml:0: tidak dapat dibaca")

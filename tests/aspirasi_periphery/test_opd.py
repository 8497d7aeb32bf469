"""opd.yaml: the shipped list is valid, and a broken entry costs only itself, with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import packaged_file
from bot.models.aspirasi import Category
from broadcasts.aspirasi.opd import (
    OpdConfigError,
    check_opd_config,
    load_opd_config,
    parse_opd_config,
)

GOOD = """opd:
  - id: pupr
    name: Dinas Pekerjaan Umum dan Penataan Ruang
    categories: [infrastruktur]
  - id: dinkes
    name: Dinas Kesehatan
    group_id: -1001234567890
    categories: [kesehatan]
"""


def problems(text: str) -> list[str]:
    with pytest.raises(OpdConfigError) as raised:
        parse_opd_config(text)
    return str(raised.value).splitlines()


def entry(lines: str) -> str:
    """A file with one good OPD, then the entry under test (starting on line 5)."""
    good = "opd:\n  - id: pupr\n    name: Dinas PUPR\n    categories: [infrastruktur]\n"
    return good + lines


def test_the_shipped_list_is_valid_and_covers_every_category() -> None:
    config = check_opd_config(packaged_file("opd.yaml"))
    ids = [o.id for o in config.opds]
    assert {"pupr", "pertanian", "dinkes", "disdik", "koperasi", "dlh", "satpolpp",
            "disdukcapil", "diskominfo"} <= set(ids)  # fmt: skip
    for category in Category:
        handling = [o for o in config.opds if category in o.categories]
        assert handling, f"no OPD handles {category}"
    assert [o.id for o in config.for_category(Category.LAINNYA)] == ["diskominfo"]
    diskominfo = config.get("diskominfo")
    assert diskominfo is not None
    assert Category.LAYANAN_PUBLIK in diskominfo.categories


def test_the_shipped_list_has_no_group_id() -> None:
    # A placeholder id would send citizens' aspirations to whoever owns that group.
    config = check_opd_config(packaged_file("opd.yaml"))
    assert all(o.chat_id is None for o in config.opds)


def test_a_good_file_loads_in_order_with_its_groups() -> None:
    config = parse_opd_config(GOOD)
    assert [(o.id, o.chat_id, o.categories) for o in config.opds] == [
        ("pupr", None, (Category.INFRASTRUKTUR,)),
        ("dinkes", -1001234567890, (Category.KESEHATAN,)),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("  - id: Dinkes\n    name: D\n    categories: [kesehatan]\n",
         "opd.yaml:5: OPD: id 'Dinkes' hanya boleh huruf kecil, angka, '-' dan '_'"),
        ("  - id: dinas-kesehatan-kabupaten\n    name: D\n    categories: [kesehatan]\n",
         "opd.yaml:5: OPD: id 'dinas-kesehatan-kabupaten' terlalu panjang (25 karakter, "
         "maksimal 20)"),
        ("  - id: pupr\n    name: D\n    categories: [kesehatan]\n",
         "opd.yaml:5: OPD 'pupr': id ganda"),
        ("  - id: dinkes\n    name: '  '\n    categories: [kesehatan]\n",
         "opd.yaml:6: OPD 'dinkes': name: tidak boleh kosong"),
        ("  - id: dinkes\n    categories: [kesehatan]\n",
         "opd.yaml:5: OPD: kunci wajib 'name' tidak ada"),
        ("  - id: dinkes\n    nama: D\n    name: D\n    categories: [kesehatan]\n",
         "opd.yaml:6: OPD: kunci 'nama' tidak dikenal, maksud Anda 'name'?"),
        ("  - id: dinkes\n    name: D\n    group_id: 123456\n    categories: [kesehatan]\n",
         "opd.yaml:7: OPD 'dinkes': group_id 123456 bukan ID grup: ID grup Telegram selalu "
         "negatif (diawali '-', mis. -1001234567890)"),
        ("  - id: dinkes\n    name: D\n    group_id: grup dinkes\n    categories: [kesehatan]\n",
         "opd.yaml:7: OPD 'dinkes': group_id harus berupa ID grup Telegram (angka negatif, "
         "mis. -1001234567890)"),
        ("  - id: dinkes\n    name: D\n    categories: [kesehatn]\n",
         "opd.yaml:7: OPD 'dinkes': kategori 'kesehatn' tidak dikenal, maksud Anda "
         "'kesehatan'? (pilihan: infrastruktur, pertanian, kesehatan, pendidikan, ekonomi, "
         "layanan_publik, lingkungan, keamanan, lainnya)"),
        ("  - id: dinkes\n    name: D\n    categories: [layanan publik]\n",
         "opd.yaml:7: OPD 'dinkes': kategori 'layanan publik' tidak dikenal, maksud Anda "
         "'layanan_publik'?"),
        ("  - id: dinkes\n    name: D\n    categories: []\n",
         "opd.yaml:7: OPD 'dinkes': categories tidak boleh kosong"),
        ("  - id: dinkes\n    name: D\n    categories: kesehatan\n",
         "opd.yaml:7: OPD 'dinkes': categories: harus berupa daftar"),
        ("  - id: dinkes\n    name: D\n", "opd.yaml:5: OPD: kunci wajib 'categories' tidak ada"),
        ("  - dinkes\n", "opd.yaml:5: OPD: harus berupa pemetaan kunci: nilai"),
    ],
    ids=["upper-case-id", "long-id", "repeated-id", "blank-name", "no-name", "unknown-key",
         "user-id-as-group", "group-not-a-number", "category-typo", "category-with-space",
         "no-category", "category-not-a-list", "categories-missing", "not-a-mapping"],
)  # fmt: skip
def test_each_problem_names_its_line_and_what_to_write(lines: str, expected: str) -> None:
    assert any(p.startswith(expected) for p in problems(entry(lines))), problems(entry(lines))


def test_two_opd_cannot_share_a_group() -> None:
    text = GOOD + "  - id: dinsos\n    name: Dinas Sosial\n    group_id: -1001234567890\n" \
                  "    categories: [layanan_publik]\n"  # fmt: skip
    assert problems(text) == [
        "opd.yaml:11: OPD 'dinsos': group_id -1001234567890 sudah dipakai OPD 'dinkes' "
        "(satu grup untuk satu OPD)"
    ]


def test_an_entry_is_checked_whole_and_a_repeated_category_counts_once() -> None:
    config = parse_opd_config(entry("  - id: dlh\n    name: '  Dinas   Lingkungan Hidup '\n"
                                    "    categories: [lingkungan, lingkungan]\n"))  # fmt: skip
    dlh = config.get("dlh")
    assert dlh is not None
    assert dlh.name == "Dinas Lingkungan Hidup"
    assert dlh.categories == (Category.LINGKUNGAN,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", "opd.yaml:1: berkas kosong"), ("opd: [\n", "opd.yaml:2: YAML tidak valid"),
     ("daftar: []\n", "opd.yaml:1: berkas: kunci 'daftar' tidak dikenal")],
    ids=["empty", "not-yaml", "wrong-top-key"],
)  # fmt: skip
def test_a_file_that_is_not_an_opd_list_is_refused(text: str, expected: str) -> None:
    assert problems(text)[0].startswith(expected)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "opd.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bot_keeps_the_good_entries_and_notes_each_dropped_one(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "  - id: dinsos\n    name: Dinas Sosial\n"
                                  "    categories: [sosial]\n")  # fmt: skip
    loaded = load_opd_config(path)
    assert loaded.usable
    assert [o.id for o in loaded.value.opds] == ["pupr", "dinkes"]
    [note] = loaded.notes
    assert note.startswith("opd.yaml:9: OPD 'dinsos' dilewati: kategori 'sosial' tidak dikenal")
    # The same file, same digest: the desk is told once per content (config_files.announce).
    assert load_opd_config(path).digest == loaded.digest


@pytest.mark.parametrize(
    "text",
    ["opd: [\n", "", "opd:\n  - id: X\n    name: X\n    categories: [x]\n"],
    ids=["not-yaml", "empty", "nothing-valid"],
)
def test_a_file_with_nothing_usable_turns_forwarding_off(tmp_path: Path, text: str) -> None:
    loaded = load_opd_config(write(tmp_path, text))
    assert not loaded.usable
    assert loaded.value.opds == ()
    assert loaded.notes
    assert all(n.startswith("opd.yaml:") for n in loaded.notes)


def test_an_empty_list_on_purpose_is_usable(tmp_path: Path) -> None:
    loaded = load_opd_config(write(tmp_path, "opd: []\n"))
    assert loaded.usable
    assert loaded.notes == ()


def test_a_missing_file_is_a_note_not_a_crash(tmp_path: Path) -> None:
    loaded = load_opd_config(tmp_path / "tidak-ada.yaml")
    assert not loaded.usable
    [note] = loaded.notes
    assert note.startswith("tidak-ada.yaml:0: tidak dapat dibaca")
    with pytest.raises(OpdConfigError, match="tidak dapat dibaca"):
        check_opd_config(tmp_path / "tidak-ada.yaml")

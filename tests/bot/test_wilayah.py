"""Tests for the region data of Kapuas Hulu and other regencies (bot.wilayah)."""

import time
from pathlib import Path

import pytest

from bot.wilayah import (
    Desa,
    Kecamatan,
    Region,
    _load_region_cached,
    data_path,
    desa_jenis,
    load_region,
    normalize_name,
)


@pytest.fixture(scope="module")
def kapuas_hulu() -> Region:
    return load_region("61.06")


def test_default_region_is_kapuas_hulu(kapuas_hulu: Region) -> None:
    assert load_region() is kapuas_hulu
    assert kapuas_hulu.kode == "61.06"
    assert kapuas_hulu.nama_kabupaten == "Kabupaten Kapuas Hulu"
    assert kapuas_hulu.nama_provinsi == "Kalimantan Barat"


def test_kapuas_hulu_counts(kapuas_hulu: Region) -> None:
    assert len(kapuas_hulu.kecamatan) == 23
    all_desa = [d for k in kapuas_hulu.kecamatan for d in kapuas_hulu.desa_of(k.kode)]
    assert len(all_desa) == 282
    jenis = [d.jenis for d in all_desa]
    assert jenis.count("desa") == 278
    assert jenis.count("kelurahan") == 4
    assert len({d.kode for d in all_desa}) == 282


def test_kecamatan_are_ordered_by_code(kapuas_hulu: Region) -> None:
    assert kapuas_hulu.kecamatan[0] == Kecamatan("61.06.01", "Putussibau Utara")
    assert kapuas_hulu.kecamatan[-1] == Kecamatan("61.06.23", "Puring Kencana")
    codes = [k.kode for k in kapuas_hulu.kecamatan]
    assert codes == sorted(codes)


def test_desa_of_is_sorted_by_name(kapuas_hulu: Region) -> None:
    desa = kapuas_hulu.desa_of("61.06.10")  # Semitau
    assert len(desa) == 12
    names = [d.nama for d in desa]
    assert names == sorted(names, key=str.casefold)
    assert "Tua' Abang" in names
    assert kapuas_hulu.desa_of("61.06.99") == ()


def test_kelurahan_of_putussibau(kapuas_hulu: Region) -> None:
    kelurahan = {d.nama for d in kapuas_hulu.desa if d.jenis == "kelurahan"}
    assert kelurahan == {"Putussibau Kota", "Hilir Kantor", "Kedamin Hulu", "Kedamin Hilir"}


def test_desa_bunut_hulu_is_in_kecamatan_bunut_hilir(kapuas_hulu: Region) -> None:
    desa = kapuas_hulu.desa_by_code("61.06.05.2002")
    assert desa == Desa("61.06.05.2002", "Bunut Hulu", "61.06.05", "desa")
    assert kapuas_hulu.kecamatan_by_code("61.06.05") == Kecamatan("61.06.05", "Bunut Hilir")
    assert kapuas_hulu.kecamatan_by_code("61.06.06") == Kecamatan("61.06.06", "Bunut Hulu")
    assert kapuas_hulu.find_desa("Bunut Hulu") == [desa]
    assert kapuas_hulu.find_desa("Bunut Hulu", kecamatan_kode="61.06.06") == []


def test_lookup_of_unknown_codes_returns_none(kapuas_hulu: Region) -> None:
    assert kapuas_hulu.desa_by_code("61.06.05.9999") is None
    assert kapuas_hulu.kecamatan_by_code("61.07.01") is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("benua martinus", "Banua Martinus"),
        ("  BANUA   MARTINUS ", "Banua Martinus"),
        ("Ariung Mandalam", "Ariung Mendalam"),
        ("tua abang", "Tua' Abang"),
        ("Tua\u2019 Abang", "Tua' Abang"),
        ("Bakung Permai", "Bakong Permai"),
    ],
)
def test_find_desa_tolerates_variants(kapuas_hulu: Region, typed: str, expected: str) -> None:
    assert [d.nama for d in kapuas_hulu.find_desa(typed)] == [expected]


def test_find_desa_prefers_exact_over_fuzzy(kapuas_hulu: Region) -> None:
    # "Kedamin Hulu" is also within fuzzy distance of "Kedamin Hilir".
    assert [d.nama for d in kapuas_hulu.find_desa("kedamin hulu")] == ["Kedamin Hulu"]


def test_find_desa_unknown_or_empty(kapuas_hulu: Region) -> None:
    assert kapuas_hulu.find_desa("Jakarta Pusat") == []
    assert kapuas_hulu.find_desa("   ") == []


def test_other_regency_loads() -> None:
    pontianak = load_region("61.71")
    assert pontianak.nama_kabupaten == "Kota Pontianak"
    assert pontianak.nama_provinsi == "Kalimantan Barat"
    assert {d.jenis for d in pontianak.desa} == {"kelurahan"}
    assert all(d.kode.startswith("61.71.") for d in pontianak.desa)


def test_names_are_stripped() -> None:
    jakarta_utara = load_region("31.72")
    assert jakarta_utara.nama_kabupaten == "Kota Administrasi Jakarta Utara"


def test_desa_adat_type() -> None:
    jayapura = load_region("91.03")
    adat = [d for d in jayapura.desa if d.jenis == "desa adat"]
    assert len(adat) == 14
    assert all(d.nama.startswith("Desa Adat") for d in adat)


@pytest.mark.parametrize("code", ["6106", "61.6", "61.06.01", "ab.cd", "", " 61.06"])
def test_malformed_code_is_rejected(code: str) -> None:
    with pytest.raises(ValueError, match=r"NN\.NN"):
        load_region(code)


def test_unknown_code_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"Unknown kabupaten code '99\.99'.*NN\.NN"):
        load_region("99.99")


def test_load_is_fast_and_cached() -> None:
    _load_region_cached.cache_clear()
    started = time.perf_counter()
    region = load_region("61.06")
    assert time.perf_counter() - started < 1.0
    assert load_region("61.06") is region


def test_data_path_finds_repo_data() -> None:
    path = data_path("wilayah", "indonesia_desa.csv.gz")
    assert path == Path(__file__).resolve().parents[2] / "data" / "wilayah" / path.name
    with pytest.raises(FileNotFoundError):
        data_path("wilayah", "missing.csv")


def test_desa_jenis_and_normalize_name() -> None:
    assert desa_jenis("61.06.01.1001") == "kelurahan"
    assert desa_jenis("61.06.01.2004") == "desa"
    with pytest.raises(ValueError, match=r"61\.06\.01\.9001"):
        desa_jenis("61.06.01.9001")
    assert normalize_name("  Labian  Ira\u2019ang ") == "labian iraang"

"""Kecamatan and desa of one regency, from the shipped Kepmendagri region list.

``load_region("61.06")`` streams ``data/wilayah/indonesia_desa.csv.gz`` (all of
Indonesia, sorted by code) and keeps only the rows of one kabupaten/kota.
Names are matched fuzzily because users type spelling variants (Benua/Banua).
"""

from __future__ import annotations

import csv
import difflib
import functools
import gzip
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

JenisDesa = Literal["desa", "kelurahan", "desa adat"]

DEFAULT_KABUPATEN = "61.06"  # Kabupaten Kapuas Hulu
WILAYAH_FILE = ("wilayah", "indonesia_desa.csv.gz")
FUZZY_CUTOFF = 0.85

_KABUPATEN_CODE = re.compile(r"\d{2}\.\d{2}")
_JENIS_BY_DIGIT: dict[str, JenisDesa] = {"1": "kelurahan", "2": "desa", "3": "desa adat"}
_APOSTROPHES = re.compile("['\u2019\u2018`]")
_PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Kecamatan:
    """A kecamatan (district) with its Kepmendagri code ``NN.NN.NN``."""

    kode: str
    nama: str


@dataclass(frozen=True, slots=True)
class Desa:
    """A desa, kelurahan or desa adat with its code ``NN.NN.NN.NNNN``."""

    kode: str
    nama: str
    kecamatan_kode: str
    jenis: JenisDesa


@dataclass(frozen=True)
class Region:
    """One kabupaten/kota: its kecamatan and their desa."""

    kode: str
    nama_kabupaten: str
    nama_provinsi: str
    kecamatan: tuple[Kecamatan, ...]
    desa: tuple[Desa, ...] = field(repr=False)

    def desa_of(self, kecamatan_kode: str) -> tuple[Desa, ...]:
        """Return the desa of one kecamatan, sorted by name."""
        found = (d for d in self.desa if d.kecamatan_kode == kecamatan_kode)
        return tuple(sorted(found, key=lambda d: d.nama.casefold()))

    def kecamatan_by_code(self, kode: str) -> Kecamatan | None:
        """Return the kecamatan with this code, or None."""
        return next((k for k in self.kecamatan if k.kode == kode), None)

    def desa_by_code(self, kode: str) -> Desa | None:
        """Return the desa with this code, or None."""
        return next((d for d in self.desa if d.kode == kode), None)

    def find_desa(self, name: str, kecamatan_kode: str | None = None) -> list[Desa]:
        """Find desa by name: exact (normalised) matches first, else close spellings."""
        candidates = [
            d for d in self.desa if kecamatan_kode is None or d.kecamatan_kode == kecamatan_kode
        ]
        wanted = normalize_name(name)
        if not wanted:
            return []
        exact = [d for d in candidates if normalize_name(d.nama) == wanted]
        if exact:
            return exact
        scored = [(_similarity(wanted, normalize_name(d.nama)), d) for d in candidates]
        close = [(score, d) for score, d in scored if score >= FUZZY_CUTOFF]
        close.sort(key=lambda pair: (-pair[0], pair[1].nama))
        return [d for _, d in close]


def normalize_name(name: str) -> str:
    """Normalise a place name for matching: case, spaces and apostrophes."""
    # Users type "Tua Abang", "Tua' Abang" or a typographic apostrophe for the same desa.
    unified = _APOSTROPHES.sub("", name).casefold()
    return " ".join(unified.split())


def _similarity(a: str, b: str) -> float:
    """Return difflib's similarity ratio of two normalised names."""
    return difflib.SequenceMatcher(None, a, b).ratio()


def data_path(*parts: str) -> Path:
    """Locate shipped data: ``bot/_data`` in a wheel, else ``<repo>/data``."""
    for base in (_PACKAGE_DIR / "_data", _PACKAGE_DIR.parent / "data"):
        candidate = base.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"data file not found: {'/'.join(parts)}")


def desa_jenis(kode_desa: str) -> JenisDesa:
    """Return the village type from the first digit of the 4-digit part of its code."""
    digit = kode_desa.rsplit(".", 1)[-1][:1]
    try:
        return _JENIS_BY_DIGIT[digit]
    except KeyError:
        raise ValueError(f"Unknown village type in desa code {kode_desa!r}") from None


def load_region(kode_kabupaten: str = DEFAULT_KABUPATEN) -> Region:
    """Load one kabupaten/kota (code ``NN.NN``, e.g. "61.06") from the national list."""
    # Positional call so that load_region() and load_region("61.06") share a cache entry.
    return _load_region_cached(kode_kabupaten)


@functools.lru_cache(maxsize=8)
def _load_region_cached(kode_kabupaten: str) -> Region:
    """Validate the code, read and assemble the region (cached per code)."""
    if not isinstance(kode_kabupaten, str) or not _KABUPATEN_CODE.fullmatch(kode_kabupaten):
        raise ValueError(
            f"Invalid kabupaten code {kode_kabupaten!r}: expected format NN.NN, e.g. '61.06'"
        )
    rows = _read_rows(kode_kabupaten)
    if not rows:
        raise ValueError(
            f"Unknown kabupaten code {kode_kabupaten!r}: not in the Kepmendagri list "
            "(format NN.NN, e.g. '61.06' Kapuas Hulu)"
        )
    return _build_region(kode_kabupaten, rows)


def _read_rows(kode_kabupaten: str) -> list[list[str]]:
    """Return the CSV rows of one kabupaten, streaming the gzip file."""
    prefix = f"{kode_kabupaten[:2]},"
    needle = f",{kode_kabupaten},"
    rows: list[str] = []
    with gzip.open(data_path(*WILAYAH_FILE), "rt", encoding="utf-8", newline="") as fh:
        next(fh)  # header
        for line in fh:
            # Cheap string test first: the csv module is only used on kept lines.
            if line.startswith(prefix) and needle in line:
                rows.append(line)
            elif rows:
                break  # the file is sorted by code, so the regency's rows are contiguous
    return [row for row in csv.reader(io.StringIO("".join(rows))) if row[2] == kode_kabupaten]


def _build_region(kode: str, rows: list[list[str]]) -> Region:
    """Assemble a Region from the CSV rows of one kabupaten."""
    kecamatan: dict[str, Kecamatan] = {}
    desa: list[Desa] = []
    for *_, kode_kec, nama_kec, kode_desa, nama_desa in rows:
        if kode_kec not in kecamatan:
            kecamatan[kode_kec] = Kecamatan(kode_kec, nama_kec.strip())
        desa.append(Desa(kode_desa, nama_desa.strip(), kode_kec, desa_jenis(kode_desa)))
    first = rows[0]
    return Region(
        kode=kode,
        nama_kabupaten=first[3].strip(),
        nama_provinsi=first[1].strip(),
        kecamatan=tuple(sorted(kecamatan.values(), key=lambda k: k.kode)),
        desa=tuple(desa),
    )

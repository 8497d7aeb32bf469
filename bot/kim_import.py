"""Read Diskominfo's KIM list (CSV) into drafts, reporting every bad row by line number.

Columns (header row required, order free): nama_kim, kode_desa, penerbit_sk, nomor_sk,
tanggal_sk. penerbit_sk is Kepala Desa, Camat or Diskominfo; tanggal_sk like 2025-08-17 or
17/08/2025. Only desa of the configured regency are accepted.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from bot.dates import parse_date_id
from bot.models.registrasi import MAX_NAME, MAX_SK_NUMBER, MIN_NAME, KimDraft
from bot.user_text import clean, clean_text
from bot.wilayah import Region

COLUMNS = ("nama_kim", "kode_desa", "penerbit_sk", "nomor_sk", "tanggal_sk")
REQUIRED = ("nama_kim", "kode_desa")
_PENERBIT = {
    "kepala desa": "kepala_desa",
    "kepala_desa": "kepala_desa",
    "kades": "kepala_desa",
    "camat": "camat",
    "diskominfo": "diskominfo",
}


@dataclass(frozen=True)
class ImportRow:
    """A valid row: where it was, its draft, and the key that makes re-imports idempotent."""

    line: int
    draft: KimDraft
    key: str


@dataclass(frozen=True)
class ImportProblem:
    """A refused row and why."""

    line: int
    reason: str


def import_key(desa_kode: str, nama: str) -> str:
    """The identity of an imported KIM: its desa and its name, normalised."""
    return f"{desa_kode}|{re.sub(r'[^a-z0-9]+', ' ', nama.casefold()).strip()}"


def read_kim_csv(
    text: str, region: Region, today: date
) -> tuple[list[ImportRow], list[ImportProblem]]:
    """Parse and validate the CSV text; returns the good rows and every problem."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [
            ImportProblem(
                1,
                f"kolom wajib tidak ada: {', '.join(missing)} "
                f"(kolom yang dikenal: {', '.join(COLUMNS)})",
            )
        ]
    rows: list[ImportRow] = []
    problems: list[ImportProblem] = []
    seen: dict[str, int] = {}
    for raw in reader:
        line = reader.line_num
        values = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        try:
            draft = _draft(values, region, today)
        except ValueError as error:
            problems.append(ImportProblem(line, str(error)))
            continue
        key = import_key(draft.desa_kode, draft.nama)
        if key in seen:
            problems.append(ImportProblem(line, f"sama dengan baris {seen[key]} (nama dan desa)"))
            continue
        seen[key] = line
        rows.append(ImportRow(line, draft, key))
    return rows, problems


def _draft(values: dict[str, str], region: Region, today: date) -> KimDraft:
    nama = clean_text(values.get("nama_kim", ""), MAX_NAME, min_len=MIN_NAME)
    if nama is None:
        raise ValueError(f"nama_kim harus {MIN_NAME}–{MAX_NAME} karakter")
    nomor = clean(values.get("nomor_sk", ""))
    if len(nomor) > MAX_SK_NUMBER:
        raise ValueError(f"nomor_sk paling banyak {MAX_SK_NUMBER} karakter")
    kode = values.get("kode_desa", "")
    desa = region.desa_by_code(kode)
    if desa is None:
        raise ValueError(
            f"kode_desa {kode!r} tidak dikenal di {region.nama_kabupaten} "
            "(format NN.NN.NN.NNNN, kode Kepmendagri)"
        )
    penerbit_raw = values.get("penerbit_sk", "").casefold()
    penerbit = _PENERBIT.get(penerbit_raw) if penerbit_raw else None
    if penerbit_raw and penerbit is None:
        raise ValueError(
            f"penerbit_sk {values['penerbit_sk']!r} harus Kepala Desa, Camat, atau Diskominfo"
        )
    tanggal = None
    if values.get("tanggal_sk"):
        tanggal = parse_date_id(values["tanggal_sk"], today)
        if tanggal is None or tanggal > today:
            raise ValueError(f"tanggal_sk {values['tanggal_sk']!r} tidak valid atau di masa depan")
    return KimDraft(
        nama=nama,
        desa_kode=desa.kode,
        kecamatan_kode=desa.kecamatan_kode,
        sk_penerbit=penerbit,
        sk_nomor=nomor or None,
        sk_tanggal=tanggal,
    )

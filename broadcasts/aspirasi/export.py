"""The aspirations as CSV rows Diskominfo can re-enter into SP4N-LAPOR! (pure).

One row per ticket, columns in COLUMNS (README, "Ekspor aspirasi"). Who reported is never in
a row unless they chose to be shown: no user id or chat id in any row; a name only for an
identity `tampil` whose reporter has not erased their data (/hapusdata). A name the system
keeps for a `rahasia` ticket is also masked where it appears in the ticket's texts. Cells
that a spreadsheet would read as a formula are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, tzinfo
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.models.aspirasi import Aspiration, Event, Identity, OpdConfig
from bot.wilayah import Region

COLUMNS = (
    "kode", "tanggal_lapor", "kategori", "kecamatan", "desa", "lokasi", "judul", "isi",
    "status", "opd_tujuan", "tanggapan", "tanggal_selesai", "penilaian", "identitas",
    "nama_pelapor", "lewat_kim", "duplikat_dari", "dibuka_ulang", "lampiran",
)  # fmt: skip
TEXT_COLUMNS = ("kecamatan", "desa", "judul", "isi", "opd_tujuan", "tanggapan", "nama_pelapor")
TITLE_LENGTH = 80  # SP4N-LAPOR! asks for a title; the first line of the text, cut short
MASK = "[nama disamarkan]"
STAFF = ("diskominfo", "opd")
WIB = ZoneInfo("Asia/Pontianak")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, str]


def export_rows(
    aspirations: Iterable[Aspiration],
    events: Iterable[Event],
    *,
    tz: tzinfo = WIB,
    region: Region | None = None,
    opds: OpdConfig | None = None,
    known_names: Mapping[int, Sequence[str]] | None = None,
) -> list[Row]:
    """One row per aspiration, in the order given; `events` are their histories (any order).

    Without `region` the kecamatan and desa are their Kepmendagri codes; without `opds`
    the OPD is its id from opd.yaml. `known_names`: the other names the bot knows of a
    reporter (by reporter id: their Telegram name, their name as a KIM member), masked too
    in the texts of a ticket whose reporter is not shown.
    """
    history: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        history[event.aspiration_id].append(event)
    names = known_names or {}
    return [_row(a, sorted(history[a.id], key=lambda e: e.at), tz, region, opds,
                 names.get(a.reporter_id, ()) if a.reporter_id is not None else ())
            for a in aspirations]  # fmt: skip


def write_csv(rows: Iterable[Row], stream: TextIO, *, bom: bool = True) -> int:
    """Write the header and the rows; return how many rows. The stream: text, opened with
    newline="". The byte order mark lets Excel read the letters right (UTF-8)."""
    if bom:
        stream.write("\ufeff")
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, extrasaction="raise")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _safe(v) if k in TEXT_COLUMNS else v for k, v in row.items()})
        count += 1
    return count


def select_period(
    aspirations: Iterable[Aspiration], first: date, last: date, tz: tzinfo = WIB
) -> list[Aspiration]:
    """The aspirations filed from `first` to `last` (inclusive, local dates), by filing time."""
    chosen = [a for a in aspirations if first <= a.created_at.astimezone(tz).date() <= last]
    return sorted(chosen, key=lambda a: (a.created_at, a.code))


def reporter_name(aspiration: Aspiration) -> str:
    """The name a row may carry: only a shown reporter who has not erased their data."""
    shown = aspiration.identity is Identity.SHOWN and aspiration.reporter_id is not None
    return (aspiration.reporter_name or "") if shown else ""


def _row(
    a: Aspiration,
    history: Sequence[Event],
    tz: tzinfo,
    region: Region | None,
    opds: OpdConfig | None,
    known: Sequence[str],
) -> Row:
    mask = _masker(a, known)
    text = mask(a.text)
    return {
        "kode": a.code,
        "tanggal_lapor": a.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        "kategori": a.category.value,
        "kecamatan": _place(a.kecamatan_kode, region, kecamatan=True),
        "desa": _place(a.desa_kode, region, kecamatan=False),
        "lokasi": _location(a),
        "judul": _title(text),
        "isi": text,
        "status": a.status.value,
        "opd_tujuan": _opd(a.opd_id, opds),
        "tanggapan": mask(_answer(history)),
        "tanggal_selesai": _closed_on(a, history, tz),
        "penilaian": str(a.rating) if a.rating is not None else "",
        "identitas": a.identity.value,
        "nama_pelapor": reporter_name(a),
        "lewat_kim": "ya" if a.kim_id is not None else "tidak",
        "duplikat_dari": a.duplicate_of or "",
        "dibuka_ulang": "ya" if a.reopened else "tidak",
        "lampiran": _attachments(a),
    }


def _masker(a: Aspiration, known: Sequence[str] = ()) -> Callable[[str], str]:
    """Mask the names the bot knows of a reporter who is not shown, wherever the texts spell
    them (the longest first, so a full name is masked whole)."""
    names = sorted({n.strip() for n in (a.reporter_name or "", *known) if n.strip()},
                   key=len, reverse=True)  # fmt: skip
    if not names or reporter_name(a):
        return lambda text: text
    words = "|".join(re.escape(name) for name in names)
    pattern = re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)
    return lambda text: pattern.sub(MASK, text)


def _place(code: str | None, region: Region | None, *, kecamatan: bool) -> str:
    if not code:
        return ""
    if region is None:
        return code
    found = region.kecamatan_by_code(code) if kecamatan else region.desa_by_code(code)
    return found.nama if found else code


def _location(a: Aspiration) -> str:
    if a.latitude is None or a.longitude is None:
        return ""
    return f"{a.latitude:.6f},{a.longitude:.6f}"


def _title(text: str) -> str:
    first = " ".join((text.strip().splitlines() or [""])[0].split())
    if len(first) <= TITLE_LENGTH:
        return first
    cut = first[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] or first[: TITLE_LENGTH - 1]
    return f"{cut}…"


def _opd(opd_id: str | None, opds: OpdConfig | None) -> str:
    if not opd_id:
        return ""
    found = opds.get(opd_id) if opds else None
    return found.name if found else opd_id


def _answer(history: Sequence[Event]) -> str:
    """The last note written by the desk or the OPD with a change of status."""
    notes = [e.note for e in history if e.kind == "status" and e.by_role in STAFF and e.note]
    return notes[-1] if notes else ""


def _closed_on(a: Aspiration, history: Sequence[Event], tz: tzinfo) -> str:
    if not a.status.closed:
        return ""
    closing = [e.at for e in history if e.kind == "status" and e.status is a.status]
    return (closing[-1] if closing else a.updated_at).astimezone(tz).strftime("%Y-%m-%d")


def _attachments(a: Aspiration) -> str:
    parts = [f"{len(a.photo_file_ids)} foto"] if a.photo_file_ids else []
    parts += ["pesan suara"] if a.voice_file_id else []
    return ", ".join(parts)


def _safe(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value

"""Row mappers of the implementation tables: database rows in, frozen records out."""

from __future__ import annotations

import json
from datetime import date

import aiosqlite

from bot.models.implementasi import (
    BenefitUnit,
    Harvest,
    Report,
    ReportDraft,
    ReportStatus,
    Source,
    SourceKind,
)
from bot.store.base import from_db_time
from bot.store.people import decision_row

# Reports with their KIM's name, the decider's first name and the photos in order.
REPORT_SELECT = """
    SELECT r.*, k.nama AS kim_nama,
           (SELECT first_name FROM person p WHERE p.user_id = r.decided_by) AS decider,
           (SELECT first_name FROM person p WHERE p.user_id = r.reporter_id) AS reporter_name,
           (SELECT json_group_array(file_id) FROM (SELECT file_id FROM impl_photo
                WHERE report_id = r.id ORDER BY position)) AS photo_ids
    FROM impl_report r JOIN kim k ON k.id = r.kim_id
"""
# The columns a member fills in (a correction rewrites exactly these).
DRAFT_COLUMNS = (
    "judul", "source_kind", "source_id", "source_label", "kegiatan", "dilakukan_pada", "bidang",
    "manfaat_jumlah", "manfaat_satuan", "hasil", "komoditas", "hasil_sebelum", "hasil_sesudah",
    "hasil_satuan", "latitude", "longitude",
)  # fmt: skip


def draft_values(draft: ReportDraft) -> tuple[object, ...]:
    """The DRAFT_COLUMNS values of a draft, in order."""
    source, panen = draft.source, draft.panen
    return (
        draft.judul,
        source.kind.value if source else None,
        source.id if source else None,
        source.label if source else None,
        draft.kegiatan,
        draft.dilakukan_pada.isoformat(),
        draft.bidang,
        draft.manfaat_jumlah,
        draft.manfaat_satuan.value,
        draft.hasil,
        panen.komoditas if panen else None,
        panen.sebelum if panen else None,
        panen.sesudah if panen else None,
        panen.satuan if panen else None,
        draft.latitude,
        draft.longitude,
    )


def _source(row: aiosqlite.Row) -> Source | None:
    if row["source_kind"] is None:
        return None
    return Source(SourceKind(row["source_kind"]), row["source_id"] or 0, row["source_label"] or "")


def _harvest(row: aiosqlite.Row) -> Harvest | None:
    if row["komoditas"] is None:
        return None
    return Harvest(row["komoditas"], row["hasil_sebelum"], row["hasil_sesudah"],
                   row["hasil_satuan"])  # fmt: skip


def report_row(row: aiosqlite.Row) -> Report:
    """A report row (REPORT_SELECT) as a record."""
    submitted = from_db_time(row["submitted_at"])
    assert submitted is not None
    return Report(
        id=row["id"],
        kim_id=row["kim_id"],
        kim_nama=row["kim_nama"],
        reporter_id=row["reporter_id"],
        reporter_name=row["reporter_name"],
        judul=row["judul"],
        source=_source(row),
        kegiatan=row["kegiatan"],
        dilakukan_pada=date.fromisoformat(row["dilakukan_pada"]),
        bidang=row["bidang"],
        manfaat_jumlah=row["manfaat_jumlah"],
        manfaat_satuan=BenefitUnit(row["manfaat_satuan"]),
        hasil=row["hasil"],
        panen=_harvest(row),
        photos=tuple(json.loads(row["photo_ids"] or "[]")),
        latitude=row["latitude"],
        longitude=row["longitude"],
        status=ReportStatus(row["status"]),
        revision=row["revision"],
        fix_reason=row["fix_reason"],
        follow_up_weeks=row["follow_up_weeks"],
        follow_up_at=from_db_time(row["follow_up_at"]),
        group_chat_id=row["group_chat_id"],
        group_message_id=row["group_message_id"],
        submitted_at=submitted,
        decision=decision_row(row, "decided_by", "decided_at", "decider"),
    )

"""Reading Aspirasi's rows: the ticket query with its photos, and rows to records."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.models.aspirasi import Aspiration, Category, Event, Identity, Status
from bot.store.base import from_db_time

SELECT = """
    SELECT a.*, (SELECT group_concat(file_id, ' ') FROM (SELECT file_id FROM aspiration_photo p
                 WHERE p.aspiration_id = a.id ORDER BY position)) AS photos
    FROM aspiration a
"""
OPEN = "a.status NOT IN ('selesai', 'ditolak', 'duplikat')"


def _time(text: str) -> datetime:
    moment = from_db_time(text)
    assert moment is not None
    return moment


def aspiration_row(row: aiosqlite.Row) -> Aspiration:
    """A ticket from a row of SELECT."""
    return Aspiration(
        id=row["id"], code=row["code"], category=Category(row["category"]),
        kecamatan_kode=row["kecamatan_kode"], desa_kode=row["desa_kode"],
        latitude=row["latitude"], longitude=row["longitude"], text=row["text"],
        voice_file_id=row["voice_file_id"], identity=Identity(row["identity"]),
        reporter_id=row["reporter_id"], reporter_name=row["reporter_name"],
        kim_id=row["kim_id"], status=Status(row["status"]), opd_id=row["opd_id"],
        duplicate_of=row["duplicate_of"], rating=row["rating"],
        reopened=bool(row["reopened"]), created_at=_time(row["created_at"]),
        updated_at=_time(row["updated_at"]), due_at=_time(row["due_at"]),
        photo_file_ids=tuple((row["photos"] or "").split()),
    )  # fmt: skip


def event_row(row: aiosqlite.Row) -> Event:
    """A history entry from a row of aspiration_event."""
    status = Status(row["status"]) if row["status"] else None
    return Event(row["aspiration_id"], row["kind"], status, row["note"], row["by_role"],
                 _time(row["at"]), row["opd_id"])  # fmt: skip

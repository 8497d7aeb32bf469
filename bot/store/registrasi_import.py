"""Store methods for Diskominfo's own KIM list, imported from CSV."""

from __future__ import annotations

from typing import Literal

import aiosqlite

from bot.models.registrasi import KimDraft
from bot.store.base import StoreBase, to_db_time, utcnow

ImportOutcome = Literal["added", "updated", "unchanged"]
_FIELDS = ("nama", "sk_penerbit", "sk_nomor", "sk_tanggal")


class ImportStore(StoreBase):
    """Idempotent import: one KIM per (desa, name) key.

    A re-import only refreshes what the list states: the name and the SK fields it fills.
    An empty cell keeps what is stored, and the status, the group (link) and the SK photo
    are never touched, so running the same or an older list again undoes nothing.
    """

    async def import_kim(self, draft: KimDraft, import_key: str) -> ImportOutcome:
        """Insert an imported (already official) KIM, or refresh the SK data the list gives."""
        values = (
            draft.nama,
            draft.sk_penerbit,
            draft.sk_nomor,
            draft.sk_tanggal.isoformat() if draft.sk_tanggal else None,
        )
        async with self.transaction():
            row = await self._one(
                "SELECT nama, sk_penerbit, sk_nomor, sk_tanggal FROM kim WHERE import_key = ?",
                (import_key,),
            )
            now = to_db_time(utcnow())
            if row is None:
                await self._write(
                    """INSERT INTO kim (nama, sk_penerbit, sk_nomor, sk_tanggal, desa_kode,
                           kecamatan_kode, status, source, import_key, created_at, updated_at)
                       VALUES (?, ?, ?, ?, ?, ?, 'terverifikasi', 'import', ?, ?, ?)""",
                    (*values, draft.desa_kode, draft.kecamatan_kode, import_key, now, now),
                )
                return "added"
            if _merged(row, values) == tuple(row):
                return "unchanged"
            await self._write(
                """UPDATE kim SET nama = ?, sk_penerbit = ?, sk_nomor = ?, sk_tanggal = ?,
                       updated_at = ? WHERE import_key = ?""",
                (*_merged(row, values), now, import_key),
            )
            return "updated"


def _merged(row: aiosqlite.Row, values: tuple[str | None, ...]) -> tuple[object, ...]:
    """The stored fields with the list's non-empty values over them."""
    return tuple(
        new if new is not None else row[name] for name, new in zip(_FIELDS, values, strict=True)
    )

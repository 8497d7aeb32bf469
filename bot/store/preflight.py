"""Before the database opens: is KIM_DB_PATH a place SQLite can use? One clear line if not.

SQLite's own errors ("unable to open database file", "file is not a database") name neither
the file nor the fix, and a failure half-way through opening left aiosqlite's thread running,
so the process hung. Here every such problem becomes a `StoreOpenError`: one Indonesian line
that names KIM_DB_PATH and what to do.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


class StoreOpenError(Exception):
    """The database cannot be opened; the message is one line for the operator."""


def check_path(path: Path) -> None:
    """Raise StoreOpenError unless `path` is (or can become) a writable SQLite file."""
    if path.is_dir():
        raise StoreOpenError(
            f"KIM_DB_PATH: {path} adalah folder, bukan berkas basis data; "
            f"isi dengan nama berkas, mis. {path / 'kim.sqlite3'}."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreOpenError(
            f"KIM_DB_PATH: folder {path.parent} tidak bisa dibuat ({_reason(error)}); "
            "pilih lokasi yang bisa ditulis."
        ) from None
    try:
        with path.open("ab+") as file:  # creates an empty file, which SQLite accepts
            file.seek(0)
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreOpenError(
            f"KIM_DB_PATH: berkas {path} tidak bisa dibuka untuk ditulis ({_reason(error)}); "
            "periksa izinnya atau pilih lokasi lain."
        ) from None
    if header and header != SQLITE_HEADER[: len(header)]:
        raise not_a_database(path)


def not_a_database(path: Path) -> StoreOpenError:
    """The error for a file that is not an SQLite database (left untouched)."""
    return StoreOpenError(
        f"KIM_DB_PATH: {path} bukan basis data SQLite (salah berkas, atau rusak); "
        "berkas itu tidak diubah. Periksa KIM_DB_PATH."
    )


def describe(error: sqlite3.Error, path: Path) -> StoreOpenError:
    """SQLite's error while opening or migrating, as one line naming the file."""
    text = str(error)
    if "not a database" in text or "malformed" in text:
        return not_a_database(path)
    if "readonly" in text or "unable to open" in text:
        return StoreOpenError(
            f"KIM_DB_PATH: basis data {path} tidak bisa ditulis ({text}); periksa izin "
            "berkas dan foldernya (SQLite juga menulis berkas -wal di sana)."
        )
    if "locked" in text or "busy" in text:
        return StoreOpenError(
            f"KIM_DB_PATH: basis data {path} sedang dikunci proses lain; coba lagi sebentar."
        )
    return StoreOpenError(f"KIM_DB_PATH: basis data {path} tidak bisa dibuka ({text}).")


def _reason(error: OSError) -> str:
    """The OS's short reason ("Permission denied"), without the path it repeats."""
    return error.strerror or type(error).__name__

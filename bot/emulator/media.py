"""Fake media: a tiny PNG generator and PhotoSize/Document objects for stored files."""

from __future__ import annotations

import struct
import zlib
from typing import Any

from bot.emulator.spec import UploadedFile
from bot.emulator.state import State, StoredFile

PHOTO_SIZES = ((90, 90), (320, 320))


def png(width: int = 4, height: int = 4, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """Return a valid solid-colour PNG image of the given size."""
    row = b"\x00" + bytes(rgb) * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def photo_sizes(state: State, data: bytes | None = None) -> list[dict[str, Any]]:
    """Store a photo in two sizes and return its PhotoSize list, smallest first."""
    sizes = []
    for width, height in PHOTO_SIZES:
        content = data if data is not None and width == PHOTO_SIZES[-1][0] else png(width, height)
        stored = state.store_file(UploadedFile(content, "photo.png", "image/png"), "photo")
        sizes.append(_size(stored, width, height))
    return sizes


def photo_sizes_for(state: State, stored: StoredFile) -> list[dict[str, Any]]:
    """Return a PhotoSize list whose largest entry is an already stored file."""
    thumb = state.store_file(UploadedFile(png(90, 90), "thumb.png", "image/png"), "photo")
    return [_size(thumb, 90, 90), _size(stored, *PHOTO_SIZES[-1])]


def document(stored: StoredFile) -> dict[str, Any]:
    """Return the Document object for a stored file."""
    doc: dict[str, Any] = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
    }
    if stored.file_name:
        doc["file_name"] = stored.file_name
    if stored.mime_type:
        doc["mime_type"] = stored.mime_type
    return doc


def _size(stored: StoredFile, width: int, height: int) -> dict[str, Any]:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "width": width,
        "height": height,
    }

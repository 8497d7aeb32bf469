"""A database with a known month: November 2026 in WIB (UTC+7), and what each KIM did.

KIM Maju (Putussibau Utara, verified June): every activity, items on both sides of the
month's WIB boundaries. KIM Sepi (same kecamatan, verified June): its last act on 20
September, so it turns "tidak aktif" on 19 November. KIM Baru (Bika, verified 20 November):
only received a news item. KIM Nanti (verified in December): not in November's report.
The expected numbers are in MAJU, SEPI, BARU.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from bot.store import Store, to_db_time

WIB = timezone(timedelta(hours=7))
PUTUSSIBAU_UTARA, BIKA = "61.06.01", "61.06.02"
MAJU_CHAT, SEPI_CHAT = -1001, -1002

MAJU = {
    "akses_berita": 2, "akses_diskusi": 1, "diskusi_topik": 2, "diskusi_peserta": 5,
    "diskusi_kesimpulan": 1, "diseminasi_diterima": 2, "diseminasi_konfirmasi": 1,
    "diseminasi_warga": 40, "aspirasi_diajukan": 1, "aspirasi_selesai": 2,
    "implementasi_laporan": 2, "implementasi_terverifikasi": 2, "implementasi_penerima": 30,
    "jaringan_bagikan": 1, "jaringan_acara": 1,
}  # fmt: skip
MAJU_SCORE = (2 * 1 + 2 * 2 + 3 * 1 + 2 * 1 + 2 * 1 + 1 * 2  # akses … aspirasi
              + 3 * 2 + 2 * 2 + 1 * 1 + 2 * 1)  # implementasi, jaringan: 28, aktif  # fmt: skip
SEPI = dict.fromkeys(MAJU, 0)
BARU = SEPI | {"akses_berita": 1}


def wib(text: str) -> str:
    """A WIB wall-clock time ("2026-11-30 23:30") as the store keeps it (UTC)."""
    return to_db_time(datetime.fromisoformat(text).replace(tzinfo=WIB))


async def run(store: Store, sql: str, *params: Any) -> int:
    """Execute one statement on the store's connection; the new row id."""
    cursor = await store._db.execute(sql, params)
    return cursor.lastrowid or 0


async def kim(store: Store, nama: str, desa: str, chat: int | None, verified: str) -> int:
    """A verified KIM."""
    kecamatan = desa.rsplit(".", 1)[0]
    return await run(
        store,
        """INSERT INTO kim (nama, desa_kode, kecamatan_kode, chat_id, status, created_at,
               updated_at, decided_at) VALUES (?, ?, ?, ?, 'terverifikasi', ?, ?, ?)""",
        nama, desa, kecamatan, chat, wib(verified), wib(verified), wib(verified),
    )  # fmt: skip


async def seed(store: Store) -> dict[str, int]:
    """The KIMs and their acts; their ids by name."""
    ids = {
        "maju": await kim(store, "KIM Maju", "61.06.01.2011", MAJU_CHAT, "2026-06-01 09:00"),
        "sepi": await kim(store, "KIM Sepi", "61.06.01.2013", SEPI_CHAT, "2026-06-01 09:00"),
        "baru": await kim(store, "KIM Baru", "61.06.02.2002", None, "2026-11-20 10:00"),
        "nanti": await kim(store, "KIM Nanti", "61.06.02.2008", None, "2026-12-05 10:00"),
    }
    await _akses(store, ids)
    await _diskusi(store, ids["maju"])
    await _diseminasi(store, ids)
    await _aspirasi(store, ids["maju"])
    await _implementasi(store, ids["maju"])
    await _jaringan(store, ids["maju"])
    await store._db.commit()
    return ids


async def _akses(store: Store, ids: dict[str, int]) -> None:
    times = ("2026-10-31 23:30", "2026-11-01 00:10", "2026-11-30 23:30", "2026-12-01 00:10")
    for number, at in enumerate(times, start=1):
        news = await run(
            store,
            """INSERT INTO news_item (source_id, guid, link, title, title_key, summary_html,
                   status, created_at)
               VALUES ('manual', ?, ?, 'Berita', 'berita', '', 'approved', ?)""",
            f"g{number}", f"https://contoh.id/{number}", wib(at),
        )  # fmt: skip
        await run(store, "INSERT INTO news_delivery VALUES (?, ?, 'digest', ?)",
                  news, ids["maju"], wib(at))  # fmt: skip
    await run(store, "INSERT INTO news_delivery VALUES (2, ?, 'digest', ?)",
              ids["baru"], wib("2026-11-21 08:00"))  # fmt: skip


async def _diskusi(store: Store, maju: int) -> None:
    rows = (  # origin, opened, participants, closed with a conclusion
        ("berita:2", "2026-11-10 09:00", 3, "2026-11-12 10:00"),
        ("pesan:5", "2026-11-30 23:30", 2, None),
        ("pesan:6", "2026-12-01 00:10", 4, None),
    )
    for origin, opened, participants, closed in rows:
        await run(
            store,
            """INSERT INTO discussion (kim_id, title, origin, opened_at, last_activity_at,
                   participants, status, closed_at, close_reason)
               VALUES (?, 'Topik', ?, ?, ?, ?, ?, ?, ?)""",
            maju, origin, wib(opened), wib(closed or opened), participants,
            "closed" if closed else "open", closed and wib(closed), closed and "conclusion",
        )  # fmt: skip


async def _diseminasi(store: Store, ids: dict[str, int]) -> None:
    now = wib("2026-09-01 08:00")
    broadcast = await run(
        store,
        """INSERT INTO broadcast (created_by, content_kind, target_kind, schedule_kind,
               created_at, updated_at) VALUES (1, 'text', 'all', 'once', ?, ?)""",
        now, now,
    )  # fmt: skip
    deliveries = (("maju", "2026-11-02 08:00"), ("maju", "2026-11-30 23:59"),
                  ("maju", "2026-12-01 00:01"), ("sepi", "2026-09-20 08:00"))  # fmt: skip
    for run_no, (who, at) in enumerate(deliveries, start=1):
        run_id = await run(
            store,
            """INSERT INTO broadcast_run (broadcast_id, run_no, scheduled_for, started_at)
               VALUES (?, ?, ?, ?)""",
            broadcast, run_no, wib(at), wib(at),
        )  # fmt: skip
        await run(store, "INSERT INTO broadcast_delivery (run_id, kim_id, chat_id, sent_at) "
                  "VALUES (?, ?, 0, ?)", run_id, ids[who], wib(at))  # fmt: skip
        if run_no in (1, 4):  # Maju confirms its first, Sepi its only one (its last act)
            await run(store, "INSERT INTO receipt VALUES (?, ?, ?, 'lisan', 1, ?)",
                      run_id, ids[who], 40 if who == "maju" else 7, wib(at))  # fmt: skip


async def _aspirasi(store: Store, maju: int) -> None:
    rows = (("2611", 1, "2026-11-15 10:00", "2026-11-20 10:00"),
            ("2610", 1, "2026-10-28 10:00", "2026-11-02 10:00"),
            ("2612", 1, "2026-12-01 00:10", None))  # fmt: skip
    for month, seq, filed, resolved in rows:
        aspiration = await run(
            store,
            """INSERT INTO aspiration (code, month, seq, category, text, identity, kim_id,
                   status, created_at, updated_at, due_at)
               VALUES (?, ?, ?, 'lainnya', 'Jalan rusak', 'anonim', ?, ?, ?, ?, ?)""",
            f"ASP-{month}-{seq:04d}", month, seq, maju, "selesai" if resolved else "diterima",
            wib(filed), wib(filed), wib(filed),
        )  # fmt: skip
        if resolved:
            await run(store, """INSERT INTO aspiration_event (aspiration_id, kind, status,
                          by_role, at) VALUES (?, 'status', 'selesai', 'diskominfo', ?)""",
                      aspiration, wib(resolved))  # fmt: skip


async def _implementasi(store: Store, maju: int) -> None:
    rows = (  # submitted, people or households, status, decided
        ("2026-11-05 10:00", 30, "orang", "terverifikasi", "2026-11-06 10:00"),
        ("2026-11-30 23:30", 12, "kk", "tindak_lanjut", "2026-12-01 00:10"),
        ("2026-10-31 23:30", 10, "orang", "terverifikasi", "2026-11-01 00:10"),
    )
    for submitted, amount, unit, status, decided in rows:
        await run(
            store,
            """INSERT INTO impl_report (kim_id, reporter_id, judul, kegiatan, dilakukan_pada,
                   bidang, manfaat_jumlah, manfaat_satuan, hasil, status, decided_by,
                   decided_at, created_at, submitted_at)
               VALUES (?, 1, 'Demplot', 'Tanam', '2026-10-01', 'pertanian', ?, ?, 'Baik', ?, 1,
                   ?, ?, ?)""",
            maju, amount, unit, status, wib(decided), wib(submitted), wib(submitted),
        )  # fmt: skip


async def _jaringan(store: Store, maju: int) -> None:
    # Report 1's story approved in November; report 3's declined (not counted).
    for report, status, decided in ((1, "disetujui", "2026-11-07 09:00"),
                                    (3, "ditolak", "2026-11-08 09:00")):  # fmt: skip
        await run(
            store,
            """INSERT INTO impl_share (report_id, scope, status, requested_by, requested_at,
                   decided_by, decided_at) VALUES (?, 'semua', ?, 1, ?, 1, ?)""",
            report, status, wib("2026-11-06 12:00"), wib(decided),
        )  # fmt: skip
    # Maju's own events: one held in November, one just after midnight into December;
    # Diskominfo's own event (no owner) counts for no KIM.
    for owner, mulai in ((maju, "2026-11-25 09:00"), (maju, "2026-12-01 00:10"),
                         (None, "2026-11-26 09:00")):  # fmt: skip
        await run(
            store,
            """INSERT INTO agenda (judul, jenis, mulai, tempat, scope, owner_kim_id,
                   created_by, remind_at, created_at)
               VALUES ('Rapat', 'pertemuan', ?, 'Balai desa', 'semua', ?, 1, ?, ?)""",
            wib(mulai), owner, wib(mulai), wib("2026-11-01 09:00"),
        )  # fmt: skip

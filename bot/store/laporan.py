"""Laporan's queries: each ADINDA activity counts its own measures through one `Source`.

A source is two queries over the activity's own tables: `counts` (kim_id and one column per
measure, for [:start, :end)) and `acts` (kim_id, at: each time the KIM itself did something,
for its last activity). SOURCES lists the registered ones; an activity without a source is
"not recorded" in the report (see README, "Laporan").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.models.laporan import MonthCounts, ReportKim
from bot.store.base import StoreBase, from_db_time, to_db_time


@dataclass(frozen=True)
class Source:
    """How one activity is counted: its measures and its two queries."""

    activity: str
    measures: tuple[str, ...]
    counts: str  # SELECT kim_id, <measure>... for :start <= time < :end, GROUP BY kim_id
    acts: str  # SELECT kim_id, at: the KIM's own acts (times as stored)


AKSES = Source(
    "akses",
    ("akses_berita", "akses_diskusi"),
    """SELECT kim_id, SUM(b) AS akses_berita, SUM(d) AS akses_diskusi FROM (
         SELECT kim_id, 1 AS b, 0 AS d FROM news_delivery
          WHERE delivered_at >= :start AND delivered_at < :end
         UNION ALL
         SELECT kim_id, 0, 1 FROM discussion
          WHERE origin LIKE 'berita:%' AND opened_at >= :start AND opened_at < :end
       ) GROUP BY kim_id""",
    "SELECT kim_id, confirmed_at AS at FROM news_dissemination",
)
DISKUSI = Source(
    "diskusi",
    ("diskusi_topik", "diskusi_peserta", "diskusi_kesimpulan"),
    """SELECT kim_id, SUM(t) AS diskusi_topik, SUM(p) AS diskusi_peserta,
              SUM(k) AS diskusi_kesimpulan FROM (
         SELECT kim_id, 1 AS t, participants AS p, 0 AS k FROM discussion
          WHERE opened_at >= :start AND opened_at < :end
         UNION ALL
         SELECT kim_id, 0, 0, 1 FROM discussion
          WHERE close_reason = 'conclusion' AND closed_at >= :start AND closed_at < :end
       ) GROUP BY kim_id""",
    """SELECT kim_id, opened_at AS at FROM discussion
       UNION ALL SELECT kim_id, last_activity_at FROM discussion
       UNION ALL SELECT kim_id, closed_at FROM discussion WHERE close_reason = 'conclusion'""",
)
DISEMINASI = Source(
    "diseminasi",
    ("diseminasi_diterima", "diseminasi_konfirmasi", "diseminasi_warga"),
    """SELECT kim_id, SUM(r) AS diseminasi_diterima, SUM(c) AS diseminasi_konfirmasi,
              SUM(w) AS diseminasi_warga FROM (
         SELECT kim_id, 1 AS r, 0 AS c, 0 AS w FROM broadcast_delivery
          WHERE sent_at >= :start AND sent_at < :end
         UNION ALL
         SELECT kim_id, 0, 1, citizens FROM receipt
          WHERE confirmed_at >= :start AND confirmed_at < :end
       ) GROUP BY kim_id""",
    "SELECT kim_id, confirmed_at AS at FROM receipt",
)
ASPIRASI = Source(
    "aspirasi",
    ("aspirasi_diajukan", "aspirasi_selesai"),
    """SELECT kim_id, SUM(f) AS aspirasi_diajukan, SUM(s) AS aspirasi_selesai FROM (
         SELECT kim_id, 1 AS f, 0 AS s FROM aspiration
          WHERE kim_id IS NOT NULL AND created_at >= :start AND created_at < :end
         UNION ALL
         SELECT a.kim_id, 0, 1 FROM aspiration a
           JOIN aspiration_event e ON e.aspiration_id = a.id
          WHERE a.kim_id IS NOT NULL AND e.kind = 'status' AND e.status = 'selesai'
            AND e.at >= :start AND e.at < :end
       ) GROUP BY kim_id""",
    "SELECT kim_id, created_at AS at FROM aspiration WHERE kim_id IS NOT NULL",
)
IMPLEMENTASI = Source(
    "implementasi",
    ("implementasi_laporan", "implementasi_terverifikasi", "implementasi_penerima"),
    # Reports sent in the month and the people they reached (households and hectares stay in
    # the reports themselves: they do not add up with people); reports the desk verified in
    # the month ("Tindak lanjut dalam N minggu" is a verification with a follow-up).
    """SELECT kim_id, SUM(r) AS implementasi_laporan, SUM(v) AS implementasi_terverifikasi,
              SUM(p) AS implementasi_penerima FROM (
         SELECT kim_id, 1 AS r, 0 AS v,
                CASE manfaat_satuan WHEN 'orang' THEN CAST(manfaat_jumlah AS INTEGER)
                     ELSE 0 END AS p
           FROM impl_report WHERE submitted_at >= :start AND submitted_at < :end
         UNION ALL
         SELECT kim_id, 0, 1, 0 FROM impl_report
          WHERE status IN ('terverifikasi', 'tindak_lanjut')
            AND decided_at >= :start AND decided_at < :end
       ) GROUP BY kim_id""",
    "SELECT kim_id, submitted_at AS at FROM impl_report",
)
JARINGAN = Source(
    "jaringan",
    ("jaringan_bagikan", "jaringan_acara"),
    # Stories of the KIM that the desk approved for the network in the month; events the KIM
    # itself put on the agenda that took place in the month.
    """SELECT kim_id, SUM(s) AS jaringan_bagikan, SUM(e) AS jaringan_acara FROM (
         SELECT r.kim_id, 1 AS s, 0 AS e FROM impl_share sh
           JOIN impl_report r ON r.id = sh.report_id
          WHERE sh.status = 'disetujui' AND sh.decided_at >= :start AND sh.decided_at < :end
         UNION ALL
         SELECT owner_kim_id, 0, 1 FROM agenda
          WHERE owner_kim_id IS NOT NULL AND mulai >= :start AND mulai < :end
       ) GROUP BY kim_id""",
    """SELECT r.kim_id, sh.requested_at AS at FROM impl_share sh
         JOIN impl_report r ON r.id = sh.report_id
       UNION ALL SELECT owner_kim_id, created_at FROM agenda WHERE owner_kim_id IS NOT NULL
       UNION ALL SELECT from_kim_id, created_at FROM contact_request
       UNION ALL SELECT to_kim_id, decided_at FROM contact_request WHERE decided_at IS NOT NULL""",
)
SOURCES: list[Source] = [AKSES, DISKUSI, IMPLEMENTASI, JARINGAN, DISEMINASI, ASPIRASI]


class ActivityReportStore(StoreBase):
    """What the report counts: verified KIMs, each source's measures, last activities."""

    async def report_kims(self, until: datetime) -> list[ReportKim]:
        """The KIMs verified (or imported) before `until`, by kecamatan and name."""
        rows = await self._all(
            """SELECT id, nama, desa_kode, kecamatan_kode, chat_id,
                      COALESCE(decided_at, created_at) AS since
                 FROM kim WHERE status = 'terverifikasi'
                  AND COALESCE(decided_at, created_at) < ?
                ORDER BY kecamatan_kode, nama COLLATE NOCASE, id""",
            (to_db_time(until),),
        )
        return [ReportKim(r["id"], r["nama"], r["desa_kode"], r["kecamatan_kode"], r["chat_id"],
                          _time(r["since"])) for r in rows]  # fmt: skip

    async def month_counts(self, start: datetime, end: datetime) -> MonthCounts:
        """Every registered source's measures per KIM for [start, end), and each KIM's last
        own activity before `end`."""
        window = {"start": to_db_time(start), "end": to_db_time(end)}
        counts: dict[int, dict[str, int]] = {}
        for source in SOURCES:
            for row in await self._all(source.counts, window):
                values = counts.setdefault(row["kim_id"], {})
                values.update({m: int(row[m] or 0) for m in source.measures})
        return MonthCounts(counts, frozenset(s.activity for s in SOURCES),
                           await self.last_activities(end))  # fmt: skip

    async def last_activities(self, before: datetime) -> dict[int, datetime]:
        """Each KIM's last own act (any registered source) before `before`."""
        union = " UNION ALL ".join(f"SELECT kim_id, at FROM ({s.acts})" for s in SOURCES)
        rows = await self._all(
            f"SELECT kim_id, MAX(at) AS last FROM ({union}) "  # constants only
            "WHERE at IS NOT NULL AND at < ? GROUP BY kim_id",
            (to_db_time(before),),
        )
        return {r["kim_id"]: _time(r["last"]) for r in rows}

    async def outbox_batch_exists(self, kind: str, item: str) -> bool:
        """Whether a batch (kind, item) was ever queued (a report goes out once)."""
        row = await self._one("SELECT 1 FROM outbox_batch WHERE kind = ? AND item = ?",
                              (kind, item))  # fmt: skip
        return row is not None


def _time(text: str) -> datetime:
    moment = from_db_time(text)
    assert moment is not None
    return moment

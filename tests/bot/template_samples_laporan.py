"""Template samples of Laporan: the summary, captions, the desk's list, nudges, /profil."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from bot.models.registrasi import MAX_NAME
from handlers.laporan import labels
from tests.bot.hostile import Hostile

Samples = dict[str, st.SearchStrategy[Any]]
KECAMATAN_NAME = 40
ACTIVITY_LINE = 160  # "berita diterima 123456 · didiskusikan 12" and its like


def laporan_samples(h: Hostile) -> Samples:
    """Month names, scopes, counts, and the per-activity lines (None: not recorded)."""
    number = st.integers(0, 10**6)
    label = st.sampled_from(list(labels.MEASURE.values()))
    return {
        "bulan": st.sampled_from(["November 2026", "2026-11", "September 2026"]),
        "cakupan": h.text(MAX_NAME + KECAMATAN_NAME + 3),
        "jumlah_kim": number, "aktif": number, "kurang": number, "tidak": number,
        "skor": number,
        "baris": h.items(st.tuples(st.sampled_from(list(labels.ACTIVITY.values())),
                                   st.none() | h.text(ACTIVITY_LINE)), 6),
        # The job splits a longer list over several messages (split_html).
        "kelompok": h.items(st.tuples(h.text(KECAMATAN_NAME), h.items(h.text(MAX_NAME), 5)), 3),
        "angka": h.items(st.tuples(label, number), len(labels.MEASURE)),
        "keaktifan": st.sampled_from(list(labels.STATUS.values())),
    }  # fmt: skip

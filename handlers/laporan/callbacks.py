"""Laporan's callback data, spelled in one place (see handlers/common/codec.py).

lap:bulan:<YYYY-MM> the month; lap:semua every KIM; lap:kec:<kode> a kecamatan (then its
KIMs); lap:seluruh:<kode> the whole kecamatan; lap:kim:<id> one KIM; lap:batal cancel.
"""

from __future__ import annotations

from handlers.common.codec import ID, Codec

MONTH_VALUE = r"\d{4}-\d{2}"
KODE = r"\d{2}\.\d{2}\.\d{2}"

LAPORAN = Codec("lap")
MONTH = LAPORAN.action("bulan", MONTH_VALUE)
ALL = LAPORAN.action("semua")
KECAMATAN = LAPORAN.action("kec", KODE)
WHOLE = LAPORAN.action("seluruh", KODE)
KIM = LAPORAN.action("kim", ID)
CANCEL = LAPORAN.action("batal")

"""The export for SP4N-LAPOR!: the documented columns, and never a hidden reporter.

The property: whatever the tickets, their texts and histories, no reporter's Telegram id
ever appears, and no name of a rahasia or anonim reporter (or of one who erased their data),
not even where the reporter spelled it in their own text. Names carry a marker (☃) that no
other generated text has, and ids have ten digits or more, which no other column can hold.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.models.aspirasi import Aspiration, Category, Event, Identity, Opd, OpdConfig, Status
from bot.wilayah import load_region
from broadcasts.aspirasi.export import (
    COLUMNS,
    MASK,
    Row,
    export_rows,
    select_period,
    write_csv,
)
from tests.aspirasi_periphery.factories import BASE, WIB, event, ticket, wib
from tests.bot.hostile import PIECES

ROOT = Path(__file__).resolve().parents[2]
MARK = "☃"
DIGITS = "0123456789"


def csv_text(rows: list[Row]) -> str:
    stream = io.StringIO(newline="")
    write_csv(rows, stream)
    return stream.getvalue()


def cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def one_row(aspiration: Aspiration, events: list[Event] | None = None, **kw: Any) -> Row:
    [row] = export_rows([aspiration], events or [], **kw)
    return row


def test_the_columns_are_the_documented_ones_in_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Ekspor aspirasi", 1)[1].split("\n#", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)`", section, flags=re.M)
    assert tuple(documented) == COLUMNS
    [header] = csv.reader(io.StringIO(csv_text([]).removeprefix("\ufeff")))
    assert tuple(header) == COLUMNS


def test_a_shown_reporter_is_named_and_no_id_is_written() -> None:
    row = one_row(ticket())
    assert row["nama_pelapor"] == "Budi Santoso"
    assert row["identitas"] == "tampil"
    assert str(BASE.reporter_id) not in csv_text([row])


def test_an_erased_reporter_is_named_nowhere() -> None:
    erased = ticket(reporter_id=None)  # /hapusdata; a stale name must not come back
    assert one_row(erased)["nama_pelapor"] == ""
    assert "Budi" not in csv_text([one_row(erased)])


def test_a_confidential_name_is_masked_even_in_the_reporters_own_text() -> None:
    hidden = ticket(
        identity=Identity.CONFIDENTIAL,
        text="Saya budi santoso, warga RT 3. Jalan rusak di depan rumah Budi Santoso.",
    )
    answer = event(hidden, Status.DONE, wib(2026, 11, 9), "Sudah diperbaiki, Pak Budi Santoso.")
    row = one_row(hidden, [answer])
    assert row["nama_pelapor"] == ""
    assert row["isi"] == f"Saya {MASK}, warga RT 3. Jalan rusak di depan rumah {MASK}."
    assert row["tanggapan"] == f"Sudah diperbaiki, Pak {MASK}."
    assert "Budi" not in csv_text([row])
    # Only the whole name: a village called Budiman stays.
    assert one_row(replace(hidden, text="Desa Budi Santosoan"))["isi"] == "Desa Budi Santosoan"


def test_an_anonymous_ticket_has_no_name() -> None:
    row = one_row(ticket(identity=Identity.ANONYMOUS, reporter_name=None))
    assert row["nama_pelapor"] == ""
    assert row["identitas"] == "anonim"


def test_places_opd_dates_and_the_answer() -> None:
    region = load_region("61.06")
    kecamatan = region.kecamatan[0]
    desa = region.desa_of(kecamatan.kode)[0]
    done = ticket(kecamatan_kode=kecamatan.kode, desa_kode=desa.kode, latitude=0.8712345,
                  longitude=112.93, status=Status.DONE, opd_id="pupr", rating=4,
                  created_at=datetime(2026, 11, 2, 17, 30, tzinfo=UTC),  # 3 Nov, 00:30 WIB
                  photo_file_ids=("a", "b"), voice_file_id="v", kim_id=7)  # fmt: skip
    history = [
        event(done, Status.DONE, datetime(2026, 11, 20, 18, 0, tzinfo=UTC), "Selesai lagi."),
        event(done, Status.VERIFIED, wib(2026, 11, 3), "Benar, sudah dicek."),
        event(done, None, wib(2026, 11, 4), "Di RT berapa?", kind="question"),
        event(done, None, wib(2026, 11, 4), "RT 3, Pak.", by_role="warga", kind="answer"),
        event(done, Status.DONE, wib(2026, 11, 10), "Jalan sudah ditimbun.", by_role="opd"),
    ]
    opds = OpdConfig((Opd("pupr", "Dinas PUPR", None, (Category.INFRASTRUKTUR,)),))
    row = one_row(done, history, region=region, opds=opds)
    assert row["tanggal_lapor"] == "2026-11-03 00:30"
    assert (row["kecamatan"], row["desa"]) == (kecamatan.nama, desa.nama)
    assert row["lokasi"] == "0.871235,112.930000"
    assert row["opd_tujuan"] == "Dinas PUPR"
    assert row["tanggapan"] == "Selesai lagi."  # the last one, by time
    assert row["tanggal_selesai"] == "2026-11-21"  # in WIB
    assert (row["penilaian"], row["lewat_kim"], row["lampiran"]) == (
        "4",
        "ya",
        "2 foto, pesan suara",
    )
    bare = one_row(ticket())
    assert (bare["kecamatan"], bare["opd_tujuan"], bare["tanggal_selesai"]) == ("61.06.01", "", "")


def test_a_long_text_gets_a_short_title() -> None:
    text = "Mohon perbaikan jembatan gantung " * 10 + "\nbaris kedua"
    title = one_row(ticket(text=text))["judul"]
    assert len(title) <= 80
    assert title.endswith("…")
    assert text.startswith(title.removesuffix("…"))


def test_a_cell_that_would_run_as_a_formula_is_defused() -> None:
    row = one_row(ticket(text='=HYPERLINK("http://jahat.example","klik")'))
    [read] = cells(csv_text([row]))
    assert read["isi"] == "'" + row["isi"]
    assert read["kode"] == row["kode"]


def test_write_csv_starts_with_the_utf8_mark_for_excel() -> None:
    text = csv_text([one_row(ticket(text="Sinyal di Nanga Embaloh hilang, mohon menara."))])
    assert text.startswith("\ufeffkode,tanggal_lapor,")
    stream = io.StringIO(newline="")
    assert write_csv([], stream, bom=False) == 0
    assert stream.getvalue().startswith("kode,")


def test_the_period_is_in_local_dates_and_sorted() -> None:
    late = ticket(2, created_at=datetime(2026, 10, 31, 17, 30, tzinfo=UTC))  # 1 Nov WIB
    early = ticket(1, created_at=datetime(2026, 10, 31, 16, 30, tzinfo=UTC))  # 31 Oct WIB
    last = ticket(3, created_at=wib(2026, 11, 30, 23, 59))
    chosen = select_period([last, late, early], date(2026, 11, 1), date(2026, 11, 30), WIB)
    assert [a.code for a in chosen] == [late.code, last.code]


# The property ---------------------------------------------------------------------------

_plain = st.characters(codec="utf-8", exclude_characters=MARK + DIGITS)
_pieces = st.sampled_from([p for p in PIECES if MARK not in p])
TEXT = st.lists(_pieces | st.text(_plain, max_size=12), max_size=12).map("".join)
NAMES = st.text(_plain, min_size=1, max_size=64).map(lambda body: f"{MARK}{body}{MARK}")


@st.composite
def tickets(draw: st.DrawFn) -> tuple[list[Aspiration], list[Event]]:
    names = draw(st.lists(NAMES, min_size=1, max_size=6, unique=True))
    found: list[Aspiration] = []
    events: list[Event] = []
    for number, name in enumerate(names, 1):
        aspiration = _ticket(draw, number, name)
        found.append(aspiration)
        for _ in range(draw(st.integers(0, 3))):
            note = _with_name(draw, draw(TEXT), name)
            status = draw(st.none() | st.sampled_from(Status))
            role = draw(st.sampled_from(["warga", "diskominfo", "opd", "sistem"]))
            events.append(event(aspiration, status, wib(2026, 11, 5), note, role))
    return found, events


def _ticket(draw: st.DrawFn, number: int, name: str) -> Aspiration:
    return ticket(
        number,
        identity=draw(st.sampled_from(Identity)),
        reporter_id=draw(st.none() | st.integers(10**9, 10**13)),
        reporter_name=draw(st.none() | st.just(name)),
        text=_with_name(draw, draw(TEXT), name),
        status=draw(st.sampled_from(Status)),
        opd_id=draw(st.none() | st.text("abcdefghij", min_size=1, max_size=20)),
        rating=draw(st.none() | st.integers(1, 5)),
        latitude=draw(st.none() | st.floats(-90, 90)),
        longitude=draw(st.floats(-180, 180)),
        kim_id=draw(st.none() | st.integers(1, 999)),
        duplicate_of=draw(st.none() | st.just("ASP-2610-0001")),
    )


def _with_name(draw: st.DrawFn, text: str, name: str) -> str:
    """Sometimes the reporter spells their own name in the text, as a word of its own."""
    if not draw(st.booleans()):
        return text
    at = draw(st.integers(0, len(text)))
    return f"{text[:at]} {name} {text[at:]}"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tickets())
def test_no_hidden_reporter_ever_appears_in_the_export(
    data: tuple[list[Aspiration], list[Event]],
) -> None:
    aspirations, events = data
    text = csv_text(export_rows(aspirations, events))
    written = "\n".join(v for row in cells(text) for v in row.values())
    for aspiration in aspirations:
        assert aspiration.reporter_id is None or str(aspiration.reporter_id) not in text
        hidden = aspiration.identity is not Identity.SHOWN or aspiration.reporter_id is None
        if aspiration.reporter_name and hidden:
            assert aspiration.reporter_name not in text
            assert aspiration.reporter_name not in written  # "" quoting hides nothing

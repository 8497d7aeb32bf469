"""Implementation reports in the Store: photos in order, one decision, a correction, follow-ups."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.models.implementasi import (
    BenefitUnit,
    Harvest,
    ReportCard,
    ReportDraft,
    ReportStatus,
    Source,
    SourceKind,
    format_number,
)
from bot.models.registrasi import KimDraft, KimStatus
from bot.store import Store

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
KIM = KimDraft("KIM Maju", "61.06.05.2002", "61.06.05", "kepala_desa", "12/2025", date(2025, 8, 17))


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.connect(tmp_path / "kim.sqlite3")
    yield store
    await store.close()


async def a_kim(store: Store) -> int:
    kim = await store.register_kim(KIM, -4001, 7)
    await store.decide_kim(kim.id, KimStatus.VERIFIED, 1)
    return kim.id


def draft(kim_id: int, **changes: object) -> ReportDraft:
    base = ReportDraft(
        kim_id=kim_id, reporter_id=7, judul="Tanam padi jajar legowo",
        source=Source(SourceKind.NEWS, 3, "Cara tanam jajar legowo", NOW),
        kegiatan="Demplot 1 ha bersama kelompok tani", dilakukan_pada=date(2026, 2, 10),
        bidang="pertanian", manfaat_jumlah=25, manfaat_satuan=BenefitUnit.HOUSEHOLDS,
        hasil="Panen naik", panen=Harvest("Padi", 2.5, 3.1, "ton/ha"),
        photos=("f-1", "f-2", "f-3"), latitude=0.87, longitude=112.93,
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


async def test_a_report_keeps_everything_and_its_photos_in_order(store: Store) -> None:
    kim_id = await a_kim(store)
    report = await store.add_report(draft(kim_id), NOW)
    assert report.status == ReportStatus.PENDING
    assert report.photos == ("f-1", "f-2", "f-3")
    assert report.panen == Harvest("Padi", 2.5, 3.1, "ton/ha")
    assert report.panen.change_percent == 24
    assert report.source is not None
    assert report.source.label == "Cara tanam jajar legowo"
    assert report.kim_nama == "KIM Maju"
    assert report.located
    assert report.manfaat == "25"
    plain = await store.add_report(draft(kim_id, source=None, panen=None, photos=()), NOW)
    assert (plain.source, plain.panen, plain.photos) == (None, None, ())
    assert await store.count_kim_reports(kim_id) == 2
    assert [r.id for r in await store.kim_reports(kim_id, 10)] == [plain.id, report.id]


async def test_a_report_is_decided_once(store: Store) -> None:
    report = await store.add_report(draft(await a_kim(store)), NOW)
    decided = await store.decide_report(report.id, ReportStatus.VERIFIED, 5, NOW)
    assert decided is not None
    assert decided.decision is not None
    assert (decided.decision.by, decided.decision.at) == (5, NOW)
    assert await store.decide_report(report.id, ReportStatus.FIX, 6, NOW, reason="x") is None


async def test_a_correction_replaces_the_report_and_waits_again(store: Store) -> None:
    report = await store.add_report(draft(await a_kim(store)), NOW)
    fixed = draft(report.kim_id, kegiatan="Demplot 2 ha", photos=("f-9",))
    assert await store.resubmit_report(report.id, fixed, NOW) is None  # not sent back yet
    await store.decide_report(report.id, ReportStatus.FIX, 5, NOW, reason="Foto kurang jelas")
    later = NOW + timedelta(days=1)
    again = await store.resubmit_report(report.id, fixed, later)
    assert again is not None
    assert (again.status, again.revision, again.kegiatan) == (
        ReportStatus.PENDING,
        1,
        "Demplot 2 ha",
    )
    assert again.photos == ("f-9",)
    assert again.submitted_at == later
    assert again.decision is None


async def test_a_follow_up_is_claimed_once_when_due(store: Store) -> None:
    report = await store.add_report(draft(await a_kim(store)), NOW)
    due = NOW + timedelta(weeks=2)
    await store.decide_report(report.id, ReportStatus.FOLLOW_UP, 5, NOW, follow_up=(2, due))
    [pending] = await store.pending_follow_ups()
    assert (pending.follow_up_weeks, pending.follow_up_at) == (2, due)
    assert await store.claim_follow_up(report.id, due - timedelta(seconds=1)) is None
    assert await store.claim_follow_up(report.id, due) is not None
    assert await store.claim_follow_up(report.id, due) is None
    assert await store.pending_follow_ups() == []


async def test_cards_are_handed_out_once_per_kind(store: Store) -> None:
    report = await store.add_report(draft(await a_kim(store)), NOW)
    await store.remember_report_card(report.id, "laporan", ReportCard(-100, 5), NOW)
    await store.remember_report_card(report.id, "bagikan", ReportCard(-100, 9), NOW)
    assert await store.take_report_cards(report.id, "laporan") == [ReportCard(-100, 5)]
    assert await store.take_report_cards(report.id, "laporan") == []
    assert await store.take_report_cards(report.id, "bagikan") == [ReportCard(-100, 9)]


async def test_sources_are_what_reached_the_kim(store: Store) -> None:
    kim_id = await a_kim(store)
    assert await store.news_sources(kim_id, NOW - timedelta(days=60), 5) == []
    assert await store.broadcast_sources(kim_id, NOW - timedelta(days=60), 5) == []
    assert await store.discussion_sources(kim_id, NOW - timedelta(days=60), 5) == []


def test_numbers_are_written_the_indonesian_way() -> None:
    assert format_number(1250) == "1.250"
    assert format_number(2.5) == "2,5"
    assert format_number(1234.567) == "1.234,57"
    assert format_number(3) == "3"

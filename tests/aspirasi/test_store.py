"""The Aspirasi store against a real SQLite file: codes, limits, the lifecycle, erasure."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.models.aspirasi import (
    AspirationRefused,
    Category,
    Identity,
    NewAspiration,
    Status,
    parse_code,
)
from bot.models.registrasi import KimDraft
from bot.store import Change, Store

NOW = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
DAY = NOW - timedelta(hours=10)
DAY_LATER = timedelta(seconds=1)
TEXT = "Jalan desa rusak parah sejak banjir bulan lalu, mohon diperbaiki."


def new(reporter: int | None = 7, text: str = TEXT, **changes: object) -> NewAspiration:
    base = NewAspiration(
        Category.INFRASTRUKTUR, text, Identity.SHOWN, reporter, "Budi", NOW,
        NOW + timedelta(days=3), "2611", "61.06.01", "61.06.01.2001",
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.connect(tmp_path / "kim.sqlite3")
    yield store
    await store.close()


async def file(store: Store, aspiration: NewAspiration, limit: int = 5) -> str:
    filed = await store.file_aspiration(aspiration, limit=limit, day_start=DAY,
                                        repeat_since=NOW - timedelta(days=1))  # fmt: skip
    return filed.code


async def test_codes_count_within_the_month(store: Store) -> None:
    first = await file(store, new(text=TEXT + " 1"))
    second = await file(store, new(text=TEXT + " 2", photo_file_ids=("f1", "f2")))
    december = await file(store, new(text=TEXT + " 3", month="2612"))
    assert (first, second, december) == ("ASP-2611-0001", "ASP-2611-0002", "ASP-2612-0001")
    found = await store.aspiration_by_code(second)
    assert found is not None
    assert found.photo_file_ids == ("f1", "f2")
    assert found.status == Status.RECEIVED
    [event] = await store.aspiration_events(found.id)
    assert (event.kind, event.status, event.by_role) == ("status", Status.RECEIVED, "sistem")


async def test_concurrent_filings_get_distinct_codes_and_keep_the_limit(store: Store) -> None:
    filings = [file(store, new(text=f"{TEXT} nomor {n}"), limit=3) for n in range(6)]
    results = await asyncio.gather(*filings, return_exceptions=True)
    codes = [r for r in results if isinstance(r, str)]
    refused = [r for r in results if isinstance(r, AspirationRefused)]
    assert sorted(codes) == ["ASP-2611-0001", "ASP-2611-0002", "ASP-2611-0003"]
    assert [r.reason for r in refused] == ["limit"] * 3


async def test_same_text_refused_and_assisted_filings_counted_apart(store: Store) -> None:
    await file(store, new())
    with pytest.raises(AspirationRefused) as refused:
        await file(store, new(text=TEXT.upper()))
    assert refused.value.reason == "duplicate"
    await file(store, new(text=TEXT + " 1"), limit=2)
    with pytest.raises(AspirationRefused) as refused:
        await file(store, new(text=TEXT + " lagi"), limit=2)
    assert refused.value.reason == "limit"
    # Filed for a citizen through a KIM: counted apart from the member's own.
    draft = KimDraft("KIM Maju", "61.06.05.2002", "61.06.05", None, None, date(2025, 8, 17))
    kim = await store.register_kim(draft, -4001, 7)
    assert await file(store, new(text=TEXT + " warga", kim_id=kim.id), limit=2)
    # A new day: the count starts again.
    tomorrow = await store.file_aspiration(new(text=TEXT + " 2"), limit=2,
                                           day_start=NOW + DAY_LATER, repeat_since=NOW)  # fmt: skip
    assert tomorrow.code == "ASP-2611-0004"


async def test_a_name_is_kept_only_when_shown(store: Store) -> None:
    code = await file(store, new(identity=Identity.CONFIDENTIAL, reporter_name="Rahasia"))
    found = await store.aspiration_by_code(code)
    assert found is not None
    assert found.reporter_name is None
    assert found.reporter_id == 7


async def test_a_change_needs_the_status_it_expects(store: Store) -> None:
    found = await store.aspiration_by_code(await file(store, new()))
    assert found is not None
    verify = Change(Status.VERIFIED, "cek lapangan", "diskominfo", 1)
    changed = await store.change_aspiration(found.id, (Status.RECEIVED, None), verify)
    assert changed is not None
    assert changed[0].status == Status.VERIFIED
    assert await store.change_aspiration(found.id, (Status.RECEIVED, None), verify) is None
    forward = Change(Status.FORWARDED, None, "diskominfo", 1, opd_id="pupr")
    moved = await store.change_aspiration(found.id, (Status.VERIFIED, None), forward)
    assert moved is not None
    assert moved[0].opd_id == "pupr"
    # The same forward pressed twice: the second finds it with the OPD already.
    assert await store.change_aspiration(found.id, (Status.FORWARDED, None), forward) is None
    done = Change(Status.DONE, "sudah diperbaiki", "opd", 2, opd_id="pupr")
    finished = await store.change_aspiration(found.id, (Status.FORWARDED, "pupr"), done)
    assert finished is not None
    assert finished[0].opd_id == "pupr"
    assert await store.count_open_aspirations() == 0


async def test_rating_and_reopening_once(store: Store) -> None:
    found = await store.aspiration_by_code(await file(store, new()))
    assert found is not None
    for step in (Status.VERIFIED, Status.DONE):
        current = await store.get_aspiration(found.id)
        assert current is not None
        await store.change_aspiration(found.id, (current.status, None),
                                      Change(step, "catatan", "diskominfo", 1))  # fmt: skip
    assert not await store.rate_aspiration(found.id, 99, 5)  # not the reporter
    assert await store.rate_aspiration(found.id, 7, 4)
    assert not await store.rate_aspiration(found.id, 7, 5)  # once
    reopened = await store.reopen_aspiration(found.id, 7, "jalan rusak lagi")
    assert reopened is not None
    assert reopened[0].status == Status.VERIFIED
    assert reopened[0].reopened
    assert reopened[0].rating is None
    await store.change_aspiration(found.id, (Status.VERIFIED, None),
                                  Change(Status.DONE, "diperbaiki", "diskominfo", 1))  # fmt: skip
    assert await store.reopen_aspiration(found.id, 7, "sekali lagi") is None


async def test_questions_and_answers_alternate(store: Store) -> None:
    found = await store.aspiration_by_code(await file(store, new()))
    assert found is not None
    assert not await store.awaits_answer(found.id)
    await store.add_aspiration_event(found.id, "question", "Di RT berapa?", "diskominfo", 1)
    assert await store.awaits_answer(found.id)
    await store.add_aspiration_event(found.id, "answer", "RT 03", "warga", 7)
    assert not await store.awaits_answer(found.id)
    kinds = [e.kind for e in await store.aspiration_events(found.id)]
    assert kinds == ["status", "question", "answer"]


async def test_open_lists_oldest_first_and_own_lists_newest_first(store: Store) -> None:
    codes = [await file(store, new(text=f"{TEXT} {n}", created_at=NOW + timedelta(minutes=n),
                                   reporter_id=7 + n % 2)) for n in range(4)]  # fmt: skip
    assert [a.code for a in await store.open_aspirations(10)] == codes
    assert [a.code for a in await store.open_aspirations(2, 1)] == codes[1:3]
    assert [a.code for a in await store.aspirations_of(7, 10)] == [codes[2], codes[0]]
    assert await store.count_aspirations_of(8) == 2


async def test_erasure_keeps_the_ticket_without_the_reporter(store: Store) -> None:
    await store.touch_person(7, "Budi", "budi_kh")
    found = await store.aspiration_by_code(await file(store, new()))
    assert found is not None
    await store.add_aspiration_event(found.id, "answer", "RT 03", "warga", 7)
    await store.delete_person(7, placeholder="(nama dihapus)")
    kept = await store.get_aspiration(found.id)
    assert kept is not None
    assert (kept.reporter_id, kept.reporter_name, kept.text) == (None, None, TEXT)
    assert await store.aspirations_of(7, 10) == []
    rows = await store._all("SELECT by_user FROM aspiration_event")
    assert {r["by_user"] for r in rows} == {None}


def test_codes_are_read_forgivingly() -> None:
    assert parse_code(" asp-2611-0042 ") == "ASP-2611-0042"
    for wrong in ("ASP-261-0042", "2611-0042", "ASP-2611-42", "ASP-2611-0042x", ""):
        assert parse_code(wrong) is None

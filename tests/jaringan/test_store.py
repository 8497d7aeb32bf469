"""The network in the Store: the directory shows what each KIM chose, the ketua's username only
with the current ketua's consent; shares, contact requests and agenda reminders decided once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.models.jaringan import (
    AgendaDraft,
    AgendaKind,
    AgendaScope,
    ContactStatus,
    NetworkOption,
    ShareScope,
    ShareStatus,
    reminder_time,
)
from bot.models.registrasi import Jabatan, KimDraft, KimStatus
from bot.store import Store
from tests.implementasi.test_store import draft

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
WIB = ZoneInfo("Asia/Pontianak")


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.connect(tmp_path / "kim.sqlite3")
    yield store
    await store.close()


async def a_kim(store: Store, nama: str, chat_id: int, kecamatan: str = "61.06.05") -> int:
    kim_draft = KimDraft(nama, f"{kecamatan}.2002", kecamatan, "camat", "1/2025", date(2025, 1, 2))
    kim = await store.register_kim(kim_draft, chat_id, 7)
    await store.decide_kim(kim.id, KimStatus.VERIFIED, 1)
    return kim.id


async def test_the_ketua_username_needs_the_current_ketuas_consent(store: Store) -> None:
    kim_id = await a_kim(store, "KIM Maju", -4001)
    await store.touch_person(21, "Rahmat", "rahmat_ketua")
    await store.touch_person(22, "Yanti", "yanti")
    await store.add_member(kim_id, 21, "Rahmat")
    await store.add_member(kim_id, 22, "Yanti")
    await store.set_jabatan(kim_id, 21, Jabatan.KETUA)
    [entry] = await store.directory()
    assert (entry.members, entry.ketua_username) == (2, None)
    assert entry.last_activity is not None
    await store.set_network_option(kim_id, NetworkOption.KETUA, True, 22, NOW)
    assert (await store.directory())[0].ketua_username is None  # asked, not agreed
    profile = await store.set_ketua_consent(kim_id, 21, NOW)
    assert profile.consented(21)
    assert (await store.directory())[0].ketua_username == "rahmat_ketua"
    await store.set_jabatan(kim_id, 22, Jabatan.KETUA)  # a new ketua did not agree
    assert (await store.directory())[0].ketua_username is None
    await store.set_jabatan(kim_id, 21, Jabatan.KETUA)
    await store.set_network_option(kim_id, NetworkOption.KETUA, True, 22, NOW)  # asked again
    assert (await store.directory())[0].ketua_username is None  # the old consent is void


async def test_hidden_fields_stay_hidden(store: Store) -> None:
    kim_id = await a_kim(store, "KIM Maju", -4001)
    await store.set_network_option(kim_id, NetworkOption.MEMBERS, False, 9, NOW)
    await store.set_network_option(kim_id, NetworkOption.ACTIVITY, False, 9, NOW)
    [entry] = await store.directory()
    assert (entry.members, entry.last_activity) == (None, None)


async def test_stories_reach_opted_in_kims_of_the_scope(store: Store) -> None:
    sharer = await a_kim(store, "KIM Asal", -4001)
    near = await a_kim(store, "KIM Dekat", -4002)
    far = await a_kim(store, "KIM Jauh", -4003, "61.06.01")
    await a_kim(store, "KIM Diam", -4004)
    for kim_id in (sharer, near, far):
        await store.set_network_option(kim_id, NetworkOption.STORIES, True, 9, NOW)
    assert {k.id for k in await store.story_receivers(sharer)} == {near, far}
    assert {k.id for k in await store.story_receivers(sharer, ["61.06.05"])} == {near}


async def test_a_share_is_decided_once_and_may_be_offered_again_after_a_decline(
    store: Store,
) -> None:
    kim_id = await a_kim(store, "KIM Asal", -4001)
    report = await store.add_report(draft(kim_id), NOW)
    share = await store.request_share(report.id, ShareScope.ALL, [], 7, NOW)
    assert share is not None
    assert await store.request_share(report.id, ShareScope.ALL, [], 7, NOW) is None
    declined = await store.decide_share(report.id, ShareStatus.DECLINED, 5, NOW)
    assert declined is not None
    assert declined.decision is not None
    assert await store.decide_share(report.id, ShareStatus.APPROVED, 5, NOW) is None
    again = await store.request_share(report.id, ShareScope.KECAMATAN, ["61.06.05"], 7, NOW)
    assert again is not None
    assert (again.status, again.kecamatan, again.decision) == (
        ShareStatus.PENDING,
        ("61.06.05",),
        None,
    )
    approved = await store.decide_share(report.id, ShareStatus.APPROVED, 5, NOW, recipients=3)
    assert approved is not None
    assert approved.recipients == 3
    assert await store.request_share(report.id, ShareScope.ALL, [], 7, NOW) is None


async def test_one_contact_request_per_story_and_kim(store: Store) -> None:
    sharer = await a_kim(store, "KIM Asal", -4001)
    asker = await a_kim(store, "KIM Tanya", -4002)
    report = await store.add_report(draft(sharer), NOW)
    request, new = await store.add_contact_request(report.id, asker, sharer, 30, NOW)
    assert new
    same, new = await store.add_contact_request(report.id, asker, sharer, 31, NOW)
    assert (same.id, new, same.requested_by) == (request.id, False, 30)
    decided = await store.decide_contact(request.id, ContactStatus.ACCEPTED, 40, NOW)
    assert decided is not None
    assert await store.decide_contact(request.id, ContactStatus.DECLINED, 40, NOW) is None


async def test_an_agenda_reminder_is_claimed_once_before_the_event(store: Store) -> None:
    kim_id = await a_kim(store, "KIM Maju", -4001)
    await a_kim(store, "KIM Lain", -4002, "61.06.01")
    mulai = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 09.00 WIB
    remind = reminder_time(mulai, WIB)
    assert remind == datetime(2026, 3, 9, 8, 0, tzinfo=WIB)
    new = AgendaDraft("Rapat KIM", AgendaKind.MEETING, mulai, "Balai desa", AgendaScope.KECAMATAN,
                      "61.06.05", None, 1)  # fmt: skip
    agenda = await store.add_agenda(new, remind, NOW)
    assert [k.id for k in await store.agenda_kims(agenda)] == [kim_id]
    kim = await store.get_kim(kim_id)
    assert await store.count_upcoming_agenda(NOW, kim, everything=False) == 1
    assert await store.count_upcoming_agenda(NOW, None, everything=False) == 0
    assert await store.claim_agenda_reminder(agenda.id, remind - timedelta(minutes=1)) is None
    assert await store.claim_agenda_reminder(agenda.id, remind) is not None
    assert await store.claim_agenda_reminder(agenda.id, remind) is None
    assert await store.pending_agenda_reminders() == []
    late = await store.add_agenda(new, remind, NOW)
    assert await store.claim_agenda_reminder(late.id, mulai) is None  # it has begun
    assert await store.skip_agenda_reminder(late.id, mulai)

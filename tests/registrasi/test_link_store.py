"""Links in the Store: an official record is never written by a group, and the repair of the
records the earlier link step overwrote (migration 0005)."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.models.registrasi import KimDraft, KimStatus, LinkStatus
from bot.store import MembershipError, Store
from bot.store.base import migrations

OFFICIAL = KimDraft("KIM Bunut Lama", "61.06.05.2002", "61.06.05", "camat", "1/2020",
                    date(2020, 1, 1))  # fmt: skip
OWN = KimDraft("KIM Grup", "61.06.05.2002", "61.06.05", "kepala_desa", "9/2025", date(2025, 1, 2))
GROUP, OTHER = -4001, -4002


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.connect(tmp_path / "kim.sqlite3")
    yield store
    await store.close()


async def official_id(store: Store) -> int:
    assert await store.import_kim(OFFICIAL, "key") == "added"
    [kim] = await store.unlinked_kims_in_desa(OFFICIAL.desa_kode)
    return kim.id


async def test_a_request_only_for_an_official_kim_without_group(store: Store) -> None:
    kim_id = await official_id(store)
    own = await store.register_kim(OWN, OTHER, user_id=7)
    assert [k.id for k in await store.unlinked_kims_in_desa(OWN.desa_kode)] == [kim_id]
    assert await store.request_link(own.id, GROUP, user_id=7) is None  # not an official KIM
    first = await store.request_link(kim_id, GROUP, user_id=7)
    assert first is not None
    assert first.status == LinkStatus.PENDING
    assert await store.request_link(kim_id, GROUP, user_id=7) is None  # one waiting per group
    approval = await store.approve_link(first.id, by=1)
    assert approval is not None
    assert await store.request_link(kim_id, OTHER, user_id=8) is None  # it has a group now


async def test_decisions_never_write_the_record(store: Store) -> None:
    kim_id = await official_id(store)
    before = await store.get_kim(kim_id)
    one = await store.request_link(kim_id, GROUP, user_id=7)
    two = await store.request_link(kim_id, OTHER, user_id=8)
    assert one is not None
    assert two is not None
    rejected = await store.reject_link(one.id, by=1, reason="Bukan grup KIM ini")
    assert rejected is not None
    assert rejected.reject_reason == "Bukan grup KIM ini"
    assert await store.get_kim(kim_id) == before
    assert await store.decide_kim(kim_id, KimStatus.REJECTED, by=1, reason="x") is None
    assert await store.get_kim(kim_id) == before
    assert await store.approve_link(one.id, by=1) is None  # already decided
    approval = await store.approve_link(two.id, by=1)
    assert approval is not None
    assert approval.kim.chat_id == OTHER
    assert before is not None
    assert approval.kim == replace(before, chat_id=OTHER, registered_by=8)
    with pytest.raises(MembershipError):
        await store.register_kim(OWN, OTHER, user_id=8)  # /daftar cannot rename it
    assert await store.kim_by_chat(OTHER) == approval.kim


async def test_approval_closes_rivals(store: Store) -> None:
    kim_id = await official_id(store)
    one = await store.request_link(kim_id, GROUP, user_id=7)
    two = await store.request_link(kim_id, OTHER, user_id=8)
    assert one is not None
    assert two is not None
    approval = await store.approve_link(one.id, by=1)
    assert approval is not None
    assert [(r.id, r.status, r.taken_by_another) for r in approval.rivals] == [
        (two.id, LinkStatus.REJECTED, True)
    ]
    assert await store.waiting_links() == []


async def test_a_rejected_registration_gives_way_to_the_link(store: Store) -> None:
    kim_id = await official_id(store)
    own = await store.register_kim(OWN, GROUP, user_id=7)
    await store.add_member(own.id, 70, "Ani")
    await store.decide_kim(own.id, KimStatus.REJECTED, by=1, reason="SK buram")
    link = await store.request_link(kim_id, GROUP, user_id=7)
    assert link is not None
    approval = await store.approve_link(link.id, by=1)
    assert approval is not None
    assert approval.kim.member_count == 1
    assert (await store.kim_by_chat(GROUP)) == approval.kim
    old = await store.get_kim(own.id)
    assert old is not None
    assert old.chat_id is None
    assert old.status == KimStatus.REJECTED
    assert await store.unlinked_kims_in_desa(OWN.desa_kode) == []  # not offered for links


async def test_a_waiting_link_follows_the_group_to_a_supergroup(store: Store) -> None:
    kim_id = await official_id(store)
    await store.upsert_chat(GROUP, "group", "Grup")
    link = await store.request_link(kim_id, GROUP, user_id=7)
    assert link is not None
    await store.migrate_chat(GROUP, -1004001, "Grup")
    moved = await store.waiting_link_of_chat(-1004001)
    assert moved is not None
    assert moved.id == link.id


def _database_at_version_4(path: Path) -> None:
    """A database as the earlier code left it after groups linked to imported KIMs."""
    db = sqlite3.connect(path)
    for version, _, sql in migrations():
        if version <= 4:
            db.executescript(sql)
    now = "2026-01-01T00:00:00.000000Z"
    kim = """INSERT INTO kim (id, nama, desa_kode, kecamatan_kode, sk_nomor, chat_id, status,
                 source, import_key, registered_by, reject_reason, created_at, updated_at)
             VALUES (?, ?, '61.06.05.2002', '61.06.05', ?, ?, ?, ?, ?, 7, ?, ?, ?)"""
    db.executemany(kim, [
        (1, "KIM Menunggu", "dari grup", GROUP, "menunggu", "import", "k1", None, now, now),
        (2, "KIM Ditolak", "dari grup", OTHER, "ditolak", "import", "k2", "bukan", now, now),
        (3, "KIM Tertaut", "1/2020", -4003, "terverifikasi", "import", "k3", None, now, now),
        (4, "KIM Sendiri", "2/2020", -4004, "ditolak", "telegram", None, "buram", now, now),
    ])  # fmt: skip
    db.execute("INSERT INTO kim_member VALUES (1, 70, 'Ani', NULL, ?)", (now,))
    db.execute("INSERT INTO kim_member VALUES (3, 71, 'Budi', NULL, ?)", (now,))
    db.execute("PRAGMA user_version = 4")
    db.commit()
    db.close()


async def test_migration_repairs_official_kims_a_link_overwrote(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _database_at_version_4(path)
    store = await Store.connect(path)
    try:
        kims = {k.id: k for k in await store.list_kims()}
        assert {i: (k.status, k.chat_id) for i, k in kims.items()} == {
            1: (KimStatus.VERIFIED, None),
            2: (KimStatus.VERIFIED, None),
            3: (KimStatus.VERIFIED, -4003),  # a confirmed link stays
            4: (KimStatus.REJECTED, -4004),  # a group's own registration is not an import
        }
        assert kims[1].member_count == 0
        assert kims[3].member_count == 1
        assert kims[2].reject_reason is None
        waiting = await store.waiting_link_of_chat(GROUP)
        assert waiting is not None
        assert waiting.kim_id == 1
        assert await store.waiting_link_of_chat(OTHER) is None  # the rejected group is free
        assert await store.request_link(2, OTHER, user_id=7) is not None
    finally:
        await store.close()

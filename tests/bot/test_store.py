"""The Store against a real SQLite file: migrations, KIMs, members, roles, imports."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.models.people import Role
from bot.models.registrasi import MAX_MEMBERS, Jabatan, KimDraft, KimStatus
from bot.store import MembershipError, Store
from bot.store.base import migrations

DRAFT = KimDraft(
    "KIM Maju", "61.06.05.2002", "61.06.05", "kepala_desa", "12/2025", date(2025, 8, 17)
)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.connect(tmp_path / "kim.sqlite3")
    yield store
    await store.close()


async def test_migrations_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "kim.sqlite3"
    store = await Store.connect(path)
    assert await store.schema_version() == migrations()[-1][0]
    assert await store.migrate() == []
    mode = await store._one("PRAGMA journal_mode")
    fk = await store._one("PRAGMA foreign_keys")
    await store.close()
    assert mode is not None
    assert mode[0] == "wal"
    assert fk is not None
    assert fk[0] == 1


async def test_register_verify_and_resubmit(store: Store) -> None:
    kim = await store.register_kim(DRAFT, chat_id=-4001, user_id=7)
    assert kim.status == KimStatus.PENDING
    assert kim.sk_tanggal == date(2025, 8, 17)
    rejected = await store.decide_kim(kim.id, KimStatus.REJECTED, by=1, reason="SK buram")
    assert rejected is not None
    assert rejected.reject_reason == "SK buram"
    assert await store.decide_kim(kim.id, KimStatus.VERIFIED, by=1) is None  # already decided
    again = await store.register_kim(DRAFT, chat_id=-4001, user_id=7)
    assert again.id == kim.id
    assert again.status == KimStatus.PENDING
    assert again.reject_reason is None
    verified = await store.decide_kim(kim.id, KimStatus.VERIFIED, by=1)
    assert verified is not None
    assert verified.status == KimStatus.VERIFIED
    # A verified KIM is not overwritten by a second registration of the group.
    with pytest.raises(MembershipError) as refused:
        await store.register_kim(DRAFT, chat_id=-4001, user_id=8)
    assert refused.value.reason == "registered"
    kept = await store.kim_by_chat(-4001)
    assert kept is not None
    assert kept.status == KimStatus.VERIFIED
    assert kept.registered_by == 7


async def test_members_limits_and_jabatan(store: Store) -> None:
    kim = await store.register_kim(DRAFT, chat_id=-4001, user_id=7)
    for user_id in range(1, MAX_MEMBERS + 1):
        await store.add_member(kim.id, user_id, f"Warga {user_id}")
    with pytest.raises(MembershipError) as full:
        await store.add_member(kim.id, 99, "Kesembilan")
    assert full.value.reason == "full"
    with pytest.raises(MembershipError) as same:
        await store.add_member(kim.id, 1, "Warga 1")
    assert same.value.reason == "same_kim"
    assert await store.set_jabatan(kim.id, 3, Jabatan.KETUA)
    assert await store.set_jabatan(kim.id, 4, Jabatan.KETUA)  # moves the position
    members = await store.list_members(kim.id)
    assert [m.user_id for m in members if m.jabatan] == [4]
    assert members[0].user_id == 4
    assert await store.remove_member(kim.id, 4)
    assert not await store.remove_member(kim.id, 4)
    refreshed = await store.get_kim(kim.id)
    assert refreshed is not None
    assert refreshed.member_count == MAX_MEMBERS - 1


async def test_member_of_another_kim_refused(store: Store) -> None:
    one = await store.register_kim(DRAFT, chat_id=-4001, user_id=7)
    two = await store.register_kim(DRAFT, chat_id=-4002, user_id=7)
    await store.add_member(one.id, 5, "Budi")
    with pytest.raises(MembershipError) as other:
        await store.add_member(two.id, 5, "Budi")
    assert other.value.reason == "other_kim"


async def test_migration_moves_kim(store: Store) -> None:
    await store.upsert_chat(-4001, "group", "KIM Maju")
    kim = await store.register_kim(DRAFT, chat_id=-4001, user_id=7)
    await store.migrate_chat(-4001, -1004001, "KIM Maju")
    moved = await store.kim_by_chat(-1004001)
    assert moved is not None
    assert moved.id == kim.id
    assert await store.kim_by_chat(-4001) is None
    assert not await store.is_chat_active(-4001)
    assert await store.is_chat_active(-1004001)


async def test_roles_and_people(store: Store) -> None:
    await store.touch_person(42, "Sari", "sari_kh")
    person = await store.find_person("@SARI_KH")
    assert person is not None
    assert person.user_id == 42
    assert await store.find_person("@nobody") is None
    assert await store.grant_role(42, Role.CURATOR, by=1)
    assert not await store.grant_role(42, Role.CURATOR, by=1)
    assert await store.roles_of(42) == {Role.CURATOR}
    grants = await store.list_roles()
    assert [(g.user_id, g.role, g.username) for g in grants] == [(42, Role.CURATOR, "sari_kh")]
    assert await store.revoke_role(42, Role.CURATOR)
    assert await store.roles_of(42) == frozenset()


async def test_import_is_idempotent_and_links(store: Store) -> None:
    assert await store.import_kim(DRAFT, "k1") == "added"
    assert await store.import_kim(DRAFT, "k1") == "unchanged"
    changed = KimDraft(**{**DRAFT.__dict__, "sk_nomor": "13/2025"})
    assert await store.import_kim(changed, "k1") == "updated"
    [imported] = await store.unlinked_kims_in_desa(DRAFT.desa_kode)
    assert imported.status == KimStatus.VERIFIED
    assert imported.chat_id is None
    link = await store.request_link(imported.id, chat_id=-4009, user_id=7)
    assert link is not None
    approval = await store.approve_link(link.id, by=1)
    assert approval is not None
    assert approval.kim.chat_id == -4009
    assert approval.kim.status == KimStatus.VERIFIED
    assert await store.unlinked_kims_in_desa(DRAFT.desa_kode) == []


async def test_transaction_rolls_back(store: Store) -> None:
    async def grant_then_fail() -> None:
        async with store.transaction():
            await store.grant_role(1, Role.CURATOR, by=1)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await grant_then_fail()
    assert await store.roles_of(1) == frozenset()

"""The bot added to or removed from a group, and a group becoming a supergroup."""

from __future__ import annotations

from bot.models.registrasi import KimDraft
from bot.store import Store
from tests.conftest import Hub, texts


async def test_added_greets_removed_marks_inactive_readded_welcomes_back(hub: Hub) -> None:
    admin = hub.emu.user("Rahmat")
    group = hub.emu.group("KIM Embaloh", admins=[admin])
    added = hub.emu.add_bot_to_group(group, by=admin)
    greeting = texts(await hub.process(added[0]))
    assert "/daftar" in greeting
    assert "KIM Embaloh" in greeting
    await hub.process(added[1])  # the new_chat_members service message: no second greeting
    assert len(hub.emu.sent(group)) == 1

    store: Store = hub.store
    draft = KimDraft("KIM Embaloh", "61.06.04.2001", "61.06.04", None, None, None)
    await store.register_kim(draft, group.id, admin.id)
    await hub.process(hub.emu.kick_bot(group, by=admin))
    kim = await store.kim_by_chat(group.id)
    assert kim is not None
    assert not kim.active
    assert kim.nama == "KIM Embaloh"
    assert not await store.is_chat_active(group.id)

    back = hub.emu.add_bot_to_group(group, by=admin)
    assert "kembali aktif" in texts(await hub.process(back[0]))
    kim = await store.kim_by_chat(group.id)
    assert kim is not None
    assert kim.active


async def test_migration_keeps_the_kim(hub: Hub) -> None:
    admin = hub.emu.user("Rahmat")
    group = hub.emu.group("KIM Badau", admins=[admin])
    store: Store = hub.store
    draft = KimDraft("KIM Badau", "61.06.14.2001", "61.06.14", None, None, None)
    kim = await store.register_kim(draft, group.id, admin.id)
    await store.add_member(kim.id, admin.id, "Rahmat")
    new = hub.emu.migrate_to_supergroup(group)
    queued = list(hub.emu.updates.pending)  # both service messages Telegram sends
    hub.emu.updates.drop()
    assert [
        ("migrate_to_chat_id" in u["message"], "migrate_from_chat_id" in u["message"])
        for u in queued
    ] == [(True, False), (False, True)]
    for update in queued:
        await hub.process(update)
    moved = await store.kim_by_chat(new.id)
    assert moved is not None
    assert moved.id == kim.id
    assert moved.member_count == 1
    assert "Rahmat" in texts(await hub.say(admin, new, "/anggota", reply=False))

"""Joining, leaving, positions and the KIM card, through the emulator."""

from __future__ import annotations

from datetime import date

from bot.emulator import Chat, User
from bot.models.registrasi import MAX_MEMBERS, KimDraft
from bot.store import Store
from tests.conftest import Hub, buttons, texts


async def registered_group(hub: Hub) -> tuple[User, Chat, int]:
    ketua = hub.emu.user("Rahmat")
    group = hub.emu.group("KIM Sibau", admins=[ketua])
    store: Store = hub.store
    draft = KimDraft("KIM Sibau", "61.06.01.2005", "61.06.01", "camat", "5/2025", date(2025, 1, 2))
    kim = await store.register_kim(draft, group.id, ketua.id)
    return ketua, group, kim.id


async def test_join_until_full_then_refuse_the_ninth(hub: Hub) -> None:
    _, group, _ = await registered_group(hub)
    people = [hub.emu.user(f"Warga{i}") for i in range(MAX_MEMBERS + 1)]
    first = texts(await hub.say(people[0], group, "/gabung", reply=False))
    assert "anggota ke-1" in first
    assert "kurang 2 orang" in first
    answers = [
        texts(await hub.say(p, group, "/gabung", reply=False)) for p in people[1:MAX_MEMBERS]
    ]
    assert "kurang 1 orang" in answers[0]
    assert "memenuhi jumlah minimal" in answers[1]
    assert "anggota ke-8" in answers[-1]
    ninth = texts(await hub.say(people[MAX_MEMBERS], group, "/gabung", reply=False))
    assert "8 anggota (batas maksimal)" in ninth
    again = texts(await hub.say(people[0], group, "/gabung", reply=False))
    assert "sudah menjadi anggota" in again
    listing = texts(await hub.say(people[0], group, "/anggota", reply=False))
    assert "(8/8)" in listing
    assert "Warga0" in listing
    assert "Warga8" not in listing


async def test_leave_and_member_of_another_kim(hub: Hub) -> None:
    _, group, _ = await registered_group(hub)
    other_admin = hub.emu.user("Lina")
    other_group = hub.emu.group("KIM Lain", admins=[other_admin])
    store: Store = hub.store
    draft = KimDraft("KIM Lain", "61.06.01.2004", "61.06.01", None, None, None)
    await store.register_kim(draft, other_group.id, other_admin.id)
    budi = hub.emu.user("Budi")
    await hub.say(budi, group, "/gabung", reply=False)
    refused = texts(await hub.say(budi, other_group, "/gabung", reply=False))
    assert "anggota KIM lain (KIM Sibau)" in refused
    assert "sudah keluar" in texts(await hub.say(budi, group, "/keluar", reply=False))
    assert "bukan anggota" in texts(await hub.say(budi, group, "/keluar", reply=False))
    assert "Selamat bergabung" in texts(await hub.say(budi, other_group, "/gabung", reply=False))


async def test_unregistered_group_and_private_chat(hub: Hub) -> None:
    user = hub.emu.user("Tini")
    group = hub.emu.group("Grup Baru", admins=[user])
    assert "belum terdaftar" in texts(await hub.say(user, group, "/gabung", reply=False))
    private = hub.emu.private_chat(user)
    assert "grup Telegram KIM" in texts(await hub.say(user, private, "/anggota"))


async def test_admin_sets_positions_members_cannot(hub: Hub) -> None:
    ketua, group, kim_id = await registered_group(hub)
    sari, tono = hub.emu.user("Sari"), hub.emu.user("Tono")
    group.set_member(sari, "member")
    group.set_member(tono, "member")
    await hub.say(sari, group, "/gabung", reply=False)
    await hub.say(tono, group, "/gabung", reply=False)
    assert "hanya admin grup" in texts(await hub.say(sari, group, "/jabatan", reply=False))
    [menu] = await hub.say(ketua, group, "/jabatan", reply=False)
    assert f"jabatan:pilih:{sari.id}" in buttons(menu)
    forged = hub.emu.press(tono, menu, f"jabatan:pilih:{tono.id}")
    await hub.process(forged)
    assert hub.answer_to(forged)["show_alert"] is True
    await hub.press(ketua, menu, f"jabatan:pilih:{sari.id}")
    assert f"jabatan:set:{sari.id}:ketua" in buttons(hub.last(group))
    await hub.press(ketua, hub.last(group), f"jabatan:set:{sari.id}:ketua")
    assert "Sari: Ketua" in hub.last(group)["text"]
    profile = texts(await hub.say(tono, group, "/profil", reply=False))
    for fragment in (
        "KIM Sibau",
        "Sibau Hilir",
        "Putussibau Utara",
        "5/2025",
        "2 Januari 2025",
        "Camat",
        "menunggu verifikasi",
        "Ketua: Sari",
        "kurang 1",
    ):
        assert fragment in profile
    members = await hub.store.list_members(kim_id)
    assert members[0].nama == "Sari"

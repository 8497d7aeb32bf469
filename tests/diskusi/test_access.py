"""Who may open and see threads: registered KIM groups only; in private, one's own KIM."""

from __future__ import annotations

from bot.models.diskusi import MAX_OPEN
from bot.models.registrasi import KimDraft
from tests.conftest import Hub, texts
from tests.diskusi.conftest import kim_group, store_of


async def test_a_group_that_is_not_a_kim_is_told_about_daftar(hub: Hub) -> None:
    ani = hub.emu.user("Ani")
    group = hub.emu.group("Warga RT 3", admins=[ani])
    for command in ("/diskusi Jalan desa", "/diskusi", "/kesimpulan Sudah cukup jelas semua."):
        answer = texts(await hub.process(hub.emu.text(ani, group, command)))
        assert "belum terdaftar sebagai KIM" in answer
        assert "/daftar" in answer
    # Registered but not verified yet: it waits for Diskominfo.
    draft = KimDraft("KIM Baru", "61.06.05.2002", "61.06.05", "kepala_desa", "1/2025", None)
    await store_of(hub).register_kim(draft, group.id, ani.id)
    answer = texts(await hub.process(hub.emu.text(ani, group, "/diskusi Jalan desa")))
    assert "menunggu verifikasi" in answer
    assert hub.emu.calls_to("createForumTopic") == []


async def test_bad_titles_and_too_many_threads_change_nothing(hub: Hub) -> None:
    group = await kim_group(hub, "KIM Nanga Lauk")
    short = await hub.process(hub.emu.text(group.ketua, group.chat, "/diskusi ab"))
    assert "judul diskusi" in texts(short)
    long = await hub.process(hub.emu.text(group.ketua, group.chat, "/diskusi " + "x" * 101))
    assert "3–100 karakter" in texts(long)
    assert await store_of(hub).open_discussions(group.kim.id) == []
    for number in range(MAX_OPEN):
        await hub.process(hub.emu.text(group.ketua, group.chat, f"/diskusi Usulan {number}"))
    refused = await hub.process(hub.emu.text(group.ketua, group.chat, "/diskusi Satu lagi"))
    assert f"Sudah ada {MAX_OPEN} diskusi" in texts(refused)
    assert len(await store_of(hub).open_discussions(group.kim.id)) == MAX_OPEN


async def test_lists_in_the_group_and_in_private(hub: Hub) -> None:
    forum = await kim_group(hub, "KIM Forum", forum=True, admin=True)
    await hub.process(hub.emu.text(forum.ketua, forum.chat, "/diskusi Festival danau"))
    thread = hub.emu.calls_to("createForumTopic")[0].result["message_thread_id"]
    listed = texts(await hub.process(hub.emu.text(forum.warga, forum.chat, "/diskusi")))
    assert "Festival danau" in listed
    assert "1 peserta · 0 pesan" in listed
    [listing] = hub.emu.calls_to("sendMessage", forum.chat.id)[-1:]
    assert f"/c/{-forum.chat.id - 10**12}/{thread}" in listing.params["text"]

    # In private: the open threads of the person's KIM; someone in no KIM is told how to join.
    private = hub.emu.private_chat(forum.anggota)
    mine = texts(await hub.process(hub.emu.text(forum.anggota, private, "/diskusi")))
    assert "Diskusi yang berjalan di KIM Forum" in mine
    assert "Festival danau" in mine
    stranger = hub.emu.private_chat(forum.warga)  # in the group, not a KIM member
    assert "/gabung" in texts(await hub.process(hub.emu.text(forum.warga, stranger, "/diskusi")))
    asked = await hub.process(hub.emu.text(forum.anggota, private, "/diskusi Judul di sini"))
    assert "di grup KIM" in texts(asked)

"""/hapusdata erases a person's data after confirmation, and only then."""

from __future__ import annotations

from datetime import date

from bot.models.akses import NewsDraft, NewsStatus
from bot.models.people import Role
from bot.models.registrasi import KimDraft
from bot.store import Store
from tests.conftest import Hub, buttons, texts


async def test_erase_after_confirmation(hub: Hub) -> None:
    store: Store = hub.store
    budi = hub.emu.user("Budi", username="budi_kh")
    chat = hub.emu.private_chat(budi)
    kim = await store.register_kim(
        KimDraft("KIM A", "61.06.01.2005", "61.06.01", None, None, date(2025, 1, 1)), -4100, budi.id
    )
    await store.add_member(kim.id, budi.id, "Budi")
    await store.grant_role(budi.id, Role.CURATOR, by=hub.admin.id)
    draft = NewsDraft("manual", "g1", "https://contoh.id/1", "Judul", "judul", "", None, None,
                      ("kesehatan",), NewsStatus.APPROVED, curated_by=budi.id)  # fmt: skip
    [news_id] = await store.add_news([draft])
    assert news_id is not None
    assert await store.record_dissemination(news_id, kim.id, budi.id)

    [ask] = await hub.say(budi, chat, "/hapusdata")
    assert "KIM A" in ask["text"]
    assert set(buttons(ask)) == {"hapusdata:ya", "hapusdata:batal"}
    await hub.press(budi, ask, "hapusdata:batal")
    assert "tidak dihapus" in hub.last(chat)["text"]
    assert await store.kim_of_member(budi.id) is not None

    [ask] = await hub.say(budi, chat, "/hapusdata")
    await hub.press(budi, ask, "hapusdata:ya")
    assert "sudah dihapus" in hub.last(chat)["text"]
    assert await store.kim_of_member(budi.id) is None
    assert await store.roles_of(budi.id) == frozenset()
    assert await store.find_person("@budi_kh") is None
    kept = await store.get_kim(kim.id)
    assert kept is not None
    assert kept.registered_by is None
    news = await store.get_news(news_id)
    assert news is not None
    assert news.curated_by is None
    # The KIM's report stays, without the person: recording it again is a new (named) row.
    assert await store.record_dissemination(news_id, kim.id, budi.id)


async def test_only_in_private(hub: Hub) -> None:
    user = hub.emu.user("Ani")
    group = hub.emu.group("Grup", admins=[user])
    assert "chat pribadi" in texts(await hub.say(user, group, "/hapusdata", reply=False))


async def test_erasure_ends_the_conversations_whose_drafts_it_erased(hub: Hub) -> None:
    zub = hub.emu.user("Zubaidah", username="zub")
    group = hub.emu.group("Grup Xylofon", admins=[zub])
    await hub.say(zub, group, "/daftar")
    kecamatan = (await hub.say(zub, group, "KIM Xylofonia"))[-1]
    private = hub.emu.private_chat(zub)
    [ask] = await hub.say(zub, private, "/hapusdata")
    await hub.press(zub, ask, "hapusdata:ya")
    # The registration does not go on with an empty draft ("Nama: None"): it has ended.
    pressed = hub.emu.press(zub, kecamatan, "daftar:kec:61.06.05")
    replies = await hub.process(pressed)
    assert "Pilih desa" not in texts(replies)
    assert "sudah selesai" in hub.answer_to(pressed)["text"]
    assert "nama KIM" in texts(await hub.say(zub, group, "/daftar"))  # and starts afresh

"""Who may add an event, and every unfit answer: a clear Indonesian message, nothing stored."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.conftest import Hub, buttons, texts
from tests.implementasi.helpers import kim_group


async def nothing_stored(hub: Hub) -> bool:
    """No event at all, as a Diskominfo admin would see it."""
    return await hub.store.count_upcoming_agenda(datetime.now(UTC), None, True) == 0


async def test_only_admins_add_events(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Embaloh")
    member = kim.members[1]
    [refused] = await hub.say(member, kim.group, "/agenda tambah", reply=False)
    assert "Hanya admin grup KIM Embaloh" in refused["text"]
    [refused] = await hub.say(member, hub.emu.private_chat(member), "/agenda tambah")
    assert "Hanya admin grup KIM Embaloh" in refused["text"]
    citizen = hub.emu.user("Ayu")
    [refused] = await hub.say(citizen, hub.emu.private_chat(citizen), "/agenda tambah")
    assert "admin Diskominfo" in refused["text"]
    pending = await kim_group(hub, "KIM Baru", verified=False)
    [refused] = await hub.say(pending.ketua, pending.group, "/agenda tambah", reply=False)
    assert "terverifikasi" in refused["text"]
    assert all("agenda" not in hub.app.user_data.get(u.id, {}) for u in (member, citizen))
    assert await nothing_stored(hub)


async def test_every_unfit_answer_is_explained_and_changes_nothing(hub: Hub) -> None:
    admin, chat = hub.admin, hub.emu.private_chat(hub.admin)
    await hub.say(admin, chat, "/agenda tambah")
    assert "5–120 karakter (yang Anda tulis 3)" in texts(await hub.say(admin, chat, "abc"))
    assert "yang Anda tulis 10000" in texts(await hub.say(admin, chat, "x" * 10_000))
    assert "berupa teks" in texts(await hub.process(hub.emu.photo(admin, chat)))
    [kinds] = await hub.say(admin, chat, "Pelatihan jurnalistik warga")
    assert "tombol" in texts(await hub.say(admin, chat, "pelatihan"))
    forged = hub.emu.press(admin, kinds, "agd:jenis:pesta")
    assert await hub.process(forged) == []
    assert "tidak dikenal" in hub.answer_to(forged)["text"]
    await hub.press(admin, kinds, "agd:jenis:pelatihan")
    assert "tidak terbaca" in texts(await hub.say(admin, chat, "besok pagi"))
    assert "tidak terbaca" in texts(await hub.say(admin, chat, "9" * 10_000))
    assert "sudah lewat" in texts(await hub.say(admin, chat, "1/1/2020 10.00"))
    assert "satu tahun" in texts(await hub.say(admin, chat, "1/1/2099 10.00"))
    assert "berupa teks" in texts(await hub.process(hub.emu.photo(admin, chat)))
    year = datetime.now(UTC).year + 1
    await hub.say(admin, chat, f"2/1/{year} 10.00")
    assert "3–200 karakter (yang Anda tulis 2)" in texts(await hub.say(admin, chat, "ab"))
    assert "yang Anda tulis 10000" in texts(await hub.say(admin, chat, "y" * 10_000))
    [scopes] = await hub.say(admin, chat, "Aula Diskominfo Putussibau")
    kecamatan = (await hub.press(admin, scopes, "agd:untuk:kecamatan"))[-1]
    forged = hub.emu.press(admin, kecamatan, "agd:kec:99.99.99")
    assert await hub.process(forged) == []
    assert "tidak dikenal" in hub.answer_to(forged)["text"]
    summary = (await hub.press(admin, kecamatan, "agd:kec:61.06.02"))[-1]
    assert "2 Januari" in summary["text"]
    assert "Pengingat: 1 Januari" in summary["text"]
    assert "Dibatalkan" in texts(await hub.say(admin, chat, "/batal"))
    stale = hub.emu.press(admin, summary, "agd:simpan")
    await hub.process(stale)
    assert "sudah tidak berlaku" in hub.answer_to(stale)["text"]
    assert buttons(hub.emu.sent(chat)[-2]) == {}  # the summary lost its buttons
    assert await nothing_stored(hub)


async def test_in_a_group_only_the_one_adding_answers(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Embaloh")
    await hub.say(kim.ketua, kim.group, "/agenda tambah", reply=False)
    [kinds] = await hub.say(kim.ketua, kim.group, "Rapat bulanan KIM Embaloh")
    press = hub.emu.press(kim.members[1], kinds, "agd:jenis:pertemuan")
    assert await hub.process(press) == []
    assert "sudah tidak berlaku" in hub.answer_to(press)["text"]
    assert "agd:jenis:pertemuan" in buttons(hub.emu.sent(kim.group)[-1])  # still there
    [chosen, ask_when] = await hub.press(kim.ketua, kinds, "agd:jenis:pertemuan")
    assert "Pertemuan KIM" in chosen["text"]
    assert "25/12/2026 09.00" in ask_when["text"]
    await hub.say(kim.ketua, kim.group, "1/1/2099 10.00")  # too far: asked again
    await hub.say(kim.ketua, kim.group, f"{date.today() + timedelta(days=3):%d/%m/%Y} 10.00")
    [scopes] = await hub.say(kim.ketua, kim.group, "Balai Desa")
    assert set(buttons(scopes)) == {"agd:untuk:kim", "agd:untuk:kecamatan", "agd:batal"}
    forged = hub.emu.press(kim.ketua, scopes, "agd:untuk:semua")  # Diskominfo's choice only
    assert await hub.process(forged) == []
    assert "tidak dikenal" in hub.answer_to(forged)["text"]

"""Who may report, and every bad answer: a clear Indonesian message, nothing changed."""

from __future__ import annotations

from tests.conftest import Hub, buttons, texts
from tests.implementasi.helpers import kim_group, open_report


async def test_a_non_member_cannot_start_a_report(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Embaloh")
    outsider = hub.emu.user("Tamu")
    kim.group.set_member(outsider, "member")
    [refused] = await hub.say(outsider, kim.group, "/implementasi Tanam padi", reply=False)
    assert "hanya anggota KIM Embaloh" in refused["text"]
    assert "/gabung" in refused["text"]
    assert "implementasi" not in hub.app.user_data.get(outsider.id, {})
    # The deep link of someone else's report does not open one for them.
    chat = hub.emu.private_chat(outsider)
    [missing] = await hub.say(outsider, chat, f"/start impl_{kim.kim.id}")
    assert "Belum ada laporan implementasi yang dimulai" in missing["text"]
    [missing] = await hub.say(outsider, chat, "/implementasi")
    assert "di grup KIM Anda" in missing["text"]
    assert await hub.store.count_kim_reports(kim.kim.id) == 0


async def test_groups_that_are_not_verified_kims_are_told_so(hub: Hub) -> None:
    admin = hub.emu.user("Rahmat")
    plain = hub.emu.group("Grup Arisan", admins=[admin])
    [answer] = await hub.say(admin, plain, "/implementasi Tanam padi", reply=False)
    assert "belum terdaftar sebagai KIM" in answer["text"]
    pending = await kim_group(hub, "KIM Baru", verified=False)
    [answer] = await hub.say(pending.ketua, pending.group, "/implementasi Tanam", reply=False)
    assert "belum diverifikasi" in answer["text"]


async def test_the_list_and_a_bad_title(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Embaloh")
    [empty] = await hub.say(kim.ketua, kim.group, "/implementasi", reply=False)
    assert "Belum ada laporan" in empty["text"]
    [short] = await hub.say(kim.ketua, kim.group, "/implementasi abc", reply=False)
    assert "5–100 karakter" in short["text"]
    assert "implementasi" not in hub.app.user_data.get(kim.ketua.id, {})


async def test_every_unfit_answer_is_explained_and_changes_nothing(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Embaloh")
    member = kim.members[1]
    chat = hub.emu.private_chat(member)
    replies = await open_report(hub, member, kim, "Posyandu keliling dusun")
    assert "tombol" in texts(await hub.say(member, chat, "tanpa sumber"))
    await hub.press(member, replies[-1], "impl:tanpa")
    assert "10–600 karakter" in texts(await hub.say(member, chat, "Posyandu"))
    await hub.say(member, chat, "Posyandu keliling ke tiga dusun bersama bidan desa.")
    assert "tidak boleh di masa depan" in texts(await hub.say(member, chat, "1/1/2099"))
    assert "tidak terbaca" in texts(await hub.say(member, chat, "kemarin sore"))
    [ask_unit] = await hub.say(member, chat, "3 Februari 2026")
    await hub.press(member, ask_unit, "impl:satuan:orang")
    assert "bilangan bulat" in texts(await hub.say(member, chat, "2,5"))
    assert "bilangan bulat" in texts(await hub.say(member, chat, "dua puluh"))
    [ask_bidang] = await hub.say(member, chat, "1.200")
    press = hub.emu.press(member, ask_bidang, "impl:bidang:sihir")
    await hub.process(press)
    assert "tidak dikenal" in hub.answer_to(press)["text"]
    await hub.press(member, ask_bidang, "impl:bidang:kesehatan")
    [ask_photos] = await hub.say(member, chat, "Balita ditimbang dan diberi vitamin A.")
    assert "impl:foto" in buttons(ask_photos)  # no commodity for health
    as_file = hub.emu.document(member, chat, "foto.jpg", "image/jpeg", b"\xff\xd8")
    assert "bukan berkas" in texts(await hub.process(as_file))
    for _ in range(5):
        await hub.process(hub.emu.photo(member, chat))
    [sixth] = await hub.process(hub.emu.photo(member, chat))
    assert "foto ini tidak disimpan" in sixth["text"]
    await hub.press(member, sixth, "impl:foto")
    assert "menunggu lokasi" in texts(await hub.say(member, chat, "di balai desa"))
    replies = await hub.say(member, chat, "Lewati (tanpa lokasi)")
    summary = replies[-1]
    assert "Penerima manfaat: 1.200 orang" in summary["text"]
    assert "Foto: 5" in summary["text"]
    assert "Lokasi: tidak ada" in summary["text"]
    assert "Komoditas" not in summary["text"]
    cancelled = await hub.press(member, summary, "impl:batal")
    assert "dibatalkan" in texts(cancelled)
    # The summary's buttons after the report is over: answered and taken away.
    stale = hub.emu.press(member, summary, "impl:ok")
    await hub.process(stale)
    assert "sudah selesai" in hub.answer_to(stale)["text"]
    assert await hub.store.count_kim_reports(kim.kim.id) == 0


async def test_a_yield_in_another_unit_is_refused(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Embaloh")
    member = kim.members[1]
    chat = hub.emu.private_chat(member)
    replies = await open_report(hub, member, kim, "Kolam ikan nila bioflok")
    await hub.press(member, replies[-1], "impl:tanpa")
    await hub.say(member, chat, "Membuat dua kolam bioflok untuk ikan nila.")
    [ask_unit] = await hub.say(member, chat, "3/2/2026")
    await hub.press(member, ask_unit, "impl:satuan:hektare")
    assert "dalam ha" in texts(await hub.say(member, chat, "0"))
    [ask_bidang] = await hub.say(member, chat, "0,5")
    await hub.press(member, ask_bidang, "impl:bidang:perikanan")
    await hub.say(member, chat, "Panen nila lebih cepat.")
    await hub.say(member, chat, "Ikan nila")
    assert "angka dan satuannya" in texts(await hub.say(member, chat, "300"))
    await hub.say(member, chat, "300 kg")
    assert "satuan yang sama dengan sebelumnya (kg)" in texts(await hub.say(member, chat, "1 ton"))
    [ask_photos] = await hub.say(member, chat, "450 KG")
    assert "Kirim foto bukti" in ask_photos["text"]

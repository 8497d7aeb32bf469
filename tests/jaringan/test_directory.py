"""/jaringan shows the verified KIMs by kecamatan, what each chose to show, and Diskominfo's
contact; the ketua's username only with the ketua's own consent."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.config import Config
from bot.models.registrasi import Jabatan
from tests.conftest import Hub, buttons, texts
from tests.implementasi.helpers import BIKA, kim_group
from tests.pages import all_text, walk

CONTACT = "Diskominfo Kapuas Hulu, Jl. Kom Yos Sudarso, Putussibau · WA 0812-0000-0000"


@pytest.fixture
def config(config: Config) -> Config:
    return replace(config, diskominfo_contact=CONTACT)


async def test_the_directory_by_kecamatan_with_the_contact(hub: Hub) -> None:
    await kim_group(hub, "KIM Embaloh")
    await kim_group(hub, "KIM Bika", BIKA)
    await kim_group(hub, "KIM Menunggu", verified=False)
    citizen = hub.emu.user("Ayu")
    [page] = await hub.say(citizen, hub.emu.private_chat(citizen), "/jaringan")
    text = page["text"]
    assert text.index("Kec. Bika") < text.index("KIM Bika") < text.index("Kec. Embaloh Hulu")
    assert "KIM Menunggu" not in text
    assert "3 anggota" in text
    assert "aktif" in text
    assert CONTACT in text
    assert "@" not in text  # no username without consent
    [in_group] = await hub.say(citizen, hub.emu.group("Grup Warga"), "/network", reply=False)
    assert "KIM Embaloh" in in_group["text"]


async def test_a_long_directory_is_paged_and_fits(hub: Hub) -> None:
    for number in range(23):
        await kim_group(hub, f"KIM {'Panjang' * 7} {number:02d}")
    citizen = hub.emu.user("Ayu")
    [first] = await hub.say(citizen, hub.emu.private_chat(citizen), "/jaringan")
    pages = await walk(hub, citizen, first)
    assert len(pages) == 3
    assert all(CONTACT in page["text"] for page in pages)
    assert all_text(pages).count("anggota ·") == 23


async def test_the_ketuas_username_only_with_the_ketuas_consent(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Embaloh")
    ketua, member = kim.ketua, kim.members[1]
    refused = await hub.say(member, kim.group, "/jaringan atur", reply=False)
    assert "Hanya admin grup" in texts(refused)
    [settings] = await hub.say(ketua, kim.group, "/jaringan atur", reply=False)
    assert "jar:atur:show_ketua" in buttons(settings)
    replies = await hub.press(ketua, settings, "jar:atur:show_ketua")
    [ask] = [m for m in replies if "jar:izin:1:ya" in buttons(m)]
    assert "⏳ Username Telegram ketua" in buttons(replies[0]).values()  # asked, not agreed
    citizen = hub.emu.user("Ayu")
    chat = hub.emu.private_chat(citizen)
    assert "@embaloh_0" not in texts(await hub.say(citizen, chat, "/jaringan"))
    # Only the ketua may answer, not another admin or member.
    press = hub.emu.press(member, ask, "jar:izin:1:ya")
    assert await hub.process(press) == []
    assert "Hanya ketua KIM (Embaloh0)" in hub.answer_to(press)["text"]
    assert "@embaloh_0" not in texts(await hub.say(citizen, chat, "/jaringan"))
    [given] = await hub.press(ketua, ask, "jar:izin:1:ya")
    assert "mengizinkan" in given["text"]
    assert "ketua @embaloh_0" in texts(await hub.say(citizen, chat, "/jaringan"))
    # A new ketua has not agreed: nothing is shown until they do.
    await hub.store.set_jabatan(kim.kim.id, member.id, Jabatan.KETUA)
    assert "@" not in texts(await hub.say(citizen, chat, "/jaringan"))
    await hub.store.set_jabatan(kim.kim.id, ketua.id, Jabatan.KETUA)
    assert "ketua @embaloh_0" in texts(await hub.say(citizen, chat, "/jaringan"))
    # The ketua withdraws.
    [withdrawn] = await hub.press(ketua, given, "jar:cabut:1")
    assert "tidak ditampilkan" in withdrawn["text"]
    assert "@" not in texts(await hub.say(citizen, chat, "/jaringan"))


async def test_a_kim_hides_its_members_and_activity(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Embaloh")
    [settings] = await hub.say(kim.ketua, kim.group, "/jaringan atur", reply=False)
    [settings] = await hub.press(kim.ketua, settings, "jar:atur:show_members")
    [settings] = await hub.press(kim.ketua, settings, "jar:atur:show_activity")
    assert "⬜ Jumlah anggota" in buttons(settings).values()
    citizen = hub.emu.user("Ayu")
    text = texts(await hub.say(citizen, hub.emu.private_chat(citizen), "/jaringan"))
    assert "KIM Embaloh" in text
    assert "anggota" not in text.split("KIM Embaloh")[1]
    assert "aktif" not in text


async def test_settings_refusals_and_a_stale_consent(hub: Hub) -> None:
    kim = await kim_group(hub, "KIM Embaloh")
    ketua, member = kim.ketua, kim.members[1]
    [private] = await hub.say(ketua, hub.emu.private_chat(ketua), "/jaringan atur")
    assert "di grup KIM" in private["text"]
    pending = await kim_group(hub, "KIM Baru", verified=False)
    [refused] = await hub.say(pending.ketua, pending.group, "/jaringan atur", reply=False)
    assert "sudah diverifikasi" in refused["text"]
    [settings] = await hub.say(ketua, kim.group, "/jaringan atur", reply=False)
    press = hub.emu.press(member, settings, "jar:atur:receive_stories")  # not a group admin
    assert await hub.process(press) == []
    assert "Hanya admin grup" in hub.answer_to(press)["text"]
    assert not (await hub.store.network_profile(kim.kim.id)).receive_stories
    forged = hub.emu.press(ketua, settings, "jar:atur:show_everything")
    assert await hub.process(forged) == []
    assert "tidak dikenal" in hub.answer_to(forged)["text"]
    # Asked, then switched off again before the ketua answered: the question is stale.
    replies = await hub.press(ketua, settings, "jar:atur:show_ketua")
    [ask] = [m for m in replies if "jar:izin:1:ya" in buttons(m)]
    await hub.press(ketua, replies[0], "jar:atur:show_ketua")
    stale = hub.emu.press(ketua, ask, "jar:izin:1:ya")
    await hub.process(stale)
    assert "sudah tidak berlaku" in hub.answer_to(stale)["text"]
    [ask_now] = [m for m in hub.emu.sent(kim.group) if m["message_id"] == ask["message_id"]]
    assert buttons(ask_now) == {}  # its buttons were taken away
    citizen = hub.emu.user("Ayu")
    assert "@" not in texts(await hub.say(citizen, hub.emu.private_chat(citizen), "/jaringan"))

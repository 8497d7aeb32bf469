"""/dataku: a person sees what the bot keeps about them, in private only, paged."""

from __future__ import annotations

from datetime import timedelta

from bot.emulator import Chat
from bot.models.aspirasi import Category, Identity, NewAspiration
from bot.store import utcnow
from bot.telegram_length import visible_length
from tests.conftest import Hub, buttons, texts
from tests.reliability.world import make_world


async def _file(hub: Hub, user_id: int, text: str) -> str:
    now = utcnow()
    new = NewAspiration(Category.KESEHATAN, text, Identity.CONFIDENTIAL, user_id, None, now,
                        now + timedelta(days=3), now.strftime("%y%m"))  # fmt: skip
    filed = await hub.store.file_aspiration(new, limit=999, day_start=now, repeat_since=now)
    return filed.code


async def test_dataku_shows_ones_own_data_and_nobody_elses(hub: Hub) -> None:
    world = await make_world(hub)
    member, citizen = world.people["kim_member"], world.people["citizen"]
    chat = hub.emu.private_chat(member)
    await hub.say(member, chat, "/start")
    own = await _file(hub, member.id, "Posyandu dusun kami kekurangan timbangan bayi.")
    text = texts(await hub.say(member, chat, "/dataku"))
    assert member.first_name in text
    assert "KIM Sibau" in text
    assert own in text
    assert citizen.first_name not in text
    assert "Jalan poros" not in text
    admin_text = texts(await hub.say(hub.admin, hub.emu.private_chat(hub.admin), "/dataku"))
    assert "admin (konfigurasi)" in admin_text


async def test_dataku_in_a_group_says_private_only_and_shows_nothing(hub: Hub) -> None:
    world = await make_world(hub)
    member = world.people["kim_member"]
    await hub.say(member, hub.emu.private_chat(member), "/start")
    sent = await hub.say(member, world.group, "/dataku", reply=False)
    assert len(sent) == 1
    assert str(member.id) not in texts(sent)
    assert "pribadi" in texts(sent)


async def test_many_tickets_are_paged_under_telegrams_limit(hub: Hub) -> None:
    user = hub.emu.user("Rajin")
    chat: Chat = hub.emu.private_chat(user)
    codes = [await _file(hub, user.id, f"Aspirasi nomor {n} " + "x" * 1500) for n in range(25)]
    [first] = await hub.say(user, chat, "/dataku")
    assert visible_length(first["text"]) <= 4096
    assert codes[-1] in first["text"]
    pages = [first]
    while (turn := [d for d, label in buttons(pages[-1]).items() if "›" in label]) != []:
        [edited] = await hub.press(user, pages[-1], turn[0])
        pages.append(edited)
        assert visible_length(edited["text"]) <= 4096
    assert all(any(code in page["text"] for page in pages) for code in codes)


async def test_after_hapusdata_dataku_shows_nothing_kept(hub: Hub) -> None:
    user = hub.emu.user("Sementara", username="sementara_saja")
    chat = hub.emu.private_chat(user)
    await hub.say(user, chat, "/start")
    await _file(hub, user.id, "Lampu jalan di depan sekolah mati sejak sebulan.")
    [confirm] = await hub.say(user, chat, "/hapusdata")
    await hub.press(user, confirm, "hapusdata:ya")
    text = texts(await hub.say(user, chat, "/dataku"))
    assert "Lampu jalan" not in text
    assert "belum pernah" in text

"""Registration of a KIM group, driven as a conversation through the emulator."""

from __future__ import annotations

from typing import Any

from bot.emulator import BotApiEmulator, Chat, User
from bot.models.registrasi import KimStatus
from bot.store import Store
from tests.conftest import Hub, HubFactory, buttons, texts

BUNUT_HILIR = "61.06.05"
DESA_BUNUT_HULU = "61.06.05.2002"  # a desa named like the kecamatan Bunut Hulu (61.06.06)


def kim_group(emu: BotApiEmulator) -> tuple[User, User, Chat]:
    ketua = emu.user("Rahmat", username="rahmat")
    warga = emu.user("Yanti")
    group = emu.group("KIM Bunut Bersatu", admins=[ketua], members=[warga])
    return ketua, warga, group


async def register_until_summary(hub: Hub, user: User, group: Chat) -> dict[str, Any]:
    """Walk the whole flow up to the summary; return the summary message."""
    replies = await hub.say(user, group, "/daftar")
    assert "nama KIM" in texts(replies)
    asked = hub.emu.calls_to("sendMessage", group.id)[-1].params
    assert asked["reply_markup"]["force_reply"] is True
    assert asked["reply_markup"]["selective"]
    replies = await hub.say(user, group, "KIM Bunut Bersatu")
    assert f"daftar:kec:{BUNUT_HILIR}" in buttons(replies[-1])
    assert len(buttons(replies[-1])) == 23 + 1  # every kecamatan, and Batal
    replies = await hub.press(user, replies[-1], f"daftar:kec:{BUNUT_HILIR}")
    desa_page = replies[-1]
    assert "Bunut Hilir" in desa_page["text"]
    nxt = f"daftar:hal:{BUNUT_HILIR}:1"
    assert nxt in buttons(desa_page)
    await hub.press(user, desa_page, nxt)
    page_two = hub.emu.sent(group)[-1]
    assert buttons(page_two) != buttons(desa_page)
    all_desa = {**buttons(desa_page), **buttons(page_two)}
    assert f"daftar:desa:{DESA_BUNUT_HULU}" in all_desa
    replies = await hub.press(user, page_two, f"daftar:desa:{DESA_BUNUT_HULU}")
    assert "daftar:sk:kepala_desa" in buttons(replies[-1])
    replies = await hub.press(user, replies[-1], "daftar:sk:kepala_desa")
    assert "nomor SK" in texts(replies)
    # No message to reply to after a button press: the prompt mentions whoever must answer.
    assert replies[-1]["text"].startswith(f"{user.first_name}, ")
    assert {"type": "text_mention", "user": user.id} in [
        {"type": e["type"], "user": e.get("user", {}).get("id")} for e in replies[-1]["entities"]
    ]
    replies = await hub.say(user, group, "141/12/DS-2025")
    assert "tanggal SK" in texts(replies)
    replies = await hub.say(user, group, "17 Agustus 2025")
    assert "daftar:lewati" in buttons(replies[-1])
    replies = await hub.process(hub.emu.photo(user, group, reply_to=replies[-1]))
    summary = replies[-1]
    assert buttons(summary).keys() == {"daftar:ok", "daftar:ubah", "daftar:batal"}
    for fragment in (
        "KIM Bunut Bersatu",
        "Bunut Hilir",
        "Bunut Hulu",
        "Kepala Desa",
        "141/12/DS-2025",
        "17 Agustus 2025",
        "terlampir",
    ):
        assert fragment in summary["text"]
    return summary


async def status_of(store: Store, kim_id: int) -> KimStatus:
    kim = await store.get_kim(kim_id)
    assert kim is not None
    return kim.status


async def test_admin_registers_and_desk_verifies(hub: Hub) -> None:
    ketua, _, group = kim_group(hub.emu)
    summary = await register_until_summary(hub, ketua, group)
    replies = await hub.press(ketua, summary, "daftar:ok")
    assert "menunggu verifikasi" in texts(replies)
    kim = await hub.store.kim_by_chat(group.id)
    assert kim is not None
    assert kim.status == KimStatus.PENDING
    assert kim.sk_file_id

    # The desk got the SK photo and the card with the two buttons.
    assert hub.emu.calls_to("sendPhoto", hub.desk.id)
    card = hub.last(hub.desk)
    assert buttons(card).keys() == {f"verif:ok:{kim.id}", f"verif:tolak:{kim.id}"}

    # A desk member without the admin role is refused, and nothing changes.
    stranger = hub.emu.user("Tono")
    refused = hub.emu.press(stranger, card, f"verif:ok:{kim.id}")
    await hub.process(refused)
    assert hub.answer_to(refused)["show_alert"] is True
    assert await status_of(hub.store, kim.id) == KimStatus.PENDING

    await hub.press(hub.admin, card, f"verif:ok:{kim.id}")
    await hub.outbox.wait_idle()  # the decision's effects go out through the outbox
    assert "diverifikasi" in hub.last(group)["text"]
    assert "terverifikasi" in hub.last(hub.desk)["text"]
    assert buttons(hub.last(hub.desk)) == {}
    assert await status_of(hub.store, kim.id) == KimStatus.VERIFIED


async def test_reject_with_reason_then_register_again(hub: Hub) -> None:
    ketua, _, group = kim_group(hub.emu)
    summary = await register_until_summary(hub, ketua, group)
    await hub.press(ketua, summary, "daftar:ok")
    store = hub.store
    kim = await store.kim_by_chat(group.id)
    assert kim is not None
    replies = await hub.press(hub.admin, hub.last(hub.desk), f"verif:tolak:{kim.id}")
    assert "alasan penolakan" in texts(replies)
    replies = await hub.process(hub.emu.photo(hub.admin, hub.desk, reply_to=replies[-1]))
    assert "harus berupa teks" in texts(replies)
    await hub.say(hub.admin, hub.desk, "Foto SK tidak terbaca, mohon kirim ulang.")
    await hub.outbox.wait_idle()  # the decision's effects go out through the outbox
    assert "Foto SK tidak terbaca" in hub.last(group)["text"]
    assert await status_of(store, kim.id) == KimStatus.REJECTED
    summary = await register_until_summary(hub, ketua, group)
    await hub.press(ketua, summary, "daftar:ok")
    again = await store.kim_by_chat(group.id)
    assert again is not None
    assert again.id == kim.id
    assert again.status == KimStatus.PENDING


async def test_refusals(hub: Hub) -> None:
    ketua, warga, group = kim_group(hub.emu)
    assert "hanya admin grup" in texts(await hub.say(warga, group, "/daftar"))
    private = hub.emu.private_chat(ketua)
    assert "di grup Telegram KIM" in texts(await hub.say(ketua, private, "/daftar"))
    summary = await register_until_summary(hub, ketua, group)
    await hub.press(ketua, summary, "daftar:ok")
    assert "sudah terdaftar" in texts(await hub.say(ketua, group, "/daftar"))


async def test_bad_inputs_keep_the_step(hub: Hub) -> None:
    ketua, warga, group = kim_group(hub.emu)
    await hub.say(ketua, group, "/daftar")
    assert "3–60 huruf" in texts(await hub.say(ketua, group, "x" * 10_000))
    assert "berupa teks" in texts(
        await hub.process(hub.emu.photo(ketua, group, reply_to=hub.last(group)))
    )
    replies = await hub.say(ketua, group, "KIM Maju")
    kecamatan_message = replies[-1]
    assert "menekan tombol" in texts(await hub.say(ketua, group, "Bunut Hilir"))
    # Someone else pressing the registering admin's buttons is told off; nothing changes.
    other = hub.emu.press(warga, kecamatan_message, f"daftar:kec:{BUNUT_HILIR}")
    await hub.process(other)
    assert hub.answer_to(other)["show_alert"] is True
    # A forged desa code is refused.
    await hub.press(ketua, kecamatan_message, f"daftar:kec:{BUNUT_HILIR}")
    forged = hub.emu.press(ketua, hub.last(group), "daftar:desa:61.06.99.2001")
    await hub.process(forged)
    assert "tidak ada di kecamatan" in hub.answer_to(forged)["text"]
    # A typed desa name is matched (spelling variant), an unknown one explained.
    assert "tidak ditemukan" in texts(await hub.say(ketua, group, "Desa Antah Berantah"))
    replies = await hub.say(ketua, group, "bunut hulu")
    assert f"daftar:desa:{DESA_BUNUT_HULU}" in buttons(replies[-1])
    replies = await hub.press(ketua, replies[-1], f"daftar:desa:{DESA_BUNUT_HULU}")
    replies = await hub.press(ketua, replies[-1], "daftar:sk:camat")
    await hub.say(ketua, group, "12/2025")
    assert "masa depan" in texts(await hub.say(ketua, group, "17/08/2999"))
    assert "tidak terbaca" in texts(await hub.say(ketua, group, "kemarin sore"))
    replies = await hub.say(ketua, group, "01/02/2025")
    assert "daftar:lewati" in buttons(replies[-1])


async def test_cancel_midway_saves_nothing(hub: Hub) -> None:
    ketua, _, group = kim_group(hub.emu)
    await hub.say(ketua, group, "/daftar")
    await hub.say(ketua, group, "KIM Maju")
    assert "dibatalkan" in texts(await hub.say(ketua, group, "/batal"))
    assert await hub.store.kim_by_chat(group.id) is None
    assert "Tidak ada proses" in texts(await hub.say(ketua, group, "/batal"))


async def test_edit_from_summary(hub: Hub) -> None:
    ketua, _, group = kim_group(hub.emu)
    summary = await register_until_summary(hub, ketua, group)
    replies = await hub.press(ketua, summary, "daftar:ubah")
    assert "daftar:ubah:nama" in buttons(replies[-1])
    await hub.press(ketua, replies[-1], "daftar:ubah:nama")
    replies = await hub.say(ketua, group, "KIM Bunut Maju")
    assert "KIM Bunut Maju" in replies[-1]["text"]
    assert "daftar:ok" in buttons(replies[-1])


async def test_restart_in_the_middle_of_registration(
    start_hub: HubFactory, emu: BotApiEmulator
) -> None:
    ketua, _, group = kim_group(emu)
    async with start_hub() as hub:
        await hub.say(ketua, group, "/daftar")
        replies = await hub.say(ketua, group, "KIM Tahan Banting")
        kecamatan_message = replies[-1]
    async with start_hub() as hub:
        replies = await hub.press(ketua, kecamatan_message, f"daftar:kec:{BUNUT_HILIR}")
        assert "Bunut Hilir" in replies[-1]["text"]
        replies = await hub.press(ketua, replies[-1], f"daftar:desa:{DESA_BUNUT_HULU}")
        replies = await hub.press(ketua, replies[-1], "daftar:sk:diskominfo")
        await hub.say(ketua, group, "7/2025")
        replies = await hub.say(ketua, group, "01/02/2025")
        replies = await hub.press(ketua, replies[-1], "daftar:lewati")
        assert "KIM Tahan Banting" in replies[-1]["text"]


async def test_anonymous_admin_is_told_how_to_register(hub: Hub) -> None:
    ketua, _, group = kim_group(hub.emu)
    update = hub.emu.text(ketua, group, "/daftar")
    update["message"]["sender_chat"] = {"id": group.id, "type": "group", "title": group.title}
    update["message"]["from"] = {"id": 1087968824, "is_bot": True, "first_name": "Group",
                                 "username": "GroupAnonymousBot"}  # fmt: skip
    assert "admin anonim" in texts(await hub.process(update))
    assert await hub.store.kim_by_chat(group.id) is None

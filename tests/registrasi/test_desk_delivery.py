"""A registration reaches the desk whatever its name, and the group is told the truth if not."""

from __future__ import annotations

from typing import Any

from bot.emulator import ApiError, Chat, User
from bot.errors import ErrorThrottle
from tests.conftest import Hub, buttons, texts

BUNUT_HILIR = "61.06.05"
DESA = "61.06.05.2002"
HOSTILE_NAME = "KIM <Maju> & Co"


async def register(hub: Hub, name: str, *, photo: bool = True) -> tuple[User, Chat, dict[str, Any]]:
    """Walk /daftar with ``name`` up to the summary; return the admin, group and summary."""
    ketua = hub.emu.user("Rahmat")
    group = hub.emu.group("Grup KIM", admins=[ketua])
    await hub.say(ketua, group, "/daftar")
    kecamatan = (await hub.say(ketua, group, name))[-1]
    desa = (await hub.press(ketua, kecamatan, f"daftar:kec:{BUNUT_HILIR}"))[-1]
    penerbit = (await hub.press(ketua, desa, f"daftar:desa:{DESA}"))[-1]
    await hub.press(ketua, penerbit, "daftar:sk:kepala_desa")
    await hub.say(ketua, group, "141/12/DS-2025 <b>")
    foto = (await hub.say(ketua, group, "17 Agustus 2025"))[-1]
    if photo:
        summary = (await hub.process(hub.emu.photo(ketua, group, reply_to=foto)))[-1]
    else:
        summary = (await hub.press(ketua, foto, "daftar:lewati"))[-1]
    assert "daftar:ok" in buttons(summary)
    return ketua, group, summary


async def test_a_hostile_name_gets_its_sk_photo_and_desk_card(hub: Hub) -> None:
    ketua, group, summary = await register(hub, HOSTILE_NAME)
    assert HOSTILE_NAME in summary["text"]
    told = texts(await hub.press(ketua, summary, "daftar:ok"))
    assert "terkirim" in told
    (photo,) = hub.emu.calls_to("sendPhoto", hub.desk.id)
    assert photo.status == 200
    assert photo.result["caption"] == f"SK {HOSTILE_NAME}"
    card = hub.last(hub.desk)
    assert f"Nama: {HOSTILE_NAME}" in card["text"]
    assert "141/12/DS-2025 <b>" in card["text"]
    assert "terlampir di atas" in card["text"]
    kim = await hub.store.kim_by_chat(group.id)
    assert kim is not None
    assert buttons(card).keys() == {f"verif:ok:{kim.id}", f"verif:tolak:{kim.id}"}
    assert kim.desk_message_id == card["message_id"]


async def test_a_failed_sk_photo_still_sends_the_card_and_is_reported(hub: Hub) -> None:
    ketua, _, summary = await register(hub, "KIM Maju")
    hub.emu.fail("sendPhoto", hub.desk.id, ApiError(400, "Bad Request: wrong file identifier"))
    told = texts(await hub.press(ketua, summary, "daftar:ok"))
    assert "terkirim" in told
    desk = [m["text"] for m in hub.emu.sent(hub.desk) if "text" in m]
    assert any("Kesalahan di bot" in t and "wrong file identifier" in t.lower() for t in desk)
    assert "gagal dikirim" in hub.last(hub.desk)["text"]
    assert buttons(hub.last(hub.desk))


async def test_a_desk_that_refuses_the_card_is_not_hidden_from_the_group(hub: Hub) -> None:
    ketua, group, summary = await register(hub, "KIM Maju", photo=False)
    hub.service(ErrorThrottle).clock = lambda: 0.0
    hub.emu.fail("sendMessage", hub.desk.id, ApiError(400, "Bad Request: can't parse entities"))
    told = texts(await hub.press(ketua, summary, "daftar:ok"))
    assert "belum sampai ke meja Diskominfo" in told
    assert "terkirim" not in told
    kim = await hub.store.kim_by_chat(group.id)
    assert kim is not None
    assert kim.desk_message_id is None
    # The report went to the desk right after the refused card (the fault was one-shot).
    assert "can't parse entities" in hub.last(hub.desk)["text"].lower()


async def test_a_group_that_removed_the_bot_is_not_reported(hub: Hub) -> None:
    ketua, group, summary = await register(hub, "KIM Maju", photo=False)
    await hub.press(ketua, summary, "daftar:ok")
    kim = await hub.store.kim_by_chat(group.id)
    assert kim is not None
    hub.emu.fail("sendMessage", group.id, "kicked")
    await hub.press(hub.admin, hub.last(hub.desk), f"verif:ok:{kim.id}")
    await hub.outbox.wait_idle()  # the decision's effects go out through the outbox
    assert "terverifikasi" in hub.last(hub.desk)["text"]
    assert not [m for m in hub.emu.sent(hub.desk) if "Kesalahan di bot" in m.get("text", "")]
    assert await hub.outbox.failed_batches() == []  # a group that left is not a failure


async def test_a_group_message_refused_for_another_reason_is_reported(hub: Hub) -> None:
    ketua, group, summary = await register(hub, "KIM Maju", photo=False)
    await hub.press(ketua, summary, "daftar:ok")
    kim = await hub.store.kim_by_chat(group.id)
    assert kim is not None
    hub.emu.fail("sendMessage", group.id, ApiError(400, "Bad Request: can't parse entities"))
    await hub.press(hub.admin, hub.last(hub.desk), f"verif:ok:{kim.id}")
    await hub.outbox.wait_idle()  # the group's notice is an effect, sent by the outbox
    # A refused notice is not swallowed: it is a failed delivery, listed in /gagal.
    (failed,) = await hub.outbox.failed_batches()
    assert "can't parse entities" in (failed.last_error or "").lower()
    (listed,) = await hub.say(hub.admin, hub.emu.private_chat(hub.admin), "/gagal")
    assert "can't parse entities" in listed["text"].lower()

"""A group that links itself to a KIM imported by Diskominfo never overwrites the record.

Linking skips the SK questions, the desk gets a link request (not a re-verification), an
approval only gives the KIM its group, a rejection only frees the group, and of two groups
claiming one KIM the desk picks one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.emulator import Chat, User
from bot.models.registrasi import Kim, KimDraft, KimStatus
from tests.conftest import Hub, buttons, texts

BUNUT_HILIR, DESA = "61.06.05", "61.06.05.2002"
OFFICIAL = KimDraft("KIM Bunut Lama", DESA, BUNUT_HILIR, "camat", "1/2020", date(2020, 1, 1))


async def official_kim(hub: Hub) -> Kim:
    await hub.store.import_kim(OFFICIAL, "61.06.05.2002|kim bunut lama")
    [kim] = await hub.store.list_kims()
    return kim


def a_group(hub: Hub, title: str) -> tuple[User, Chat]:
    ketua = hub.emu.user(f"Ketua {title}")
    return ketua, hub.emu.group(title, admins=[ketua], members=[hub.emu.user(f"Warga {title}")])


async def walk_to_offer(hub: Hub, ketua: User, group: Chat) -> dict[str, Any]:
    """/daftar up to the offer of the desa's official KIMs; return the offer."""
    await hub.say(ketua, group, "/daftar")
    replies = await hub.say(ketua, group, "Nama Ketikan Grup")
    replies = await hub.press(ketua, replies[-1], f"daftar:kec:{BUNUT_HILIR}")
    replies = await hub.press(ketua, replies[-1], f"daftar:desa:{DESA}")
    return replies[-1]


async def request_link(hub: Hub, ketua: User, group: Chat, kim: Kim) -> dict[str, Any]:
    """Pick the official KIM, confirm the summary; return the desk's link request card."""
    offer = await walk_to_offer(hub, ketua, group)
    assert f"daftar:tautkan:{kim.id}" in buttons(offer)
    replies = await hub.press(ketua, offer, f"daftar:tautkan:{kim.id}")
    summary = replies[-1]
    assert buttons(summary).keys() == {"daftar:ok", "daftar:ubah", "daftar:batal"}
    for fragment in ("permintaan tautan", "KIM Bunut Lama", "1/2020", "Camat", "terverifikasi"):
        assert fragment in summary["text"]
    assert "Nama Ketikan Grup" not in summary["text"]
    replies = await hub.press(ketua, summary, "daftar:ok")
    assert "terkirim ke Diskominfo" in texts(replies)
    card = hub.last(hub.desk)
    assert "Permintaan tautan" in card["text"]
    return card


async def unchanged(hub: Hub, kim: Kim, chat_id: int | None) -> Kim:
    """The official record as before (name, SK, status), with the group it should have."""
    now = await hub.store.get_kim(kim.id)
    assert now is not None
    assert (now.nama, now.sk_penerbit, now.sk_nomor, now.sk_tanggal, now.status) == (
        kim.nama, kim.sk_penerbit, kim.sk_nomor, kim.sk_tanggal, KimStatus.VERIFIED,
    )  # fmt: skip
    assert now.reject_reason is None
    assert now.chat_id == chat_id
    return now


async def test_link_skips_the_sk_and_the_desk_confirms_the_link(hub: Hub) -> None:
    kim = await official_kim(hub)
    ketua, group = a_group(hub, "Grup Bunut")
    card = await request_link(hub, ketua, group, kim)
    [link] = await hub.store.waiting_links()
    assert buttons(card) == {f"tautan:ok:{link.id}": "✅ Setujui tautan",
                             f"tautan:tolak:{link.id}": "✖️ Tolak tautan"}  # fmt: skip
    assert "tidak berubah" in card["text"]
    assert "Grup Bunut" in card["text"]
    assert not hub.emu.calls_to("sendPhoto", hub.desk.id)
    await unchanged(hub, kim, None)  # not the KIM's group before the desk says so
    assert "menunggu konfirmasi" in texts(await hub.say(ketua, group, "/gabung", reply=False))
    assert "menunggu konfirmasi" in texts(await hub.say(ketua, group, "/daftar", reply=False))

    stranger = hub.emu.user("Tono")
    refused = hub.emu.press(stranger, card, f"tautan:ok:{link.id}")
    await hub.process(refused)
    assert hub.answer_to(refused)["show_alert"] is True
    await unchanged(hub, kim, None)

    await hub.press(hub.admin, card, f"tautan:ok:{link.id}")
    await hub.outbox.wait_idle()  # the decision's effects go out through the outbox
    assert "grup resmi" in hub.last(group)["text"]
    assert "disetujui" in hub.last(hub.desk)["text"]
    assert buttons(hub.last(hub.desk)) == {}
    await unchanged(hub, kim, group.id)
    assert "bergabung" in texts(await hub.say(ketua, group, "/gabung", reply=False))
    # A later /daftar cannot rename the official KIM; the store refuses too.
    assert "sudah terdaftar" in texts(await hub.say(ketua, group, "/daftar", reply=False))
    assert await hub.store.decide_kim(kim.id, KimStatus.REJECTED, hub.admin.id, "x") is None
    linked = await unchanged(hub, kim, group.id)
    assert linked.member_count == 1


async def test_rejected_link_frees_the_group_and_leaves_the_record(hub: Hub) -> None:
    kim = await official_kim(hub)
    ketua, group = a_group(hub, "Grup Bunut")
    card = await request_link(hub, ketua, group, kim)
    [link] = await hub.store.waiting_links()
    replies = await hub.press(hub.admin, card, f"tautan:tolak:{link.id}")
    assert "alasan menolak tautan" in texts(replies)
    assert "sudah diputuskan" not in texts(replies)
    assert "5–" in texts(await hub.say(hub.admin, hub.desk, "no"))  # too short: asked again
    await hub.say(hub.admin, hub.desk, "Grup ini bukan pengurus KIM Bunut Lama.")
    await hub.outbox.wait_idle()  # the decision's effects go out through the outbox
    told = hub.last(group)["text"]
    assert "ditolak" in told
    assert "bukan pengurus" in told
    assert "/daftar" in told
    decided = next(m for m in hub.emu.sent(hub.desk) if m["message_id"] == card["message_id"])
    assert "ditolak oleh" in decided["text"]
    assert buttons(decided) == {}
    await unchanged(hub, kim, None)
    assert await hub.store.waiting_links() == []

    # The group is free: it may link again, or register as a new KIM (with its own SK).
    offer = await walk_to_offer(hub, ketua, group)
    assert f"daftar:tautkan:{kim.id}" in buttons(offer)
    replies = await hub.press(ketua, offer, "daftar:baru")
    assert "daftar:sk:camat" in buttons(replies[-1])
    replies = await hub.press(ketua, replies[-1], "daftar:sk:camat")
    await hub.say(ketua, group, "9/2025")
    replies = await hub.say(ketua, group, "01/02/2025")
    replies = await hub.press(ketua, replies[-1], "daftar:lewati")
    assert "Nama Ketikan Grup" in replies[-1]["text"]
    await hub.press(ketua, replies[-1], "daftar:ok")
    own = await hub.store.kim_by_chat(group.id)
    assert own is not None
    assert own.id != kim.id
    assert own.status == KimStatus.PENDING
    await unchanged(hub, kim, None)


async def test_two_groups_claim_the_same_official_kim(hub: Hub) -> None:
    kim = await official_kim(hub)
    ketua_a, group_a = a_group(hub, "Grup A")
    ketua_b, group_b = a_group(hub, "Grup B")
    card_a = await request_link(hub, ketua_a, group_a, kim)
    card_b = await request_link(hub, ketua_b, group_b, kim)
    assert "1 grup lain juga meminta" in card_b["text"]
    link_a, link_b = await hub.store.waiting_links()
    await hub.press(hub.admin, card_a, f"tautan:ok:{link_a.id}")
    await hub.outbox.wait_idle()  # the decision's effects go out through the outbox
    assert "grup resmi" in hub.last(group_a)["text"]
    assert "grup lain" in hub.last(group_b)["text"]
    desk_b = next(m for m in hub.emu.sent(hub.desk) if m["message_id"] == card_b["message_id"])
    assert "ditutup" in desk_b["text"]
    assert buttons(desk_b) == {}
    late = hub.emu.press(hub.admin, card_b, f"tautan:ok:{link_b.id}")
    await hub.process(late)
    assert "sudah ditutup" in hub.answer_to(late)["text"]
    assert "oleh Anda pukul" in hub.answer_to(late)["text"]
    await unchanged(hub, kim, group_a.id)
    # Group B is free again; the KIM is no longer offered, so it goes on as a new KIM.
    replies = await walk_to_offer(hub, ketua_b, group_b)
    assert "daftar:sk:kepala_desa" in buttons(replies)


async def test_a_link_changes_only_the_choice_and_the_desa(hub: Hub) -> None:
    kim = await official_kim(hub)
    ketua, group = a_group(hub, "Grup Bunut")
    offer = await walk_to_offer(hub, ketua, group)
    replies = await hub.press(ketua, offer, f"daftar:tautkan:{kim.id}")
    replies = await hub.press(ketua, replies[-1], "daftar:ubah")
    assert buttons(replies[-1]).keys() == {"daftar:ubah:tautan", "daftar:ubah:wilayah",
                                           "daftar:batal"}  # fmt: skip
    forged = hub.emu.press(ketua, replies[-1], "daftar:ubah:nomor")
    await hub.process(forged)
    assert hub.answer_to(forged)["show_alert"] is True
    replies = await hub.press(ketua, replies[-1], "daftar:ubah:tautan")
    replies = await hub.press(ketua, replies[-1], "daftar:baru")  # a new KIM after all
    replies = await hub.press(ketua, replies[-1], "daftar:sk:diskominfo")
    await hub.say(ketua, group, "5/2024")
    replies = await hub.say(ketua, group, "02/02/2024")
    replies = await hub.press(ketua, replies[-1], "daftar:lewati")
    summary = replies[-1]["text"]
    assert "Nama Ketikan Grup" in summary
    assert "5/2024" in summary
    replies = await hub.press(ketua, replies[-1], "daftar:ubah")
    replies = await hub.press(ketua, replies[-1], "daftar:ubah:wilayah")  # back to the offer
    replies = await hub.press(ketua, replies[-1], f"daftar:kec:{BUNUT_HILIR}")
    replies = await hub.press(ketua, replies[-1], f"daftar:desa:{DESA}")
    replies = await hub.press(ketua, replies[-1], f"daftar:tautkan:{kim.id}")
    assert "permintaan tautan" in replies[-1]["text"]  # the SK typed for the new KIM is gone
    assert "5/2024" not in replies[-1]["text"]
    await hub.press(ketua, replies[-1], "daftar:ok")
    assert [link.chat_id for link in await hub.store.waiting_links()] == [group.id]
    await unchanged(hub, kim, None)


async def test_verifikasi_lists_waiting_links_and_a_private_press_decides(hub: Hub) -> None:
    kim = await official_kim(hub)
    ketua, group = a_group(hub, "Grup Bunut")
    desk_card = await request_link(hub, ketua, group, kim)
    [link] = await hub.store.waiting_links()
    private = hub.emu.private_chat(hub.admin)
    replies = await hub.say(hub.admin, private, "/verifikasi")
    assert "1 permintaan tautan" in texts(replies)
    card = replies[-1]
    assert f"tautan:ok:{link.id}" in buttons(card)
    assert "KIM Bunut Lama" in card["text"]
    await hub.press(hub.admin, card, f"tautan:ok:{link.id}")
    await hub.outbox.wait_idle()  # the decision's effects go out through the outbox
    for shown in (hub.last(private), hub.emu.sent(hub.desk)[-1]):
        assert "disetujui" in shown["text"]
        assert buttons(shown) == {}
    assert hub.emu.sent(hub.desk)[-1]["message_id"] == desk_card["message_id"]
    assert "permintaan tautan" not in texts(await hub.say(hub.admin, private, "/verifikasi"))

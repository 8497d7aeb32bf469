"""Buttons of registration and verification after their step: answered, and removed."""

from __future__ import annotations

from typing import Any

from bot.models.people import Role
from bot.models.registrasi import KimDraft, KimStatus
from tests.conftest import Hub, buttons, texts
from tests.registrasi.test_registration import BUNUT_HILIR, kim_group


def now_shown(hub: Hub, message: dict[str, Any]) -> dict[str, Any]:
    """A message as the chat now shows it (after edits)."""
    chat_id, message_id = message["chat"]["id"], message["message_id"]
    return next(m for m in hub.emu.sent(chat_id) if m["message_id"] == message_id)


async def test_registration_buttons_of_someone_else_or_of_a_finished_step(hub: Hub) -> None:
    ketua, warga, group = kim_group(hub.emu)
    await hub.say(ketua, group, "/daftar", reply=False)
    kecamatan = (await hub.say(ketua, group, "KIM Bunut Bersatu"))[-1]
    data = f"daftar:kec:{BUNUT_HILIR}"
    # Another member: the buttons belong to the registering admin, and stay.
    foreign = hub.emu.press(warga, kecamatan, data)
    await hub.process(foreign)
    assert "milik admin yang sedang mendaftarkan" in hub.answer_to(foreign)["text"]
    assert data in buttons(now_shown(hub, kecamatan))
    # After /batal the step is over: the press is answered and the buttons go away.
    assert "dibatalkan" in texts(await hub.say(ketua, group, "/batal", reply=False))
    for who in (ketua, warga):
        late = hub.emu.press(who, kecamatan, data)
        await hub.process(late)
        assert "sudah selesai" in hub.answer_to(late)["text"]
        assert buttons(now_shown(hub, kecamatan)) == {}
    assert await hub.store.kim_by_chat(group.id) is None


async def test_back_to_kecamatan_closes_the_desa_page(hub: Hub) -> None:
    ketua, _, group = kim_group(hub.emu)
    await hub.say(ketua, group, "/daftar", reply=False)
    kecamatan = (await hub.say(ketua, group, "KIM Bunut Bersatu"))[-1]
    desa_page = (await hub.press(ketua, kecamatan, f"daftar:kec:{BUNUT_HILIR}"))[-1]
    await hub.press(ketua, desa_page, "daftar:kembali")
    assert buttons(now_shown(hub, desa_page)) == {}


async def test_a_second_tolak_while_a_reason_is_awaited_is_answered(hub: Hub) -> None:
    draft = KimDraft("KIM Kalis", "61.06.18.2001", "61.06.18", "camat", "1/2025", None)
    kalis = await hub.store.register_kim(draft, -4999, 5)
    draft = KimDraft("KIM Embau", "61.06.18.2002", "61.06.18", "camat", "2/2025", None)
    embau = await hub.store.register_kim(draft, -4998, 6)
    chat = hub.emu.private_chat(hub.admin)
    # /verifikasi shows one card at a time: the same message serves both KIMs' buttons.
    kalis_card = embau_card = (await hub.say(hub.admin, chat, "/verifikasi"))[-1]
    await hub.press(hub.admin, kalis_card, f"verif:tolak:{kalis.id}")
    for card, kim in ((kalis_card, kalis), (embau_card, embau)):
        again = hub.emu.press(hub.admin, card, f"verif:tolak:{kim.id}")
        assert await hub.process(again) == []
        answer = hub.answer_to(again)
        assert "Alasan penolakan KIM Kalis masih ditunggu" in answer["text"]
        assert "/batal" in answer["text"]
    # The reason still goes to the KIM it was asked for.
    await hub.say(hub.admin, chat, "SK belum ditandatangani camat")
    found = await hub.store.get_kim(kalis.id)
    assert found is not None
    assert found.status == KimStatus.REJECTED
    found = await hub.store.get_kim(embau.id)
    assert found is not None
    assert found.status == KimStatus.PENDING


async def test_tolak_again_after_the_awaited_kim_was_decided_elsewhere(hub: Hub) -> None:
    second = hub.emu.user("Eko")
    await hub.store.grant_role(second.id, Role.ADMIN, hub.admin.id)
    draft = KimDraft("KIM Kalis", "61.06.18.2001", "61.06.18", "camat", "1/2025", None)
    kalis = await hub.store.register_kim(draft, -4999, 5)
    draft = KimDraft("KIM Embau", "61.06.18.2002", "61.06.18", "camat", "2/2025", None)
    embau = await hub.store.register_kim(draft, -4998, 6)
    chat = hub.emu.private_chat(hub.admin)
    kalis_card = embau_card = (await hub.say(hub.admin, chat, "/verifikasi"))[-1]
    await hub.press(hub.admin, kalis_card, f"verif:tolak:{kalis.id}")
    eko_card = (await hub.say(second, hub.emu.private_chat(second), "/verifikasi"))[-1]
    await hub.press(second, eko_card, f"verif:ok:{kalis.id}")
    asked = await hub.press(hub.admin, embau_card, f"verif:tolak:{embau.id}")
    assert "alasan penolakan untuk KIM Embau" in texts(asked)
    await hub.say(hub.admin, chat, "Nomor SK tidak terbaca")
    found = await hub.store.get_kim(embau.id)
    assert found is not None
    assert found.status == KimStatus.REJECTED


async def test_jabatan_buttons_for_a_member_who_left(hub: Hub) -> None:
    ketua, warga, group = kim_group(hub.emu)
    draft = KimDraft("KIM Bunut", "61.06.05.2002", BUNUT_HILIR, None, None, None)
    kim = await hub.store.register_kim(draft, group.id, ketua.id)
    await hub.store.add_member(kim.id, warga.id, "Yanti")
    members = (await hub.say(ketua, group, "/jabatan", reply=False))[-1]
    await hub.press(ketua, members, f"jabatan:pilih:{warga.id}")
    await hub.say(warga, group, "/keluar", reply=False)
    late = hub.emu.press(ketua, now_shown(hub, members), f"jabatan:set:{warga.id}:ketua")
    await hub.process(late)
    assert "bukan anggota" in hub.answer_to(late)["text"]
    assert buttons(now_shown(hub, members)) == {}

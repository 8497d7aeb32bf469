""" "Hubungi KIM ini": a receiving KIM asks the sharing KIM for contact; nothing personal
crosses until an admin of the sharing KIM's group accepts, and a decline names nobody."""

from __future__ import annotations

from typing import Any

from bot.models.jaringan import ContactStatus
from tests.conftest import Hub, buttons, texts
from tests.implementasi.helpers import BIKA, EMBALOH_HULU, KimGroup
from tests.jaringan.helpers import Verified, approved_share, opted_in, stories, verified_report


async def _shared(hub: Hub) -> tuple[Verified, KimGroup, KimGroup]:
    report = await verified_report(hub)
    bika = await opted_in(hub, "KIM Bika", BIKA)
    hulu = await opted_in(hub, "KIM Hulu", EMBALOH_HULU)
    await approved_share(hub, report)
    return report, bika, hulu


async def _ask(hub: Hub, kim: KimGroup, sharing: KimGroup) -> dict[str, Any]:
    """A member of `kim` presses "Hubungi KIM ini"; the request card in the sharing group."""
    [story] = stories(hub, kim)
    press = hub.emu.press(kim.members[2], story, "hub:minta:1")
    [card] = await hub.process(press)
    assert "Permintaan kontak dikirim" in hub.answer_to(press)["text"]
    assert card["chat"]["id"] == sharing.group.id
    return card


async def test_a_contact_request_accepted(hub: Hub) -> None:
    report, bika, _ = await _shared(hub)
    sharing = report.kim
    card = await _ask(hub, bika, sharing)
    assert "KIM Bika" in card["text"]
    assert "tg://user" not in card["text"]  # nothing personal before the answer
    assert "@" not in card["text"]
    [data_accept, data_refuse] = buttons(card)
    # A member who is not an admin of the sharing group cannot answer.
    press = hub.emu.press(sharing.members[1], card, data_accept)
    assert await hub.process(press) == []
    assert "Hanya admin grup" in hub.answer_to(press)["text"]
    press = hub.emu.press(sharing.ketua, card, data_accept)
    await hub.process(press)
    assert "Diterima" in hub.answer_to(press)["text"]
    await hub.outbox.wait_idle()
    [notice] = [m for m in hub.emu.sent(bika.group) if "menerima permintaan" in m.get("text", "")]
    assert "Hubungi Embaloh0 (@embaloh_0)" in notice["text"]  # the admin who accepted
    decided = hub.last(sharing.group)
    assert "✅ Diterima" in decided["text"]
    assert "Bika2" in decided["text"]  # the sharing KIM learns who asked
    assert buttons(decided) == {}
    # A second press says it was answered, and changes nothing.
    again = hub.emu.press(sharing.ketua, card, data_refuse)
    await hub.process(again)
    assert "sudah diterima" in hub.answer_to(again)["text"]
    request = await hub.store.get_contact_request(1)
    assert request is not None
    assert request.status == ContactStatus.ACCEPTED


async def test_a_contact_request_declined_names_nobody(hub: Hub) -> None:
    report, _, hulu = await _shared(hub)
    sharing = report.kim
    card = await _ask(hub, hulu, sharing)
    await hub.press(sharing.ketua, card, "hub:tolak:1")
    await hub.outbox.wait_idle()
    [notice] = [m for m in hub.emu.sent(hulu.group) if "permintaan kontak" in m.get("text", "")]
    assert "belum dapat menerima" in notice["text"]
    assert "@" not in notice["text"]
    assert sharing.ketua.first_name not in notice["text"]
    assert "✖️ Ditolak" in hub.last(sharing.group)["text"]


async def test_who_may_ask_for_contact_and_only_once(hub: Hub) -> None:
    report, bika, _ = await _shared(hub)
    [story] = stories(hub, bika)
    guest = hub.emu.user("Tamu")
    bika.group.set_member(guest, "member")
    press = hub.emu.press(guest, story, "hub:minta:1")
    assert await hub.process(press) == []
    assert "Hanya anggota KIM" in hub.answer_to(press)["text"]
    await _ask(hub, bika, report.kim)
    press = hub.emu.press(bika.members[1], story, "hub:minta:1")
    assert await hub.process(press) == []
    assert "sudah dikirim" in hub.answer_to(press)["text"]
    # A forged press for a report never shared is stale.
    press = hub.emu.press(bika.members[1], story, "hub:minta:9")
    await hub.process(press)
    assert "tidak tersedia" in hub.answer_to(press)["text"]
    assert "Permintaan kontak" in texts(hub.emu.sent(report.kim.group))

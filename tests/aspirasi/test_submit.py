"""Submitting an aspiration: the conversation, the code at once, the desk's card."""

from __future__ import annotations

from bot.models.aspirasi import Category, Identity, Status
from tests.aspirasi.conftest import DESA, TEXT, Opds, card_in, deliver, submit
from tests.conftest import Hub, buttons


async def test_a_citizen_files_and_gets_a_code_at_once(desk_hub: Hub, opds: Opds) -> None:
    hub = desk_hub
    warga = hub.emu.user("Siti", username="siti_kh")
    aspiration = await submit(hub, warga)
    assert aspiration.code.startswith("ASP-")
    assert aspiration.category == Category.INFRASTRUKTUR
    assert aspiration.desa_kode == DESA
    assert aspiration.identity == Identity.SHOWN
    assert aspiration.reporter_name == "Siti"
    assert aspiration.status == Status.RECEIVED
    await deliver(hub)
    card = card_in(hub, hub.desk, aspiration.code)
    assert "Siti" in card["text"]
    assert "Ariung Mendalam" in card["text"]
    assert TEXT in card["text"]
    assert set(buttons(card)) == {
        f"aspm:st:{aspiration.id}:diverifikasi", f"aspm:st:{aspiration.id}:ditolak",
        f"aspm:st:{aspiration.id}:duplikat", f"aspm:tanya:{aspiration.id}",
    }  # fmt: skip
    assert hub.emu.sent(opds.pupr) == []  # the OPD hears of it once it is forwarded

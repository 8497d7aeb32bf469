"""A filing and its desk card, a change and its effects (card edits, the citizen's notice):
together or not at all. A failure between them undoes the step; pressing or typing again
does it once."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.models.aspirasi import Status
from tests.aspirasi.conftest import (
    KECAMATAN,
    TEXT,
    card_in,
    deliver,
    only,
    press_button,
    store_of,
    submit,
)
from tests.bot.faulty_store import faulty, in_the_bot
from tests.conftest import Hub, HubFactory, texts

FAULTS = ["aspiration_cards", "add_outbox_batch", "COMMIT"]


@pytest.fixture
async def faulty_hub(start_hub: HubFactory, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Hub]:
    in_the_bot(monkeypatch)
    async with start_hub() as hub:
        yield hub


@pytest.mark.parametrize("fault", FAULTS[1:])
async def test_a_filing_and_its_card_happen_together(faulty_hub: Hub, fault: str) -> None:
    hub = faulty_hub
    warga = hub.emu.user("Siti")
    chat = hub.emu.private_chat(warga)
    [ask] = only(await hub.say(warga, chat, "/aspirasi"), chat)
    [place] = (await press_button(hub, warga, ask, "asp:kat:infrastruktur"))[-1:]
    [desa] = (await press_button(hub, warga, place, f"asp:kec:{KECAMATAN}"))[-1:]
    await press_button(hub, warga, desa, "asp:desa:61.06.01.2011")
    [photos] = (await hub.say(warga, chat, TEXT))[-1:]
    [who] = (await press_button(hub, warga, photos, "asp:foto"))[-1:]
    [summary] = (await press_button(hub, warga, who, "asp:id:tampil"))[-1:]
    failing = faulty(hub.store).fail(fault)
    apology = texts(await hub.press(warga, summary, "asp:kirim"))
    assert failing.fired == 1
    assert "Maaf, terjadi kesalahan" in apology
    await deliver(hub)
    assert await store_of(hub).count_aspirations_of(warga.id) == 0
    assert not [m for m in hub.emu.sent(hub.desk) if "📣 Aspirasi" in m.get("text", "")]
    # Nothing half done: the citizen presses again, and it is filed once, with one card.
    assert "Kode pelacakan" in texts(await hub.press(warga, summary, "asp:kirim"))
    await deliver(hub)
    [ticket] = await store_of(hub).aspirations_of(warga.id, 10)
    assert len([m for m in hub.emu.sent(hub.desk) if ticket.code in m.get("text", "")]) == 1


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_change_and_its_effects_happen_together(faulty_hub: Hub, fault: str) -> None:
    hub = faulty_hub
    warga = hub.emu.user("Siti")
    citizen = hub.emu.private_chat(warga)
    asp = await submit(hub, warga)
    await deliver(hub)
    card = card_in(hub, hub.desk, asp.code)
    await press_button(hub, hub.admin, card, f"aspm:st:{asp.id}:ditolak")
    told = len(hub.emu.sent(citizen))
    failing = faulty(hub.store).fail(fault)
    await hub.say(hub.admin, hub.desk, "Di luar kewenangan kabupaten.")
    assert failing.fired == 1
    await deliver(hub)
    assert await store_of(hub).get_aspiration(asp.id) == asp
    assert len(hub.emu.sent(citizen)) == told
    # The note is still awaited: typed again, it rejects once, with every effect once.
    await hub.say(hub.admin, hub.desk, "Di luar kewenangan kabupaten.")
    await deliver(hub)
    rejected = await store_of(hub).get_aspiration(asp.id)
    assert rejected is not None
    assert rejected.status == Status.REJECTED
    assert len(hub.emu.sent(citizen)) == told + 1
    assert "Di luar kewenangan kabupaten." in hub.emu.sent(citizen)[-1]["text"]
    assert "✖️ Ditolak" in card_in(hub, hub.desk, asp.code)["text"]


@pytest.mark.parametrize("fault", FAULTS[1:])
async def test_an_answer_and_its_notices_happen_together(faulty_hub: Hub, fault: str) -> None:
    hub = faulty_hub
    warga = hub.emu.user("Siti")
    citizen = hub.emu.private_chat(warga)
    asp = await submit(hub, warga)
    await deliver(hub)
    await press_button(hub, hub.admin, card_in(hub, hub.desk, asp.code), f"aspm:tanya:{asp.id}")
    await hub.say(hub.admin, hub.desk, "Di RT berapa?")
    await deliver(hub)
    question = hub.emu.sent(citizen)[-1]
    await press_button(hub, warga, question, f"aspw:jawab:{asp.id}")
    failing = faulty(hub.store).fail(fault)
    await hub.say(warga, citizen, "RT 03 dekat masjid.")
    assert failing.fired == 1
    await deliver(hub)
    assert await store_of(hub).awaits_answer(asp.id)
    assert "RT 03" not in texts(hub.emu.sent(hub.desk))
    assert "sudah diteruskan" in texts(await hub.say(warga, citizen, "RT 03 dekat masjid."))
    await deliver(hub)
    assert len([m for m in hub.emu.sent(hub.desk) if "RT 03" in m.get("text", "")
                and "Jawaban pelapor" in m["text"]]) == 1  # fmt: skip

"""The whole lifecycle through the emulator: filed, verified by the desk, forwarded to an OPD,
acted on in the OPD's group with the same buttons, a question answered, finished, rated and
reopened — and the citizen hears of every change with its note.
"""

from __future__ import annotations

from typing import Any

from bot.emulator import Chat
from bot.models.aspirasi import Aspiration, Status
from tests.aspirasi.conftest import Opds, act, card_in, deliver, press_button, store_of, submit
from tests.conftest import Hub, buttons, texts


def notices(hub: Hub, chat: Chat, code: str) -> list[dict[str, Any]]:
    """What the citizen was told about a ticket, oldest first."""
    return [m for m in hub.emu.sent(chat) if (code in m.get("text", "") and "🔔" in m["text"])
            or "❓ Pertanyaan" in m.get("text", "")]  # fmt: skip


async def verify_and_forward(hub: Hub, opds: Opds, citizen: Chat, asp: Aspiration) -> None:
    """The desk verifies (with a note) and forwards to PUPR (without one), by the buttons."""
    code, n = asp.code, asp.id
    said = await act(hub, hub.admin, hub.desk, code, f"aspm:st:{n}:diverifikasi", "Sudah dicek.")
    assert "sekarang: ✅ Diverifikasi" in said
    assert "Sudah dicek." in notices(hub, citizen, code)[-1]["text"]

    # Teruskan ke OPD: the card's buttons become the OPD list (PUPR handles infrastruktur).
    await deliver(hub)
    card = card_in(hub, hub.desk, code)
    await press_button(hub, hub.admin, card, f"aspm:opd:{n}")
    picker = card_in(hub, hub.desk, code)
    assert buttons(picker)[f"aspm:ke:{n}:pupr"] == "Dinas PUPR"
    replies = await press_button(hub, hub.admin, picker, f"aspm:ke:{n}:pupr")
    replies += await press_button(hub, hub.admin, replies[-1], "aspm:tanpa")
    await deliver(hub)
    assert "Diteruskan ke Dinas PUPR" in notices(hub, citizen, code)[-1]["text"]
    opd_card = card_in(hub, opds.pupr, code)  # the OPD's group got the card, with buttons
    assert f"aspm:st:{n}:ditindaklanjuti" in buttons(opd_card)
    assert buttons(card_in(hub, hub.desk, code)) == buttons(opd_card)  # the same buttons


async def test_desk_and_opd_move_it_to_selesai_and_the_citizen_hears_each_step(
    desk_hub: Hub, opds: Opds
) -> None:
    hub, store = desk_hub, store_of(desk_hub)
    warga = hub.emu.user("Siti")
    citizen = hub.emu.private_chat(warga)
    asp = await submit(hub, warga)
    code, n = asp.code, asp.id
    await verify_and_forward(hub, opds, citizen, asp)
    staff = opds.pupr_staff
    await act(hub, staff, opds.pupr, code, f"aspm:st:{n}:ditindaklanjuti", "Tim survei berangkat.")
    # A question; the citizen answers through the bot, and the answer reaches both groups.
    said = await act(hub, staff, opds.pupr, code, f"aspm:tanya:{n}", "Di RT berapa tepatnya?")
    assert "Pertanyaan untuk pelapor" in said
    question = notices(hub, citizen, code)[-1]
    assert "Di RT berapa tepatnya?" in question["text"]
    ask = await press_button(hub, warga, question, f"aspw:jawab:{n}")
    assert "Tulis jawaban" in texts(ask)
    assert "sudah diteruskan" in texts(await hub.say(warga, citizen, "RT 03, dekat masjid."))
    await deliver(hub)
    for group in (hub.desk, opds.pupr):
        assert "RT 03, dekat masjid." in texts(hub.emu.sent(group))
    history = [e.kind for e in await store.aspiration_events(n)]
    assert history[-2:] == ["question", "answer"]

    await act(hub, staff, opds.pupr, code, f"aspm:st:{n}:selesai", "Jalan sudah ditimbun.")
    done = notices(hub, citizen, code)[-1]
    assert "🏁 Selesai" in done["text"]
    assert "Jalan sudah ditimbun." in done["text"]
    assert set(buttons(done)) == {*(f"aspw:nilai:{n}:{s}" for s in range(1, 6)), f"aspw:ulang:{n}"}
    for chat in (hub.desk, opds.pupr):  # every card shows it, without buttons
        assert "🏁 Selesai" in card_in(hub, chat, code)["text"]
        assert buttons(card_in(hub, chat, code)) == {}

    await press_button(hub, warga, done, f"aspw:nilai:{n}:4")
    [rated] = [m for m in hub.emu.sent(citizen) if m["message_id"] == done["message_id"]]
    assert buttons(rated) == {f"aspw:ulang:{n}": "🔁 Buka kembali"}  # the stars are gone
    await deliver(hub)
    for chat in (hub.desk, opds.pupr):
        assert "Penilaian pelapor: 4/5" in card_in(hub, chat, code)["text"]
    finished = await store.get_aspiration(n)
    assert finished is not None
    assert (finished.status, finished.rating) == (Status.DONE, 4)
    statuses = [e.status for e in await store.aspiration_events(n) if e.kind == "status"]
    assert statuses == [Status.RECEIVED, Status.VERIFIED, Status.FORWARDED, Status.IN_PROGRESS,
                        Status.DONE]  # fmt: skip
    told = [m["text"] for m in notices(hub, citizen, code)]
    assert len(told) == 5  # four changes and one question, each told once


async def test_the_citizen_reopens_once(desk_hub: Hub, opds: Opds) -> None:
    hub, store = desk_hub, store_of(desk_hub)
    warga = hub.emu.user("Siti")
    citizen = hub.emu.private_chat(warga)
    asp = await submit(hub, warga)
    code, n = asp.code, asp.id
    await act(hub, hub.admin, hub.desk, code, f"aspm:st:{n}:diverifikasi", None)
    await act(hub, hub.admin, hub.desk, code, f"aspm:st:{n}:selesai", "Sudah diperbaiki desa.")
    done = notices(hub, citizen, code)[-1]
    asked = await press_button(hub, warga, done, f"aspw:ulang:{n}")
    assert "Mengapa" in texts(asked)
    assert "dibuka kembali" in texts(await hub.say(warga, citizen, "Jalannya rusak lagi."))
    await deliver(hub)
    reopened = await store.get_aspiration(n)
    assert reopened is not None
    assert (reopened.status, reopened.reopened) == (Status.VERIFIED, True)
    card = card_in(hub, hub.desk, code)  # a new card, with buttons again
    assert "Jalannya rusak lagi." in card["text"]
    assert f"aspm:st:{n}:selesai" in buttons(card)
    await act(hub, hub.admin, hub.desk, code, f"aspm:st:{n}:selesai", "Diperbaiki lagi, tuntas.")
    again = notices(hub, citizen, code)[-1]
    assert f"aspw:ulang:{n}" not in buttons(again)  # once only
    refused = await hub.press(warga, done, f"aspw:ulang:{n}")  # the old button
    assert refused == [] or "tidak bisa dibuka kembali" in texts(refused)

"""The submission as a conversation: the code's month in KIM_TIMEZONE, the deadline, stale
buttons, a restart midway, the three conversations' timeouts, OPD without a group."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram.ext import ConversationHandler

from bot.models.aspirasi import Status
from broadcasts.aspirasi.calendar import verification_due
from tests.aspirasi.conftest import (
    KECAMATAN,
    TEXT,
    Opds,
    act,
    card_in,
    deliver,
    only,
    press_button,
    store_of,
    submit,
)
from tests.conftest import Hub, HubFactory, buttons, texts

# Monday 30 November 2026, 20:00 UTC: already Tuesday 1 December 03:00 in Pontianak.
LATE = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)


def conversation(hub: Hub, name: str) -> ConversationHandler[Any]:
    found = [h for h in hub.app.handlers[0] if isinstance(h, ConversationHandler)]
    return next(h for h in found if h.name == name)


async def test_the_code_counts_the_local_month_and_the_deadline_working_days(
    start_hub: HubFactory,
) -> None:
    async with start_hub(clock=lambda: LATE) as hub:
        first = await submit(hub, hub.emu.user("Siti"))
        second = await submit(hub, hub.emu.user("Budi"))
        assert (first.code, second.code) == ("ASP-2612-0001", "ASP-2612-0002")
        assert first.created_at == LATE
        tz = hub.services.config.timezone
        assert first.due_at == verification_due(LATE, tz)
        assert first.due_at.astimezone(tz).date().isoformat() == "2026-12-04"  # Fri, 3 working days


async def test_buttons_of_a_finished_submission_are_retired(hub: Hub) -> None:
    warga = hub.emu.user("Siti")
    chat = hub.emu.private_chat(warga)
    [ask] = only(await hub.say(warga, chat, "/aspirasi"), chat)
    await submit(hub, warga)  # /aspirasi again: the first one's buttons are over
    press = hub.emu.press(warga, ask, "asp:kat:pertanian")
    await hub.process(press)
    assert "sudah tidak berlaku" in hub.answer_to(press)["text"]
    assert buttons(hub.emu.sent(chat)[0]) == {}
    press = hub.emu.press(warga, ask, "aspw:nilai:1:5")  # not theirs to rate yet
    await hub.process(press)
    assert "tidak lagi selesai" in hub.answer_to(press)["text"]


async def test_a_submission_survives_a_restart(start_hub: HubFactory) -> None:
    async with start_hub() as hub:
        warga = hub.emu.user("Siti")
        chat = hub.emu.private_chat(warga)
        [ask] = only(await hub.say(warga, chat, "/aspirasi"), chat)
        [place] = (await press_button(hub, warga, ask, "asp:kat:pendidikan"))[-1:]
        [desa] = (await press_button(hub, warga, place, f"asp:kec:{KECAMATAN}"))[-1:]
        await press_button(hub, warga, desa, "asp:desa:61.06.01.2011")
    async with start_hub() as hub:
        [photos] = (await hub.say(warga, chat, TEXT))[-1:]
        [who] = (await press_button(hub, warga, photos, "asp:foto"))[-1:]
        [summary] = (await press_button(hub, warga, who, "asp:id:anonim"))[-1:]
        assert "Pendidikan" in summary["text"]
        assert "Ariung Mendalam" in summary["text"]
        assert "Kode pelacakan" in texts(await press_button(hub, warga, summary, "asp:kirim"))


async def test_each_conversation_times_out_politely(desk_hub: Hub) -> None:
    hub = desk_hub
    warga = hub.emu.user("Siti")
    chat = hub.emu.private_chat(warga)
    await hub.say(warga, chat, "/aspirasi")
    asp = await submit(hub, hub.emu.user("Budi"))
    await deliver(hub)
    await press_button(hub, hub.admin, card_in(hub, hub.desk, asp.code),
                       f"aspm:st:{asp.id}:ditolak")  # fmt: skip
    expected = {
        "aspirasi": "Pengisian aspirasi berhenti",
        "aspirasi_catatan": "tidak ada yang diubah",
    }
    for name, said in expected.items():
        handler = conversation(hub, name)
        assert handler.conversation_timeout is not None
        [job] = list(handler.timeout_jobs.values())
        before = len(hub.emu.calls)
        await job.run(hub.app)
        job.schedule_removal()
        sent = [c.result for c in hub.emu.calls[before:] if c.method.lower() == "sendmessage"]
        assert said in texts(sent), name
        assert handler.timeout_jobs == {}
    assert "aspirasi" not in hub.app.user_data[warga.id]
    assert "aspirasi_catatan" not in hub.app.user_data[hub.admin.id]
    assert await store_of(hub).get_aspiration(asp.id) == asp
    assert conversation(hub, "aspirasi_balas").conversation_timeout is not None


async def test_an_opd_without_a_group_is_handled_by_the_desk(desk_hub: Hub, opds: Opds) -> None:
    hub = desk_hub
    warga = hub.emu.user("Siti")
    asp = await submit(hub, warga, category="layanan_publik")
    await act(hub, hub.admin, hub.desk, asp.code, f"aspm:st:{asp.id}:diverifikasi", None)
    card = card_in(hub, hub.desk, asp.code)
    await press_button(hub, hub.admin, card, f"aspm:opd:{asp.id}")
    picker = card_in(hub, hub.desk, asp.code)
    assert next(iter(buttons(picker))) == f"aspm:ke:{asp.id}:dukcapil"  # its category's first
    await press_button(hub, hub.admin, picker, f"aspm:kartu:{asp.id}")
    assert f"aspm:opd:{asp.id}" in buttons(card_in(hub, hub.desk, asp.code))  # buttons back
    await press_button(hub, hub.admin, card_in(hub, hub.desk, asp.code), f"aspm:opd:{asp.id}")
    await press_button(hub, hub.admin, card_in(hub, hub.desk, asp.code),
                       f"aspm:ke:{asp.id}:dukcapil")  # fmt: skip
    await hub.say(hub.admin, hub.desk, "Diteruskan ke Disdukcapil.")
    await deliver(hub)
    forwarded = await store_of(hub).get_aspiration(asp.id)
    assert forwarded is not None
    assert (forwarded.status, forwarded.opd_id) == (Status.FORWARDED, "dukcapil")
    card = card_in(hub, hub.desk, asp.code)
    assert "OPD: Disdukcapil" in card["text"]
    assert f"aspm:st:{asp.id}:selesai" in buttons(card)  # the desk acts for it
    for group in (opds.pupr, opds.dinkes):
        assert hub.emu.sent(group) == []
    assert "Diteruskan ke Disdukcapil" in texts(hub.emu.sent(hub.emu.private_chat(warga)))


async def test_no_opd_configured_says_so(start_hub: HubFactory, tmp_path: Path) -> None:
    empty = tmp_path / "opd.yaml"
    empty.write_text("opd: []\n", encoding="utf-8")  # no OPD on purpose: the desk does all
    async with start_hub(opd_file=empty) as hub:
        asp = await submit(hub, hub.emu.user("Siti"))
        await act(hub, hub.admin, hub.desk, asp.code, f"aspm:st:{asp.id}:diverifikasi", None)
        card = card_in(hub, hub.desk, asp.code)
        press = hub.emu.press(hub.admin, card, f"aspm:opd:{asp.id}")
        await hub.process(press)
    assert "Daftar OPD belum diatur" in hub.answer_to(press)["text"]

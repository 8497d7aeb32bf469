"""/laporan in Telegram: an admin chooses month and scope and receives the summary, the HTML
report, the CSV and the chart; others are refused; /batal ends it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.emulator import BotApiEmulator, Chat
from handlers.laporan import callbacks as cb
from tests.conftest import Hub, HubFactory, buttons, texts
from tests.laporan.seed import MAJU_SCORE, seed

NOW = datetime(2026, 12, 10, 3, 0, tzinfo=UTC)


async def test_admin_gets_the_report_of_a_kecamatan(
    start_hub: HubFactory, emu: BotApiEmulator
) -> None:
    async with start_hub(clock=lambda: NOW) as hub:
        await seed(hub.store)
        chat = emu.private_chat(hub.admin)
        [ask] = await hub.say(hub.admin, chat, "/laporan")
        assert cb.MONTH.data("2026-11") in buttons(ask)
        [scope] = await hub.press(hub.admin, ask, cb.MONTH.data("2026-11"))
        assert cb.KECAMATAN.data("61.06.01") in buttons(scope)
        [kims] = await hub.press(hub.admin, scope, cb.KECAMATAN.data("61.06.01"))
        assert set(buttons(kims)) >= {cb.WHOLE.data("61.06.01"), cb.KIM.data(1)}
        sent = await hub.press(hub.admin, kims, cb.WHOLE.data("61.06.01"))
        summary = texts(sent)
        assert "November 2026" in summary
        assert "Kecamatan Putussibau Utara" in summary
        assert f"Skor total: {MAJU_SCORE}" in summary
        assert "belum tercatat" not in summary  # every activity is recorded
        documents = emu.calls_to("sendDocument", chat.id)
        files = {c.params["document"].filename: c.params["document"].data for c in documents}
        html = files["laporan-kim-2026-11-610601.html"].decode()
        assert "KIM Maju" in html
        assert "KIM Baru" not in html
        assert b"KIM Maju" in files["laporan-kim-2026-11-610601.csv"]
        [photo] = emu.calls_to("sendPhoto", chat.id)
        assert photo.params["photo"].data.startswith(b"\x89PNG")


async def test_others_are_refused_and_batal_ends(hub: Hub, emu: BotApiEmulator) -> None:
    warga = emu.user("Warga")
    refused = await hub.say(warga, emu.private_chat(warga), "/laporan")
    assert "hanya untuk admin" in texts(refused)
    group = emu.group("Grup", members=[hub.admin])
    assert "chat pribadi" in texts(await hub.say(hub.admin, group, "/laporan"))
    chat: Chat = emu.private_chat(hub.admin)
    [ask] = await hub.say(hub.admin, chat, "/laporan")
    assert "pilih dengan tombol" in texts(await hub.say(hub.admin, chat, "November"))
    assert "dibatalkan" in texts(await hub.say(hub.admin, chat, "/batal"))
    stale = await hub.press(hub.admin, ask, cb.MONTH.data("2026-11"))
    assert not emu.calls_to("sendDocument")
    assert "Kecamatan" not in texts(stale)


async def test_a_forged_month_is_refused(hub: Hub, emu: BotApiEmulator) -> None:
    chat = emu.private_chat(hub.admin)
    [ask] = await hub.say(hub.admin, chat, "/laporan")
    update = emu.press(hub.admin, ask, cb.MONTH.data("2026-13"))
    await hub.process(update)
    assert "tidak berlaku" in hub.answer_to(update).get("text", "")

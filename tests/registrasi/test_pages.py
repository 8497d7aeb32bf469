"""/anggota and /verifikasi with 200 long rows: every page fits Telegram, every row is seen."""

from __future__ import annotations

from datetime import date

import pytest

from bot.models.registrasi import KimDraft
from handlers.common import labels
from tests.conftest import Hub, buttons
from tests.pages import LONG, all_buttons, all_text, turn, walk

ROWS = 200


def draft(name: str) -> KimDraft:
    return KimDraft(name, "61.06.01.2005", "61.06.01", "camat", f"{LONG[:90]}/2025",
                    date(2025, 1, 2))  # fmt: skip


async def test_anggota_pages_through_every_member(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Eight members at most today; the list pages whatever the rule becomes.
    monkeypatch.setattr("bot.store.registrasi.MAX_MEMBERS", ROWS)
    ketua = hub.emu.user("Rahmat")
    group = hub.emu.group("KIM Sibau", admins=[ketua])
    kim = await hub.store.register_kim(draft(f"KIM Sibau {LONG[:45]}"), group.id, ketua.id)
    for i in range(ROWS):
        await hub.store.add_member(kim.id, 10_000 + i, f"Anggota {i:03d} {LONG}")
    first = (await hub.say(ketua, group, "/anggota", reply=False))[-1]
    pages = await walk(hub, ketua, first)
    assert len(pages) == ROWS // 10
    text = all_text(pages)
    assert all(f"{i + 1}. Anggota {i:03d}" in text for i in range(ROWS))
    assert f"({ROWS}/" in pages[-1]["text"]
    back = turn(pages[-1], labels.PREV)
    assert back == "anggota:hal:18"
    shown = await hub.press(ketua, pages[-1], back)
    assert "181. Anggota 180" in shown[-1]["text"]


async def test_verifikasi_turns_through_every_waiting_kim(hub: Hub) -> None:
    kims = [
        await hub.store.register_kim(draft(f"KIM {i:03d} {LONG}"), -5000 - i, 5)
        for i in range(ROWS)
    ]
    chat = hub.emu.private_chat(hub.admin)
    shown = await hub.say(hub.admin, chat, "/verifikasi")
    assert len(shown) == 1  # one card, not 200 messages
    pages = await walk(hub, hub.admin, shown[0])
    assert len(pages) == ROWS
    assert f"{ROWS} KIM menunggu" in pages[0]["text"]
    for kim, page in zip(kims, pages, strict=True):
        assert f"KIM {kim.id - kims[0].id:03d}" in page["text"]
        assert {f"verif:ok:{kim.id}", f"verif:tolak:{kim.id}"} <= set(buttons(page))
    assert {f"verif:ok:{k.id}" for k in kims} <= all_buttons(pages)
    stranger = hub.emu.user("Tono")
    press = hub.emu.press(stranger, pages[-1], "verif:hal:0")
    assert await hub.process(press) == []
    assert hub.answer_to(press)["show_alert"] is True

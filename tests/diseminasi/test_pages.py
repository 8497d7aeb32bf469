"""/jadwal with 200 long broadcasts: one card at a time, every card reachable, each fits."""

from __future__ import annotations

from datetime import time, timedelta

from bot.emulator import User
from bot.models.diseminasi import Content, ContentKind, Schedule, ScheduleKind, Target, TargetKind
from bot.store import utcnow
from tests.conftest import Hub, buttons
from tests.diseminasi.conftest import make_broadcaster, store_of
from tests.pages import LONG, all_buttons, walk

ROWS = 200
DAILY = Schedule(ScheduleKind.DAILY, time(7))


async def test_jadwal_turns_through_every_broadcast(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    store, tomorrow = store_of(hub), utcnow() + timedelta(days=1)
    target = Target(TargetKind.KECAMATAN, tuple(f"61.06.{i:02d}" for i in range(1, 24)))
    contents = [Content(ContentKind.TEXT, f"Siaran {i:03d} {LONG * 6}") for i in range(ROWS)]
    ids = [
        (await store.create_broadcast(broadcaster.id, c, target, DAILY, tomorrow)).id
        for c in contents
    ]
    chat = hub.emu.private_chat(broadcaster)
    shown = await hub.say(broadcaster, chat, "/jadwal")
    assert len(shown) == 1  # one card, not 200 messages
    pages = await walk(hub, broadcaster, shown[0])
    assert len(pages) == ROWS
    assert f"{ROWS} aktif" in pages[0]["text"]
    newest_first = sorted(ids, reverse=True)
    for broadcast_id, page in zip(newest_first, pages, strict=True):
        assert f"Siaran #{broadcast_id}" in page["text"]
    assert {f"jadwal:pause:{b}" for b in ids} <= all_buttons(pages)

    # A card changed on page 5 stays on page 5, with its ‹ ›.
    page = pages[4]
    paused = await hub.press(broadcaster, page, f"jadwal:pause:{newest_first[4]}")
    assert f"Siaran #{newest_first[4]}" in paused[-1]["text"]
    assert "dijeda" in paused[-1]["text"].lower()
    assert {"jadwal:hal:3", "jadwal:hal:5", f"jadwal:resume:{newest_first[4]}"} <= set(
        buttons(paused[-1])
    )

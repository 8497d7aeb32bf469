"""/berita and /kurasi with 200 long items: every page fits Telegram, every item is reached."""

from __future__ import annotations

from bot.models.akses import NewsDraft, NewsStatus
from bot.store import utcnow
from tests.akses.conftest import store_of
from tests.conftest import Hub, buttons
from tests.pages import LONG, all_text, assert_fits, walk

ROWS = 200


def draft(i: int, status: NewsStatus, topic: str) -> NewsDraft:
    link, summary = f"https://portal-a.contoh.id/{i}/{'x' * 500}", f"<b>{LONG[:300]}</b>{LONG}"
    return NewsDraft("portal-a", f"g{i}", link, f"Berita {i:03d} {LONG * 5}", f"berita {i}",
                     summary[:700], utcnow(), None, (topic,), status)  # fmt: skip


async def add_items(hub: Hub, status: NewsStatus, topic: str = "pertanian") -> list[int]:
    """ROWS items with very long titles (feeds do not cap them) and full summaries."""
    drafts = [draft(i, status, topic) for i in range(ROWS)]
    ids = await store_of(hub).add_news(drafts)
    assert None not in ids
    return [i for i in ids if i is not None]


async def test_berita_pages_through_every_item(news_hub: Hub) -> None:
    hub = news_hub
    await add_items(hub, NewsStatus.APPROVED)
    citizen = hub.emu.user("Warga")
    chat = hub.emu.private_chat(citizen)
    for command, data in (("/berita", "berita:hal::1"), ("/berita pertanian",
                                                         "berita:hal:pertanian:1")):  # fmt: skip
        first = (await hub.say(citizen, chat, command))[-1]
        assert data in buttons(first)
        pages = await walk(hub, citizen, first)
        assert len(pages) == ROWS // 10
        text = all_text(pages)
        # Newest first: the last stored item is number 1.
        assert all(f"{ROWS - i}. Berita {i:03d}" in text for i in range(ROWS))
    empty = (await hub.say(citizen, chat, "/berita kesehatan"))[-1]
    assert "Belum ada berita" in empty["text"]
    unknown = await hub.say(citizen, chat, "/berita " + "olahraga " * 450)  # 4,050 characters
    assert "tidak dikenal" in unknown[-1]["text"]
    assert_fits(hub)


async def test_kurasi_turns_through_every_waiting_item(news_hub: Hub) -> None:
    hub = news_hub
    ids = await add_items(hub, NewsStatus.PENDING)
    chat = hub.emu.private_chat(hub.admin)
    shown = await hub.say(hub.admin, chat, "/kurasi")
    assert len(shown) == 1
    pages = await walk(hub, hub.admin, shown[0])
    assert len(pages) == ROWS
    for i, (news_id, page) in enumerate(zip(ids, pages, strict=True)):
        assert f"Berita {i:03d}" in page["text"]
        assert {f"kurasi:ok:{news_id}", f"kurasi:tolak:{news_id}"} <= set(buttons(page))
    # Deciding from a later card decides that item; the oldest waiting one follows.
    decided = await hub.press(hub.admin, pages[7], f"kurasi:ok:{ids[7]}")
    await hub.outbox.wait_idle()  # the card's edit goes with the decision, by the outbox
    [card] = [m for m in hub.emu.sent(chat) if m["message_id"] == pages[7]["message_id"]]
    assert "Disetujui" in card["text"]
    # The next card is sent at once; the outbox may edit the decided card meanwhile.
    [following] = [m for m in decided if f"{ROWS - 1} menunggu" in m.get("text", "")]
    assert f"kurasi:ok:{ids[0]}" in buttons(following)
    stranger = hub.emu.user("Tono")
    press = hub.emu.press(stranger, following, "kurasi:hal:1")
    assert await hub.process(press) == []
    assert hub.answer_to(press)["show_alert"] is True

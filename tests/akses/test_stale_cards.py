"""A curator's card of an item decided elsewhere: the press is answered, the buttons go.

A decision and its card's edit are one unit: a step that fails between them undoes both.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.models.akses import NewsStatus
from bot.models.people import Role
from bot.store import utcnow
from broadcasts.akses.feeds import FeedsConfig
from tests.akses.conftest import poller, rss, store_of
from tests.bot.faulty_store import faulty, in_the_bot
from tests.conftest import Hub, HubFactory, buttons
from tests.feeds_server import FeedsServer

PADI = ("Panen padi di Embaloh Hilir meningkat", "https://portal-a.contoh.id/padi", "Petani.")


@pytest.fixture
async def faulty_hub(start_hub: HubFactory, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Hub]:
    in_the_bot(monkeypatch)
    async with start_hub() as hub:
        assert hub.app.job_queue is not None
        for job in hub.app.job_queue.jobs():
            if job.name and job.name.startswith("broadcast:feed:"):
                job.schedule_removal()
        yield hub


async def curation_card(hub: Hub, feeds_server: FeedsServer) -> tuple[dict[str, Any], int]:
    feeds_server.add("/a.xml", rss([PADI]))
    await poller(hub).poll(hub.service(FeedsConfig).source("portal-a"), utcnow())
    card = (await hub.say(hub.admin, hub.emu.private_chat(hub.admin), "/kurasi"))[-1]
    return card, int(next(iter(buttons(card))).rsplit(":", 1)[1])


def now_shown(hub: Hub, message: dict[str, Any]) -> dict[str, Any]:
    chat_id, message_id = message["chat"]["id"], message["message_id"]
    return next(m for m in hub.emu.sent(chat_id) if m["message_id"] == message_id)


async def test_card_of_an_item_decided_by_another_curator(
    news_hub: Hub, feeds_server: FeedsServer
) -> None:
    hub = news_hub
    feeds_server.add("/a.xml", rss([PADI]))
    await poller(hub).poll(hub.service(FeedsConfig).source("portal-a"), utcnow())
    kurator = hub.emu.user("Kiki")
    await store_of(hub).grant_role(kurator.id, Role.CURATOR, hub.admin.id)
    kiki_chat = hub.emu.private_chat(kurator)
    kiki_card = (await hub.say(kurator, kiki_chat, "/kurasi"))[-1]
    admin_card = (await hub.say(hub.admin, hub.emu.private_chat(hub.admin), "/kurasi"))[-1]
    news_id = int(next(iter(buttons(admin_card))).rsplit(":", 1)[1])
    await hub.press(hub.admin, admin_card, f"kurasi:ok:{news_id}")
    late = hub.emu.press(kurator, kiki_card, f"kurasi:tolak:{news_id}")
    await hub.process(late)
    assert "sudah disetujui oleh Dina pukul" in hub.answer_to(late)["text"]
    [shown] = [m for m in hub.emu.sent(kiki_chat) if m["message_id"] == kiki_card["message_id"]]
    assert buttons(shown) == {}
    assert "Disetujui oleh Dina pukul" in shown["text"]
    again = hub.emu.press(hub.admin, admin_card, f"kurasi:ok:{news_id}")
    await hub.process(again)
    assert "sudah disetujui oleh Anda pukul" in hub.answer_to(again)["text"]


@pytest.mark.parametrize("fault", ["add_outbox_batch", "COMMIT"])
async def test_a_curation_and_its_card_edit_happen_together(
    faulty_hub: Hub, feeds_server: FeedsServer, fault: str
) -> None:
    hub = faulty_hub
    card, news_id = await curation_card(hub, feeds_server)
    failing = faulty(hub.store).fail(fault)
    await hub.press(hub.admin, card, f"kurasi:ok:{news_id}")
    assert failing.fired == 1
    await hub.outbox.wait_idle()
    news = await hub.store.get_news(news_id)
    assert news is not None
    assert news.status == NewsStatus.PENDING
    assert f"kurasi:ok:{news_id}" in buttons(now_shown(hub, card))
    assert await hub.store.outbox_counts() == {}
    await hub.press(hub.admin, card, f"kurasi:ok:{news_id}")
    await hub.outbox.wait_idle()
    shown = now_shown(hub, card)
    assert "Disetujui oleh Dina" in shown["text"]
    assert buttons(shown) == {}

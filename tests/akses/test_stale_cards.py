"""A curator's card of an item decided elsewhere: the press is answered, the buttons go."""

from __future__ import annotations

from bot.models.people import Role
from bot.store import utcnow
from broadcasts.akses.feeds import FeedsConfig
from tests.akses.conftest import poller, rss, store_of
from tests.conftest import Hub, buttons
from tests.feeds_server import FeedsServer

PADI = ("Panen padi di Embaloh Hilir meningkat", "https://portal-a.contoh.id/padi", "Petani.")


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

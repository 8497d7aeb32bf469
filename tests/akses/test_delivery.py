"""From a feed to the KIM groups: curation, topic routing, de-duplication, digests, quiet hours."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

from bot.models.akses import NewsStatus
from bot.store import utcnow
from broadcasts.akses.feeds import FeedsConfig, Source
from broadcasts.akses.jobs import deliver_digests
from tests.akses.conftest import context_of, kim_group, poller, rss, store_of
from tests.conftest import Hub, buttons
from tests.feeds_server import FeedsServer

STUNTING = (
    "Posyandu Putussibau gencarkan pencegahan stunting",
    "https://portal-a.contoh.id/berita/1",
    "Kader posyandu mendatangi rumah warga.",
)
STUNTING_COPY = (
    "Posyandu Putussibau Gencarkan Pencegahan Stunting - ANTARA News",
    "https://portal-b.contoh.id/2026/03/posyandu-stunting?utm_source=rss",
    "Salinan berita yang sama dari portal lain.",
)
PUPUK = ("Petani Embaloh terima pupuk bersubsidi", "https://wire.contoh.id/a/9", "Pupuk tiba.")
SEKOLAH = ("Guru honorer di Badau dapat beasiswa", "https://wire.contoh.id/a/10", "Beasiswa.")


def source(hub: Hub, source_id: str) -> Source:
    return hub.service(FeedsConfig).source(source_id)


async def poll(hub: Hub, source_id: str) -> Any:
    return await poller(hub).poll(source(hub, source_id), utcnow())


def news_sent(hub: Hub, chat_id: int) -> list[dict[str, Any]]:
    return [m for m in hub.emu.sent(chat_id) if "berita:sebar" in str(m.get("reply_markup"))]


async def test_approved_item_reaches_subscribed_kims_once(
    news_hub: Hub, feeds_server: FeedsServer
) -> None:
    hub = news_hub
    sehat = await kim_group(hub, "KIM Sehat")
    tani = await kim_group(hub, "KIM Tani")
    await store_of(hub).set_kim_topic(tani.kim.id, "kesehatan", False)
    feeds_server.add("/a.xml", rss([STUNTING]))
    report = await poll(hub, "portal-a")
    assert report.counts.new == 1

    # The curator approves it with the button on the /kurasi card.
    private = hub.emu.private_chat(hub.admin)
    card = (await hub.say(hub.admin, private, "/kurasi"))[-1]
    assert "1 menunggu" in card["text"]
    assert STUNTING[0] in card["text"]
    news_id = int(next(iter(buttons(card))).rsplit(":", 1)[1])
    await hub.press(hub.admin, card, f"kurasi:ok:{news_id}")
    await hub.outbox.wait_idle()  # the card's edit goes with the decision, by the outbox
    assert "Disetujui" in hub.emu.sent(private)[-2]["text"]
    assert "Tidak ada berita" in hub.last(private)["text"]

    keys = await deliver_digests(context_of(hub), utcnow())
    await hub.outbox.wait_idle()
    assert len(keys) == 1
    [message] = news_sent(hub, sehat.chat.id)
    assert STUNTING[0] in message["text"]
    assert buttons(message) == {
        f"berita:sebar:{news_id}": "✅ Sudah disebarluaskan",
        f"diskusi:berita:{news_id}": "💬 Diskusikan",
    }
    assert news_sent(hub, tani.chat.id) == []  # switched kesehatan off

    # The same story from a second source is a duplicate and never reaches them again.
    feeds_server.add("/b.xml", rss([STUNTING_COPY]))
    report = await poll(hub, "portal-b")
    assert (report.counts.new, report.counts.duplicates) == (0, 1)
    assert await store_of(hub).count_pending_news() == 0
    assert await deliver_digests(context_of(hub), utcnow()) == []
    assert await store_of(hub).delivered_to(news_id) == [sehat.kim.id]


async def test_several_items_go_as_one_digest(news_hub: Hub, feeds_server: FeedsServer) -> None:
    hub = news_hub
    group = await kim_group(hub, "KIM Maju")
    feeds_server.add("/c.xml", rss([PUPUK, SEKOLAH]))
    report = await poll(hub, "wire")  # an auto source: approved without a curator
    assert report.counts.new == 2
    await deliver_digests(context_of(hub), utcnow())
    await hub.outbox.wait_idle()
    [digest] = news_sent(hub, group.chat.id)
    assert PUPUK[0] in digest["text"]
    assert SEKOLAH[0] in digest["text"]
    assert "2 berita" in digest["text"]
    assert set(buttons(digest).values()) == {
        "✅ Sudah disebarluaskan (1)", "💬 Diskusikan (1)",
        "✅ Sudah disebarluaskan (2)", "💬 Diskusikan (2)",
    }  # fmt: skip
    assert await deliver_digests(context_of(hub), utcnow()) == []


async def test_topic_routing(news_hub: Hub, feeds_server: FeedsServer) -> None:
    hub = news_hub
    store = store_of(hub)
    tani = await kim_group(hub, "KIM Tani")
    guru = await kim_group(hub, "KIM Guru")
    for topic in ("kesehatan", "pendidikan"):
        await store.set_kim_topic(tani.kim.id, topic, False)
    await store.set_kim_topic(guru.kim.id, "pertanian", False)
    assert [k.id for k in await store.kims_for_topics(["pertanian"])] == [tani.kim.id]
    assert [k.id for k in await store.kims_for_topics(["pendidikan"])] == [guru.kim.id]
    feeds_server.add("/c.xml", rss([PUPUK, SEKOLAH]))
    await poll(hub, "wire")
    await deliver_digests(context_of(hub), utcnow())
    await hub.outbox.wait_idle()
    assert [PUPUK[0] in m["text"] for m in news_sent(hub, tani.chat.id)] == [True]
    assert [SEKOLAH[0] in m["text"] for m in news_sent(hub, guru.chat.id)] == [True]


async def test_quiet_hours_hold_until_morning(news_hub: Hub, feeds_server: FeedsServer) -> None:
    hub = news_hub
    config = hub.services.config
    hub.services.config = replace(config, quiet_hours=(time(21), time(6)))
    group = await kim_group(hub, "KIM Malam")
    feeds_server.add("/c.xml", rss([PUPUK]))
    await poll(hub, "wire")
    today = datetime.now(config.timezone).replace(minute=0, second=0, microsecond=0)
    night, morning = today.replace(hour=22), today.replace(hour=6, minute=5)
    assert await deliver_digests(context_of(hub), night) == []
    assert await deliver_digests(context_of(hub), night + timedelta(hours=3)) == []
    assert len(await deliver_digests(context_of(hub), morning)) == 1
    await hub.outbox.wait_idle()
    assert len(news_sent(hub, group.chat.id)) == 1


async def test_rejected_item_is_not_delivered(news_hub: Hub, feeds_server: FeedsServer) -> None:
    hub = news_hub
    group = await kim_group(hub, "KIM Tolak")
    feeds_server.add("/a.xml", rss([STUNTING]))
    await poll(hub, "portal-a")
    store = store_of(hub)
    pending = await store.next_pending_news()
    assert pending is not None
    rejected = await store.decide_news(pending.id, NewsStatus.REJECTED, hub.admin.id)
    assert rejected is not None
    assert rejected.status == NewsStatus.REJECTED
    assert await deliver_digests(context_of(hub), utcnow()) == []
    assert news_sent(hub, group.chat.id) == []

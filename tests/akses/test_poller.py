"""The poller: conditional GET, backoff and desk notices, malformed documents, de-duplication."""

from __future__ import annotations

from datetime import timedelta

from bot.models.akses import NewsStatus
from bot.store import utcnow
from broadcasts.akses.feeds import FeedsConfig
from broadcasts.akses.health import announce
from broadcasts.akses.jobs import feed_job_name, poll_feed
from tests.akses.conftest import context_of, poller, rss, store_of
from tests.conftest import Hub
from tests.feeds_server import FeedsServer

LM = "Mon, 02 Mar 2026 03:00:00 GMT"
PADI = ("Panen padi di Embaloh Hilir meningkat", "https://portal-a.contoh.id/padi", "Petani.")


async def test_conditional_get_through_the_poller(news_hub: Hub, feeds_server: FeedsServer) -> None:
    hub = news_hub
    feeds_server.add("/a.xml", rss([PADI]), etag='"v1"', last_modified=LM)
    source = hub.service(FeedsConfig).source("portal-a")
    first = await poller(hub).poll(source, utcnow())
    assert (first.result.status, first.counts.new) == (200, 1)
    second = await poller(hub).poll(source, utcnow())
    assert second.result.not_modified
    assert second.counts.new == 0
    request = feeds_server.requests[-1]
    assert request.headers["If-None-Match"] == '"v1"'
    assert request.headers["If-Modified-Since"] == LM
    state = await store_of(hub).feed_state("portal-a")
    assert state is not None
    assert state.etag == '"v1"'
    assert state.last_status == 304


async def test_backoff_then_desk_told_after_a_day_and_on_recovery(
    news_hub: Hub, feeds_server: FeedsServer
) -> None:
    hub = news_hub
    source = hub.service(FeedsConfig).source("portal-a")
    feeds_server.add("/a.xml", "rusak", status=503)
    start = utcnow()
    waits = []
    for hours in (0, 1, 3, 7, 26):
        report = await poller(hub).poll(source, start + timedelta(hours=hours))
        waits.append(report.result.next_due - report.result.fetched_at)
        if report.health is not None:
            assert hours == 26
            assert report.health.kind == "down"
            await announce(context_of(hub), report.health)
    assert waits[:3] == [timedelta(minutes=30), timedelta(minutes=60), timedelta(minutes=120)]
    later = await poller(hub).poll(source, start + timedelta(hours=40))
    assert later.health is None  # told once per failure
    feeds_server.add("/a.xml", rss([PADI]))
    back = await poller(hub).poll(source, start + timedelta(hours=41))
    assert back.health is not None
    assert back.health.kind == "up"
    await announce(context_of(hub), back.health)
    await hub.outbox.wait_idle()
    desk = [m["text"] for m in hub.emu.sent(hub.desk)]
    assert len(desk) == 2
    assert "bermasalah" in desk[0]
    assert "Portal A" in desk[0]
    assert "503" in desk[0]
    assert "pulih" in desk[1]
    state = await store_of(hub).feed_state("portal-a")
    assert state is not None
    assert state.consecutive_failures == 0
    assert not state.failure_notified


async def test_backoff_is_capped_at_a_day(news_hub: Hub, feeds_server: FeedsServer) -> None:
    hub = news_hub
    source = hub.service(FeedsConfig).source("portal-a")
    feeds_server.add("/a.xml", "", status=500)
    now = utcnow()
    for _ in range(12):
        report = await poller(hub).poll(source, now)
        now = report.result.next_due
    assert report.result.next_due - report.result.fetched_at == timedelta(days=1)


async def test_poll_job_survives_a_malformed_document_and_reschedules(
    news_hub: Hub, feeds_server: FeedsServer
) -> None:
    hub = news_hub
    feeds_server.add("/a.xml", b"\x00\x01<rss><channel><item><title>Tanpa akhir")
    assert hub.app.job_queue is not None
    job = hub.app.job_queue.run_once(poll_feed, 3600, data="portal-a", name="uji")
    await job.run(hub.app)
    state = await store_of(hub).feed_state("portal-a")
    assert state is not None
    assert state.last_status == 200
    assert state.last_error
    [scheduled] = hub.app.job_queue.get_jobs_by_name(feed_job_name("portal-a"))
    assert scheduled.next_t is not None
    job.schedule_removal()
    scheduled.schedule_removal()


async def test_same_story_from_three_portals_is_stored_once(
    news_hub: Hub, feeds_server: FeedsServer
) -> None:
    hub = news_hub
    feeds = hub.service(FeedsConfig)
    title = "Banjir rendam 300 rumah di Putussibau, sekolah diliburkan"
    feeds_server.add("/a.xml", rss([(title, "https://a.contoh.id/banjir", "A")]))
    feeds_server.add("/b.xml", rss([(f"{title} - ANTARA News", "https://b.contoh.id/x?id=5", "B")]))
    feeds_server.add(
        "/c.xml", rss([(title.upper(), "https://a.contoh.id/banjir/?utm_source=x", "C")])
    )
    reports = [
        await poller(hub).poll(feeds.source(s), utcnow()) for s in ("portal-a", "portal-b", "wire")
    ]
    assert [(r.counts.new, r.counts.duplicates, r.counts.known) for r in reports] == [
        (1, 0, 0), (0, 1, 0), (0, 0, 1),
    ]  # fmt: skip
    recent = await store_of(hub).recent_news(utcnow() - timedelta(days=1))
    statuses = sorted(n.status for n in recent)
    assert statuses == [NewsStatus.DUPLICATE, NewsStatus.PENDING]


async def test_same_source_titles_are_not_duplicates(
    news_hub: Hub, feeds_server: FeedsServer
) -> None:
    hub = news_hub
    daily = [
        ("Prakiraan cuaca Kapuas Hulu 1 Maret", "https://wire.contoh.id/cuaca/1", "Hujan."),
        ("Prakiraan cuaca Kapuas Hulu 2 Maret", "https://wire.contoh.id/cuaca/2", "Cerah."),
    ]
    feeds_server.add("/c.xml", rss(daily))
    report = await poller(hub).poll(hub.service(FeedsConfig).source("wire"), utcnow())
    assert report.counts.new == 2

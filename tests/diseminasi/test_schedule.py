"""Schedules live in the database: rebuilt at start, a missed run once (within grace), /jadwal."""

from __future__ import annotations

from datetime import time, timedelta

from bot.dates import format_datetime_id
from bot.emulator import BotApiEmulator, User
from bot.models.diseminasi import (
    BroadcastStatus,
    Content,
    ContentKind,
    Schedule,
    ScheduleKind,
    Target,
    TargetKind,
)
from bot.store import utcnow
from broadcasts.diseminasi.schedule import plan, run_due
from tests.conftest import Hub, HubFactory, buttons, texts
from tests.diseminasi.conftest import (
    broadcast_now,
    context_of,
    make_broadcaster,
    store_of,
    two_kims,
)
from tests.pages import all_text, walk

DAILY = Schedule(ScheduleKind.DAILY, time(7))
TEXT = Content(ContentKind.TEXT, "Siaran untuk {{ kim.nama }}")
ALL = Target(TargetKind.ALL)


def sends_to(emu: BotApiEmulator, chat_id: int) -> int:
    """How many broadcast texts reached a chat."""
    return sum(
        1 for c in emu.calls_to("sendMessage", chat_id) if "Siaran untuk" in c.params["text"]
    )


async def test_schedule_survives_a_restart(
    start_hub: HubFactory, emu: BotApiEmulator, broadcaster: User
) -> None:
    due = utcnow() + timedelta(days=2)
    async with start_hub() as hub:
        await make_broadcaster(hub, broadcaster)
        broadcast = await store_of(hub).create_broadcast(broadcaster.id, TEXT, ALL, DAILY, due)
        await plan(context_of(hub), broadcast, utcnow())
    async with start_hub() as hub:
        assert hub.app.job_queue is not None
        (job,) = hub.app.job_queue.get_jobs_by_name(f"broadcast:siaran:{broadcast.id}")
        assert job.next_t is not None
        assert abs(job.next_t - due) < timedelta(seconds=1)


async def test_a_missed_run_happens_once_on_return(
    start_hub: HubFactory, emu: BotApiEmulator, broadcaster: User
) -> None:
    missed = utcnow() - timedelta(hours=1)
    async with start_hub() as hub:
        sibau, bika = await two_kims(hub)
        store = store_of(hub)
        broadcast = await store.create_broadcast(broadcaster.id, TEXT, ALL, DAILY, missed)
    for _ in range(2):  # the bot comes back, and then restarts once more
        async with start_hub() as hub:
            await context_of(hub).outbox.wait_idle()
            assert sends_to(emu, sibau.group.id) == 1
            assert sends_to(emu, bika.group.id) == 1
            again = await store_of(hub).get_broadcast(broadcast.id)
            assert again is not None
            assert again.next_run_at is not None
            assert again.next_run_at > utcnow()
            assert again.status == BroadcastStatus.SCHEDULED
            # A late job for the occurrence already run finds nothing to do.
            assert await store_of(hub).start_run(broadcast, None, []) is None
            assert [s.run_no for s in await store_of(hub).run_stats(broadcast.id)] == [1]


async def test_a_run_missed_beyond_the_grace_period_is_skipped(
    start_hub: HubFactory, emu: BotApiEmulator, broadcaster: User
) -> None:
    long_ago = utcnow() - timedelta(hours=2)
    async with start_hub() as hub:
        sibau, _ = await two_kims(hub)
        store = store_of(hub)
        once = Schedule(ScheduleKind.ONCE)
        one_off = await store.create_broadcast(broadcaster.id, TEXT, ALL, once, long_ago)
        daily = await store.create_broadcast(broadcaster.id, TEXT, ALL, DAILY, long_ago)
    async with start_hub(missed_run_grace_s=3600) as hub:
        await context_of(hub).outbox.wait_idle()
        assert sends_to(emu, sibau.group.id) == 0
        skipped = await store_of(hub).get_broadcast(one_off.id)
        assert skipped is not None
        assert skipped.status == BroadcastStatus.DONE
        later = await store_of(hub).get_broadcast(daily.id)
        assert later is not None
        assert later.next_run_at is not None
        assert later.next_run_at > utcnow()
        assert hub.app.job_queue is not None
        assert hub.app.job_queue.get_jobs_by_name(f"broadcast:siaran:{daily.id}")


async def test_jadwal_pause_resume_cancel(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    sibau, _ = await two_kims(hub)
    broadcast, _ = await broadcast_now(hub, broadcaster, "Siaran untuk {{ kim.nama }}", DAILY)
    chat = hub.emu.private_chat(broadcaster)
    replies = await hub.say(broadcaster, chat, "/jadwal")
    card = replies[-1]
    assert "terkirim 2/2 KIM" in card["text"]
    assert "setiap hari pukul 07.00 WIB" in card["text"]
    assert set(buttons(card)) == {f"jadwal:pause:{broadcast.id}", f"jadwal:cancel:{broadcast.id}"}
    assert hub.app.job_queue is not None
    name = f"broadcast:siaran:{broadcast.id}"
    await hub.press(broadcaster, card, f"jadwal:pause:{broadcast.id}")
    assert "dijeda" in hub.last(chat)["text"]
    assert not [j for j in hub.app.job_queue.get_jobs_by_name(name) if not j.removed]
    await hub.press(broadcaster, hub.last(chat), f"jadwal:resume:{broadcast.id}")
    assert "terjadwal" in hub.last(chat)["text"]
    assert [j for j in hub.app.job_queue.get_jobs_by_name(name) if not j.removed]
    stranger = hub.emu.user("Tono")
    refused = hub.emu.press(stranger, hub.last(chat), f"jadwal:cancel:{broadcast.id}")
    await hub.process(refused)
    assert hub.answer_to(refused)["show_alert"] is True
    await hub.press(broadcaster, hub.last(chat), f"jadwal:cancel:{broadcast.id}")
    assert "dibatalkan" in hub.last(chat)["text"]
    assert buttons(hub.last(chat)) == {}
    stale = hub.emu.press(broadcaster, hub.last(chat), f"jadwal:resume:{broadcast.id}")
    await hub.process(stale)
    assert "sudah dihentikan oleh Anda pukul" in hub.answer_to(stale)["text"]
    await run_due(context_of(hub), broadcast.id, utcnow() + timedelta(days=1))
    assert len(hub.emu.sent(sibau.group)) == 1
    listing = texts(await hub.say(broadcaster, chat, "/jadwal"))
    assert "0 aktif" in listing
    assert "dibatalkan" in listing
    assert "terkirim 2/2 KIM" in listing


def _card_title(text: str) -> str:
    """ "Siaran #3" from a /jadwal page (its first line counts the list; the card follows)."""
    return next(line.split(" — ")[0] for line in text.splitlines() if line.startswith("Siaran #"))


async def test_a_finished_one_off_shows_the_schedule_it_had(
    start_hub: HubFactory, broadcaster: User
) -> None:
    at = utcnow() + timedelta(hours=3)
    long_ago = utcnow() - timedelta(days=2)
    once = Schedule(ScheduleKind.ONCE)
    async with start_hub() as hub:
        await make_broadcaster(hub, broadcaster)
        await two_kims(hub)
        store = store_of(hub)
        ran = await store.create_broadcast(broadcaster.id, TEXT, ALL, once, at)
        missed = await store.create_broadcast(broadcaster.id, TEXT, ALL, once, long_ago)
        assert await run_due(context_of(hub), ran.id, at) is not None
        await context_of(hub).outbox.wait_idle()
    async with start_hub(missed_run_grace_s=3600) as hub:  # the missed one is skipped
        chat = hub.emu.private_chat(broadcaster)
        (first,) = await hub.say(broadcaster, chat, "/jadwal")
        pages = await walk(hub, broadcaster, first)
        cards = {_card_title(page["text"]): page["text"] for page in pages}
        tz = hub.services.config.timezone
        done = cards[f"Siaran #{ran.id}"]
        assert f"Jadwal: sekali, {format_datetime_id(at, tz)}" in done
        assert "terkirim 2/2 KIM" in done
        skipped = cards[f"Siaran #{missed.id}"]
        assert f"Jadwal: sekali, {format_datetime_id(long_ago, tz)}" in skipped
        assert "Belum pernah dikirim" in skipped
        assert "sekarang juga" not in all_text(pages)
        assert hub.app.job_queue is not None
        assert not hub.app.job_queue.get_jobs_by_name(f"broadcast:siaran:{ran.id}")

"""The retention pass removes what is past its time, and only that (SECURITY.md)."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest

from bot.models.aspirasi import Category, Identity, NewAspiration, Status
from bot.outbox.message import text_message
from bot.store import Change, utcnow
from tests.conftest import Hub
from tests.reliability.world import make_world

SECRET = "Pesan-khusus-retensi-8812"


def on_disk(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


async def _ticket(hub: Hub, user_id: int, status: Status) -> int:
    now = utcnow()
    new = NewAspiration(Category.LINGKUNGAN, f"Sungai tercemar limbah {status}", Identity.SHOWN,
                        user_id, "Pelapor Lama", now, now + timedelta(days=3), "2611",
                        latitude=0.9, longitude=112.9, photo_file_ids=("foto-lama",))  # fmt: skip
    filed = await hub.store.file_aspiration(new, limit=99, day_start=now, repeat_since=now)
    if status != Status.RECEIVED:
        change = Change(status, "tuntas", "diskominfo", hub.admin.id)
        assert await hub.store.change_aspiration(filed.id, (Status.RECEIVED, None), change)
    return filed.id


async def test_nothing_recent_is_touched(hub: Hub) -> None:
    await make_world(hub)
    await hub.store.record_lost_reply(1, "sendMessage", "timed out")
    removed = await hub.store.apply_retention(utcnow() + timedelta(days=30))
    assert (removed.sent_texts, removed.lost_replies, removed.people, removed.tickets) == (
        0, 0, 0, 0,
    )  # fmt: skip


async def test_what_is_past_its_time_goes(hub: Hub) -> None:
    world = await make_world(hub)
    for role in ("kim_member", "curator", "citizen"):
        user = world.people[role]
        await hub.store.touch_person(user.id, user.first_name, user.username)
    idle = hub.emu.user("Pernah Mampir", username="pernah_mampir")
    await hub.store.touch_person(idle.id, idle.first_name, idle.username)
    await hub.outbox.submit("uji", "1", [text_message(idle.id, SECRET)])
    hub.emu.private_chat(idle)
    await hub.outbox.wait_idle()
    await hub.store.record_lost_reply(idle.id, "sendMessage", "timed out")
    closed = await _ticket(hub, idle.id, Status.DONE)
    still_open = await _ticket(hub, world.people["citizen"].id, Status.RECEIVED)

    removed = await hub.store.apply_retention(utcnow() + timedelta(days=731))

    assert removed.sent_texts >= 1
    assert removed.lost_replies == 1
    assert removed.people == 1  # a member, a curator, a reporter of an open ticket stay
    assert await hub.store.find_person("@pernah_mampir") is None
    for role in ("kim_member", "curator", "citizen"):
        assert await hub.store.person_seen(world.people[role].id) is not None
    gone = await hub.store.get_aspiration(closed)
    assert gone is not None
    assert (gone.reporter_id, gone.reporter_name, gone.latitude, gone.photo_file_ids) == (
        None, None, None, (),
    )  # fmt: skip
    kept = await hub.store.get_aspiration(still_open)
    assert kept is not None
    assert kept.reporter_id == world.people["citizen"].id  # open: the answer must reach them
    data = on_disk(hub.services.config.db_path)
    assert SECRET.encode() not in data
    assert b"pernah_mampir" not in data


async def test_the_daily_job_is_scheduled_and_logs_counts_only(
    hub: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    assert hub.app.job_queue is not None
    [job] = hub.app.job_queue.get_jobs_by_name("bot:retention")
    with caplog.at_level(logging.INFO, logger="bot.retention"):
        await job.run(hub.app)
    assert "Retensi: 0 teks" in caplog.text

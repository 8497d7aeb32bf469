"""The lifecycle in bot/app.py: every shutdown step runs, even when one before it fails."""

from __future__ import annotations

import pytest

import broadcasts
from bot.app import running_bot
from bot.config import Config
from bot.context import KimApplication, services_of
from bot.store import Store
from broadcasts import akses


async def test_a_failing_stop_step_does_not_skip_the_others(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(app: KimApplication) -> None:
        raise RuntimeError("stop_services failed")

    monkeypatch.setattr(broadcasts, "stop_services", broken)
    started: list[KimApplication] = []

    async def run_and_stop() -> None:
        async with running_bot(config, polling=False) as app:
            started.append(app)
            app.user_data[42]["kept"] = "after the flush"
            app.mark_data_for_update_persistence(user_ids=42)

    with pytest.raises(RuntimeError, match="stop_services failed"):
        await run_and_stop()
    app = started[0]
    assert not app.running
    outbox = services_of(app).outbox
    assert outbox is not None
    assert not outbox.running
    # PTB's shutdown flushed the persistence, then post_shutdown closed the database.
    with pytest.raises(ValueError, match=r"no active connection|Connection closed"):
        await services_of(app).store.schema_version()
    store = await Store.connect(config.db_path)
    try:
        assert "after the flush" in (await store.load_state("user_data"))["42"]
    finally:
        await store.close()
        await akses.stop(app)  # what the failed stop step left open (the feed poller's session)

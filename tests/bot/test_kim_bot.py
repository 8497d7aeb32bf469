"""KimBot (bot/kim_bot.py): getUpdates keeps updates first and rides out an outage; an edit
that changes nothing is done."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import bot.kim_bot
from bot.emulator import BotApiEmulator
from bot.kim_bot import KimBot
from bot.store import Store
from tests.conftest import TOKEN


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.connect(tmp_path / "kim.sqlite3")
    yield opened
    await opened.close()


async def kim_bot(emu: BotApiEmulator, store: Store) -> KimBot:
    made = KimBot(TOKEN, base_url=emu.base_url, store=store)
    await made.initialize()
    return made


async def test_an_outage_of_getupdates_is_ridden_out_and_updates_kept_first(
    emu: BotApiEmulator, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bot.kim_bot, "FIRST_WAIT_S", 0.001)  # the waits, not their length
    user = emu.user("Ayu")
    emu.push(emu.text(user, emu.private_chat(user), "/start"))
    emu.fail("getUpdates", error="server", times=3)
    emu.fail("getUpdates", error="bad_gateway", times=2)
    polling = await kim_bot(emu, store)
    try:
        updates = await polling.get_updates(timeout=0)
    finally:
        await polling.shutdown()
    assert [u.message.text for u in updates if u.message] == ["/start"]
    assert len(emu.calls_to("getUpdates")) == 6  # five failures, then the answer
    assert await store.pending_updates() != []  # kept before it was handed over


async def test_updates_kept_before_a_restart_are_not_handed_over_twice(
    emu: BotApiEmulator, store: Store
) -> None:
    user = emu.user("Ayu")
    emu.push(emu.text(user, emu.private_chat(user), "/start"))
    first = await kim_bot(emu, store)
    (update,) = await first.get_updates(timeout=0)
    await first.shutdown()  # killed before the next getUpdates confirmed it to Telegram
    second = await kim_bot(emu, store)
    try:
        assert await second.get_updates(timeout=0) == ()  # it is in the inbox, to replay
        assert await store.last_update_id() == update.update_id
        assert emu.updates.pending == []  # and now confirmed to Telegram
    finally:
        await second.shutdown()


async def test_an_edit_that_changes_nothing_is_done(emu: BotApiEmulator, store: Store) -> None:
    user = emu.user("Ayu")
    chat = emu.private_chat(user)
    editing = await kim_bot(emu, store)
    try:
        sent = await editing.send_message(chat.id, "Halo")
        assert await editing.edit_message_text("Halo", chat.id, sent.message_id) is True
    finally:
        await editing.shutdown()

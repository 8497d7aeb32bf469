"""What an update costs in SQLite (issue 15, item 5): each statement is a trip to the SQLite
thread, so the work done for durability on every update is kept to what durability needs."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.emulator import BotApiEmulator
from bot.kim_bot import KimBot
from bot.store import Store
from bot.store.people import TOUCH_EVERY_S
from tests.conftest import TOKEN, Hub

WRITES = ("INSERT", "UPDATE", "DELETE", "BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.connect(tmp_path / "kim.sqlite3")
    yield opened
    await opened.close()


async def traced(store: Store) -> list[str]:
    """Every statement the store runs from now on (SQLite's trace, on its own thread)."""
    statements: list[str] = []
    await store._db.set_trace_callback(statements.append)
    return statements


def writes(statements: list[str]) -> list[str]:
    """The writes among statements, as "VERB table" ("BEGIN" alone)."""
    found = [(s.split()[0], re.search(r"(?:INTO|UPDATE|FROM)\s+(\w+)", s)) for s in statements]
    return [f"{verb} {table[1]}" if table else verb for verb, table in found if verb in WRITES]


async def test_a_person_is_written_when_new_changed_erased_or_a_while_later(store: Store) -> None:
    clock = [1000.0]
    store.monotonic = lambda: clock[0]
    statements = await traced(store)
    await store.touch_person(42, "Sari", "sari_kh")
    await store.touch_person(42, "Sari", "sari_kh")  # same name: nothing to write
    assert len(writes(statements)) == 1
    await store.touch_person(42, "Sari", "sari_baru")  # a new username is written at once
    clock[0] += TOUCH_EVERY_S  # and last_seen_at again after a while
    await store.touch_person(42, "Sari", "sari_baru")
    assert len(writes(statements)) == 3
    await store.delete_person(42, placeholder="(dihapus)")
    await store.touch_person(42, "Sari", "sari_baru")  # erased, then heard again
    person = await store.find_person("@sari_baru")
    assert person is not None
    assert person.user_id == 42


async def test_a_repeated_start_only_marks_its_update_done(hub: Hub) -> None:
    user = hub.emu.user("Ayu", username="ayu_kh")
    chat = hub.emu.private_chat(user)
    await hub.say(user, chat, "/start")
    statements = await traced(hub.store)
    assert await hub.say(user, chat, "/start")
    # No person row (unchanged), no empty scratch deleted again, no transaction around one write.
    assert writes(statements) == ["UPDATE update_inbox"]


async def test_a_getupdates_batch_is_kept_in_one_statement_as_telegram_sent_it(
    emu: BotApiEmulator, store: Store
) -> None:
    user = emu.user("Ayu")
    chat = emu.private_chat(user)
    sent = [emu.text(user, chat, f"pesan {n}") for n in range(3)]
    for update in sent:
        emu.push(update)
    polling = KimBot(TOKEN, base_url=emu.base_url, store=store)
    await polling.initialize()
    statements = await traced(store)
    try:
        updates = await polling.get_updates(timeout=0)
    finally:
        await polling.shutdown()
    assert len(updates) == 3
    assert len(statements) == 1  # one INSERT … RETURNING: one trip, one commit
    kept = [json.loads(payload) for payload in await store.pending_updates()]
    assert kept == [json.loads(json.dumps(update)) for update in sent]

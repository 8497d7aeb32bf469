"""`kim-bot run` killed with SIGKILL while it polls a feed, and while it delivers the news.

A local feed server serves one `auto` source of ITEMS items; GROUPS verified KIMs want them.
The bot is killed at chosen moments after the feed request arrives (fetch, parse, store),
then once while the digest goes out to the groups; after the last restart every item is
stored once and reached each group once (at most once: a kill repeats at most what was in
flight). `killed_poll` is shared with bench/kill.py, which picks the moments at random.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from contextlib import suppress
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.emulator import BotApiEmulator, Chat
from bot.models.registrasi import KimDraft, KimStatus
from bot.outbox import RowStatus
from bot.store import Store, utcnow
from tests.akses.conftest import rss
from tests.feeds_server import FeedsServer
from tests.scenarios.test_decision_crash import kim_bot
from tests.scenarios.test_run import bot_env

ITEMS = 8  # one digest carries up to 10: every item goes out in the first digest run
GROUPS = 4
FEEDS = """
topics:
  - {{id: pertanian, label: Pertanian, keywords: [padi, petani]}}
sources:
  - {{id: wire, name: Kantor Berita, url: "{url}", topics: [pertanian], curation: auto}}
"""
DIGEST_WAIT = 120  # the digest job runs 60 s after the start, then every 10 minutes


def title(number: int) -> str:
    return f"Kabar padi nomor {number:02d} dari Embaloh"


def document() -> str:
    items = [(title(n), f"https://wire.contoh.id/a/{n}", "Petani panen.") for n in range(ITEMS)]
    return rss(items)


class WatchedFeeds(FeedsServer):
    """A feed server that tells when a request arrives."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived = asyncio.Event()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.arrived.set()
        return await super()._handle(request)


async def _world(
    tmp_path: Path, emu: BotApiEmulator, feeds: FeedsServer
) -> tuple[dict[str, str], list[Chat]]:
    """The bot's environment (the feed, no quiet hours), and GROUPS verified KIMs' groups."""
    feeds.add("/wire.xml", document(), delay=0.3)
    admin = emu.user("Dina")
    env = bot_env(tmp_path, emu, KIM_ADMIN_IDS=str(admin.id), KIM_QUIET_HOURS="off")
    config = tmp_path / "wire.yaml"
    config.write_text(FEEDS.format(url=feeds.url("/wire.xml")), encoding="utf-8")
    env["KIM_FEEDS_FILE"] = str(config)
    groups = [emu.group(f"KIM Tani {n}") for n in range(GROUPS)]
    store = await Store.connect(tmp_path / "kim.sqlite3")
    try:
        for n, group in enumerate(groups):
            draft = KimDraft(f"KIM Tani {n}", "61.06.05.2002", "61.06.05", "camat", "1/2025", None)
            kim = await store.register_kim(draft, group.id, admin.id)
            await store.decide_kim(kim.id, KimStatus.VERIFIED, admin.id)
    finally:
        await store.close()
    return env, groups


def delivered(emu: BotApiEmulator, groups: Sequence[Chat]) -> Counter[tuple[int, int]]:
    """How often each (group, item) reached the group (counted from the emulator's records)."""
    seen: Counter[tuple[int, int]] = Counter()
    for group in groups:
        for call in emu.calls_to("sendMessage", group.id):
            text = str(call.params.get("text", "")) if call.ok else ""
            seen.update((group.id, n) for n in range(ITEMS) if title(n) in text)
    return seen


def _repeated_messages(emu: BotApiEmulator, groups: Sequence[Chat]) -> int:
    """News messages that brought a group only items it had already received."""
    repeated = 0
    for group in groups:
        had: set[int] = set()
        for call in emu.calls_to("sendMessage", group.id):
            text = str(call.params.get("text", "")) if call.ok else ""
            items = {n for n in range(ITEMS) if title(n) in text}
            repeated += bool(items) and items <= had
            had |= items
    return repeated


def _all_delivered(groups: Sequence[Chat]) -> Any:
    def done(emu: BotApiEmulator) -> bool:
        return len(delivered(emu, groups)) == len(groups) * ITEMS

    return done


async def killed_poll(
    tmp_path: Path, emu: BotApiEmulator, poll_pauses: Sequence[float], delivery_pause: float
) -> Counter[str]:
    """Kill the bot `poll_pauses` seconds after the feed request arrives (one run each, until a
    kill comes after the poll's end), then `delivery_pause` after the first news message;
    count kills (mid_poll: before the poll's end was saved), lost (an item not stored once, a
    (group, item) never delivered) and repeated (a news message that brought a group only
    items it already had)."""
    tally: Counter[str] = Counter()
    feeds = WatchedFeeds()
    await feeds.start()
    try:
        env, groups = await _world(tmp_path, emu, feeds)
        for pause in poll_pauses:
            feeds.arrived.clear()
            async with kim_bot(env, tmp_path, emu) as proc:
                await asyncio.wait_for(feeds.arrived.wait(), 30)
                await asyncio.sleep(pause)  # a moment of the poll: fetch, parse, store
                proc.kill()
                await proc.wait()
            tally["kills"] += 1
            if await _poll_saved(tmp_path):
                break  # the poll ended before the kill: the next is due in half an hour
            tally["mid_poll"] += 1
        async with kim_bot(env, tmp_path, emu) as proc:
            await emu.wait_for(lambda e: bool(delivered(e, groups)), timeout=DIGEST_WAIT)
            await asyncio.sleep(delivery_pause)  # a moment of the delivery
            proc.kill()
            await proc.wait()
        tally["kills"] += 1
        async with kim_bot(env, tmp_path, emu):
            with suppress(TimeoutError):  # what never came is counted as lost below
                await emu.wait_for(_all_delivered(groups), timeout=DIGEST_WAIT)
        tally += await _outcome(tmp_path, emu, groups)
    finally:
        await feeds.close()
    return tally


async def _poll_saved(tmp_path: Path) -> bool:
    """Whether a poll of the source finished (its state saved) before the kill."""
    store = await Store.connect(tmp_path / "kim.sqlite3")
    try:
        return await store.feed_state("wire") is not None
    finally:
        await store.close()


async def _outcome(tmp_path: Path, emu: BotApiEmulator, groups: Sequence[Chat]) -> Counter[str]:
    """Lost and repeated, from the database (stored once, nothing left queued) and the
    emulator (each group got each item once)."""
    tally: Counter[str] = Counter()
    store = await Store.connect(tmp_path / "kim.sqlite3")
    try:
        stored = Counter(n.title for n in await store.recent_news(utcnow() - timedelta(days=1)))
        counts = await store.outbox_counts()
        queued = counts.get(RowStatus.PENDING, 0) + counts.get(RowStatus.SENDING, 0)
    finally:
        await store.close()
    tally["lost"] += sum(1 for n in range(ITEMS) if stored[title(n)] != 1) + queued
    seen = delivered(emu, groups)
    tally["lost"] += sum(1 for g in groups for n in range(ITEMS) if not seen[(g.id, n)])
    tally["repeated"] += _repeated_messages(emu, groups)
    return tally


async def test_a_poll_killed_while_it_fetches_stores_and_delivers_loses_nothing(
    tmp_path: Path, emu: BotApiEmulator
) -> None:
    # Killed as the request arrives (the document is still on its way), then once the first
    # group has its news (the others' still in the outbox).
    tally = await killed_poll(tmp_path, emu, [0.0, 0.0], 0.0)
    assert tally["kills"] == 3
    assert tally["mid_poll"] == 2
    assert tally["lost"] == 0
    assert tally["repeated"] <= 1  # at most the message in flight at the kill

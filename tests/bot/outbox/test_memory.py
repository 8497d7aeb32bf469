"""Memory stays flat: what the outbox keeps per chat (pacer) or per batch (progress) is
forgotten again once it no longer matters."""

from __future__ import annotations

import sys
import tracemalloc
from datetime import UTC, datetime

from telegram import Bot

from bot.emulator import BotApiEmulator, ManualClock
from bot.outbox import Limits, Outbox, text_message
from bot.outbox.pacing import Pacer
from bot.outbox.progress import TRACKED, Progress
from bot.outbox.records import OutboxRow, RowStatus, Settled
from bot.outbox.worker import PRUNE_EVERY
from bot.store import Store
from bot.texts import Texts
from tests.bot.outbox.conftest import OutboxFactory
from tests.conftest import TOKEN


def unshown(store: Store) -> Progress:
    """Progress for batches without a progress chat (its Bot is never called)."""
    return Progress(store, Bot(TOKEN), Texts(), lambda chat: None, lambda: datetime.now(UTC))


def outcome(batch_id: int, chat_id: int) -> Settled:
    row = OutboxRow(batch_id, batch_id, "news", str(batch_id), chat_id, "sendMessage", {}, 0)
    return Settled(row, RowStatus.SENT, message_id=1)


def test_the_pacer_forgets_idle_chats_without_changing_its_pace() -> None:
    limits = Limits()
    pacer, fresh = Pacer(limits), Pacer(limits)
    for chat in (-1, -2, 3):
        pacer.take(chat, 0.0)
    pacer.take(-1, 1.0)
    pacer.pause(-1, 5.0, 1.0)  # -1 had two sends: its own pause
    pacer.prune(2.0)
    assert set(pacer._chats) == {-1, -2}  # the private chat's second is over
    assert pacer.delay(-1, 2.0) >= 4.0  # the pause holds
    pacer.prune(limits.group_span + 1.5)
    assert pacer._chats == {}
    assert pacer._paused == {}
    at = limits.group_span + 2.0
    assert [pacer.delay(c, at) for c in (-1, -2, 3)] == [fresh.delay(c, at) for c in (-1, -2, 3)]


async def test_progress_forgets_batches_it_was_never_told_finished(store: Store) -> None:
    progress = unshown(store)
    for batch_id in range(TRACKED + 50):
        await progress.after_settle([outcome(batch_id, -batch_id - 1)], [])
    assert len(progress._watched) == TRACKED


def test_pacer_memory_stays_flat_over_10000_batches() -> None:
    """Each batch goes to a new group at full pace; pruned at the worker's cadence."""
    pacer = Pacer()
    now = pruned = 0.0
    after_prune: list[int] = []
    tracemalloc.start()
    try:
        for batch_id in range(10_000):
            chat = -(10**6 + batch_id)
            now += pacer.delay(chat, now)
            pacer.take(chat, now)
            if now - pruned >= PRUNE_EVERY:
                pacer.prune(now)
                pruned = now
                after_prune.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    # Kept: the groups sent to within the last minute (their 20/min window), no more.
    assert len(pacer._chats) <= Limits().global_limit * (Limits().group_span + PRUNE_EVERY)
    steady = after_prune[1:]  # after the first minute every prune forgets as much as it keeps
    assert len(steady) >= 4
    assert max(steady) - min(steady) < 64 * 1024, f"memory after each prune: {after_prune}"


async def test_progress_memory_stays_flat_over_10000_batches(store: Store) -> None:
    progress = unshown(store)
    sizes = []
    for batch_id in range(10_000):
        await progress.after_settle([outcome(batch_id, -batch_id - 1)], [batch_id])
        if batch_id % 1000 == 999:
            sizes.append(sys.getsizeof(progress._watched) + sys.getsizeof(progress._shown))
    assert progress._watched == {}
    assert progress._shown == {}
    assert max(sizes) == min(sizes), f"the progress maps' sizes every 1,000 batches: {sizes}"


async def test_the_worker_forgets_finished_batches_and_quiet_chats(
    running_outbox: OutboxFactory, flood_emu: BotApiEmulator, clock: ManualClock
) -> None:
    penyiar = flood_emu.private_chat(flood_emu.user("Sari"))
    async with running_outbox() as outbox:
        for round_ in range(3):
            await _round(outbox, flood_emu, penyiar.id, round_)
            assert outbox.progress._watched == {}
            assert outbox.progress._shown == {}
            clock.advance(max(PRUNE_EVERY, Limits().group_span) + 1)  # a quiet minute
        outbox.wake()  # the worker looks at the queue again, and prunes
        await outbox.wait_idle()
        assert len(outbox.pacer._chats) == 0
    assert len(flood_emu.calls_to("sendMessage")) >= 3 * 20 + 3  # and progress messages


async def _round(outbox: Outbox, emu: BotApiEmulator, progress_chat: int, round_: int) -> None:
    for i in range(20):
        chat = emu.group(f"KIM {round_}-{i}")
        await outbox.submit("news", f"{round_}-{i}", [text_message(chat.id, "Berita")],
                            progress_chat_id=progress_chat)  # fmt: skip
    await outbox.wait_idle()

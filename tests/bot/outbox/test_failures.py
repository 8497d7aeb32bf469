"""Removed bots, migrated groups, server errors and bad requests, through the emulator."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.emulator import BotApiEmulator, ManualClock
from bot.models.registrasi import KimDraft, KimStatus
from bot.outbox import Outbox, RowStatus, text_message
from bot.store import Store
from tests.bot.outbox.conftest import OutboxFactory, settle


async def register_kim(store: Store, chat_id: int) -> None:
    draft = KimDraft("KIM Uji", "61.06.05.2002", "61.06.05", "camat", "1/2025", date(2025, 1, 2))
    await store.upsert_chat(chat_id, "group", "KIM Uji")
    kim = await store.register_kim(draft, chat_id, 1)
    await store.decide_kim(kim.id, KimStatus.VERIFIED, 1)


async def test_removed_bot_marks_chat_inactive(
    outbox: Outbox, flood_emu: BotApiEmulator, store: Store
) -> None:
    gone, fine = flood_emu.group("KIM Lama"), flood_emu.group("KIM Baru")
    blocked = flood_emu.private_chat(flood_emu.user("Rudi"))
    await register_kim(store, gone.id)
    flood_emu.kick_bot(gone)
    flood_emu.fail("sendMessage", blocked.id, "blocked", times=None)
    chats = [gone.id, fine.id, blocked.id]
    batch = await outbox.submit("news", "a", [text_message(c, "Berita") for c in chats])
    await settle(outbox, batch)

    status = await outbox.batch_status(batch)
    assert (status.sent, status.skipped, status.failed) == (1, 2, 0)
    assert not await store.is_chat_active(gone.id)
    assert not await store.is_chat_active(blocked.id)
    kim = await store.kim_by_chat(gone.id)
    assert kim is not None
    assert not kim.active

    # Later batches skip the inactive chats without calling Telegram.
    before = len(flood_emu.calls_to("sendMessage"))
    batch = await outbox.submit("news", "b", [text_message(c, "Lagi") for c in chats])
    await settle(outbox, batch)
    assert len(flood_emu.calls_to("sendMessage")) == before + 1
    assert (await outbox.batch_status(batch)).skipped == 2


async def test_migrated_group_gets_its_messages_at_the_new_id(
    outbox: Outbox, flood_emu: BotApiEmulator, store: Store
) -> None:
    group = flood_emu.group("KIM Pindah")
    await register_kim(store, group.id)
    supergroup = flood_emu.migrate_to_supergroup(group)
    batch = await outbox.submit("notice", "1", [text_message(group.id, "Pemberitahuan")])
    await settle(outbox, batch)

    assert flood_emu.calls_to("sendMessage", group.id)[0].status == 400
    assert [c.ok for c in flood_emu.calls_to("sendMessage", supergroup.id)] == [True]
    assert (await outbox.batch_status(batch)).sent == 1
    kim = await store.kim_by_chat(supergroup.id)
    assert kim is not None
    # A later batch for the old id goes straight to the supergroup.
    batch = await outbox.submit("notice", "2", [text_message(group.id, "Lagi")])
    await settle(outbox, batch)
    assert len(flood_emu.calls_to("sendMessage", group.id)) == 1
    assert len(flood_emu.calls_to("sendMessage", supergroup.id)) == 2


async def test_server_errors_are_retried_with_backoff(
    outbox: Outbox, flood_emu: BotApiEmulator, clock: ManualClock
) -> None:
    group = flood_emu.group("KIM Sabar")
    flood_emu.fail("sendMessage", group.id, "server", times=1)
    flood_emu.fail("sendMessage", group.id, "bad_gateway", times=1)
    batch = await outbox.submit("broadcast", "1", [text_message(group.id, "Halo")])
    await settle(outbox, batch)
    calls = flood_emu.calls_to("sendMessage", group.id)
    assert [c.status for c in calls] == [500, 502, 200]
    assert calls[1].at - calls[0].at >= 2.0  # base delay
    assert calls[2].at - calls[1].at >= 4.0  # doubled
    assert (await outbox.batch_status(batch)).sent == 1


async def test_final_failures_are_kept_and_can_be_retried(
    outbox: Outbox, flood_emu: BotApiEmulator
) -> None:
    group, other = flood_emu.group("KIM Rusak"), flood_emu.group("KIM Sehat")
    flood_emu.fail("sendMessage", group.id, "server", times=None)
    batch = await outbox.submit("news", "x", [text_message(c.id, "A") for c in (group, other)])
    await settle(outbox, batch)
    status = await outbox.batch_status(batch)
    assert (status.sent, status.failed, status.finished_at is not None) == (1, 1, True)
    assert len(flood_emu.calls_to("sendMessage", group.id)) == 3  # max_attempts
    [failed] = await outbox.failed_batches()
    assert (failed.batch_id, failed.count) == (batch, 1)
    assert failed.last_error
    assert "Internal Server Error" in failed.last_error

    flood_emu.faults.clear()
    assert await outbox.retry_failed(batch) == 1
    await settle(outbox, batch)
    assert (await outbox.batch_status(batch)).sent == 2
    assert await outbox.failed_batches() == []


async def test_bad_request_fails_at_once(outbox: Outbox, flood_emu: BotApiEmulator) -> None:
    batch = await outbox.submit("news", "y", [text_message(-999, "Ke mana?")])
    await settle(outbox, batch)
    assert len(flood_emu.calls_to("sendMessage", -999)) == 1
    assert (await outbox.batch_status(batch)).failed == 1


async def test_rows_left_sending_by_a_crash_are_sent_once_on_restart(
    running_outbox: OutboxFactory, flood_emu: BotApiEmulator, store: Store
) -> None:
    chats = [flood_emu.group(f"KIM {i}").id for i in range(6)]
    now = datetime.now(UTC)
    rows = [(c, "sendMessage", {"text": "Tetap sampai"}) for c in chats]
    batch = await store.add_outbox_batch("broadcast", "crash", rows, (None, None), now)
    due = await store.due_outbox_rows(now, 5, 100)
    assert await store.claim_outbox(due[:2], now)  # claimed, then killed before sending
    async with running_outbox() as outbox:
        await settle(outbox, batch)
    for chat in chats:
        assert len(flood_emu.calls_to("sendMessage", chat)) == 1
    assert (await store.outbox_counts()) == {RowStatus.SENT: 6}

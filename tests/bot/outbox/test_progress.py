"""The broadcaster watches one edited progress message; listeners hear of each send."""

from __future__ import annotations

from datetime import timedelta

from bot.emulator import BotApiEmulator, ManualClock
from bot.outbox import Outbox, SentMessage, text_message
from tests.bot.outbox.conftest import OutboxFactory, settle


async def test_progress_message_is_edited_then_summarised(
    running_outbox: OutboxFactory, flood_emu: BotApiEmulator
) -> None:
    penyiar = flood_emu.private_chat(flood_emu.user("Sari"))
    flood_emu.fail("sendMessage", -5, "server", times=None)
    chats = [flood_emu.group(f"KIM {i}").id for i in range(60)] + [-5]
    async with running_outbox(progress_every=0.5) as outbox:
        batch = await outbox.submit(
            "broadcast", "7", [text_message(c, "Siaran") for c in chats],
            created_by=penyiar.id, progress_chat_id=penyiar.id,
        )  # fmt: skip
        await settle(outbox, batch)

    to_broadcaster = flood_emu.calls_to("sendMessage", penyiar.id)
    assert len(to_broadcaster) == 2  # the progress message, then the summary
    edits = flood_emu.calls_to("editMessageText", penyiar.id)
    assert len(edits) >= 2
    assert "Sisa ±" in edits[0].params["text"] or "Sisa ±" in to_broadcaster[0].params["text"]
    progress, summary = flood_emu.sent(penyiar)
    assert "Terkirim 60/61, gagal 1\nSelesai." in progress["text"]
    assert "60 dari 61" in summary["text"]
    assert "/gagal" in summary["text"]
    assert flood_emu.stats[flood_emu.token].rejected == 0


async def test_sent_listener_hears_each_message(outbox: Outbox, flood_emu: BotApiEmulator) -> None:
    heard: list[SentMessage] = []

    async def listen(sent: SentMessage) -> None:
        heard.append(sent)

    outbox.add_sent_listener("network", listen)
    chats = [flood_emu.group(f"KIM {i}").id for i in range(3)]
    batch = await outbox.submit("network", "share-1", [text_message(c, "Bagi") for c in chats])
    other = await outbox.submit("news", "n", [text_message(chats[0], "Berita")])
    await settle(outbox, batch)
    await settle(outbox, other)
    assert sorted(s.chat_id for s in heard) == sorted(chats)
    assert all(s.kind == "network" and s.item == "share-1" and s.message_id for s in heard)


async def test_not_before_holds_messages(
    outbox: Outbox, flood_emu: BotApiEmulator, clock: ManualClock
) -> None:
    group = flood_emu.group("KIM Malam")
    start = clock.now
    later = outbox.worker.wall() + timedelta(hours=6)
    batch = await outbox.submit("reminder", "pagi", [text_message(group.id, "Selamat pagi")],
                                not_before=later)  # fmt: skip
    await settle(outbox, batch)
    [call] = flood_emu.calls_to("sendMessage", group.id)
    assert call.at - start >= 6 * 3600

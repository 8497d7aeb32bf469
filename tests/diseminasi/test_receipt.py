"""Receipts: "Sudah disebarluaskan" → citizens → channel; once per KIM; one reminder."""

from __future__ import annotations

from datetime import timedelta

from bot.emulator import User
from bot.store import utcnow
from broadcasts.diseminasi.reminders import remind_unconfirmed
from tests.conftest import Hub, buttons, texts
from tests.diseminasi.conftest import (
    broadcast_now,
    context_of,
    make_broadcaster,
    store_of,
    two_kims,
)


async def test_member_confirms_with_citizens_and_channel(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    sibau, _ = await two_kims(hub)
    broadcast, run = await broadcast_now(hub, broadcaster)
    message = hub.last(sibau.group)
    member = sibau.members[1]
    replies = await hub.press(member, message, f"sebar:{run.id}")
    asked = hub.emu.calls_to("sendMessage", sibau.group.id)[-1].params
    assert asked["reply_markup"]["force_reply"] is True
    assert "Berapa warga" in texts(replies)
    assert "angka" in texts(await hub.say(member, sibau.group, "banyak sekali"))
    replies = await hub.say(member, sibau.group, "45")
    assert "sebar:kanal:whatsapp" in buttons(replies[-1])
    assert "menekan salah satu tombol" in texts(await hub.say(member, sibau.group, "WA"))
    other = hub.emu.press(sibau.members[2], replies[-1], "sebar:kanal:posyandu")
    await hub.process(other)
    assert hub.answer_to(other)["show_alert"] is True
    done = await hub.press(member, replies[-1], "sebar:kanal:whatsapp")
    assert "45 warga lewat WhatsApp" in texts(done)
    assert member.first_name in texts(done)
    receipt = await store_of(hub).receipt(run.id, sibau.kim.id)
    assert receipt is not None
    assert (receipt.citizens, receipt.channel) == (45, "whatsapp")
    assert receipt.confirmed_by == member.id
    (stats,) = await store_of(hub).run_stats(broadcast.id)
    assert (stats.delivered, stats.confirmed, stats.citizens) == (2, 1, 45)
    card = texts(await hub.say(broadcaster, hub.emu.private_chat(broadcaster), "/jadwal"))
    assert "dikonfirmasi 1, warga terjangkau 45" in card


async def test_second_confirmation_and_outsiders_are_refused(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    sibau, bika = await two_kims(hub)
    _, run = await broadcast_now(hub, broadcaster)
    message = hub.last(sibau.group)
    await hub.press(sibau.members[0], message, f"sebar:{run.id}")
    await hub.say(sibau.members[0], sibau.group, "12")
    await hub.press(sibau.members[0], hub.last(sibau.group), "sebar:kanal:ibadah")
    again = hub.emu.press(sibau.members[1], message, f"sebar:{run.id}")
    await hub.process(again)
    assert "sudah dikonfirmasi untuk KIM ini" in hub.answer_to(again)["text"]
    assert f"oleh {sibau.members[0].first_name} pukul" in hub.answer_to(again)["text"]
    mine = hub.emu.press(sibau.members[0], message, f"sebar:{run.id}")
    await hub.process(mine)
    assert "sudah dikonfirmasi untuk KIM ini oleh Anda pukul" in hub.answer_to(mine)["text"]
    stranger = hub.emu.user("Tamu")
    for person in (stranger, bika.members[0]):  # not a member, member of another KIM
        pressed = hub.emu.press(person, message, f"sebar:{run.id}")
        await hub.process(pressed)
        assert "/gabung" in hub.answer_to(pressed)["text"]
    forged = hub.emu.press(sibau.members[0], message, f"sebar:{run.id + 99}")
    await hub.process(forged)
    assert "tidak ditujukan" in hub.answer_to(forged)["text"]


async def test_cancel_a_confirmation(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    sibau, _ = await two_kims(hub)
    _, run = await broadcast_now(hub, broadcaster)
    await hub.press(sibau.members[0], hub.last(sibau.group), f"sebar:{run.id}")
    assert "dibatalkan" in texts(await hub.say(sibau.members[0], sibau.group, "/batal"))
    assert await store_of(hub).receipt(run.id, sibau.kim.id) is None


async def test_one_reminder_after_three_days(hub: Hub, broadcaster: User) -> None:
    await make_broadcaster(hub, broadcaster)
    sibau, bika = await two_kims(hub)
    _, run = await broadcast_now(hub, broadcaster)
    await store_of(hub).add_receipt(run.id, sibau.kim.id, 30, "pertemuan", sibau.members[0].id)
    context = context_of(hub)
    assert await remind_unconfirmed(context, utcnow() + timedelta(days=2)) == 0
    later = utcnow() + timedelta(days=3, minutes=1)
    assert await remind_unconfirmed(context, later) == 1
    await context.outbox.wait_idle()
    reminder = hub.last(bika.group)
    assert "Pengingat" in reminder["text"]
    assert buttons(reminder) == {f"sebar:{run.id}": "✅ Sudah disebarluaskan"}
    assert "reply_to_message" in reminder
    assert "Pengingat" not in hub.last(sibau.group).get("text", "")
    assert await remind_unconfirmed(context, later + timedelta(days=5)) == 0

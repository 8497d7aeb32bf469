"""A reply meeting server errors is tried again for a minute; one given up shows in /gagal."""

from __future__ import annotations

from datetime import timedelta

from bot.ratelimit import RETRY_DELAYS_S
from bot.store import utcnow
from tests.conftest import Hub, texts


def test_replies_are_tried_again_for_at_least_a_minute() -> None:
    assert sum(RETRY_DELAYS_S) >= 60
    assert tuple(sorted(RETRY_DELAYS_S)) == RETRY_DELAYS_S  # backing off, never hurrying


async def test_a_reply_through_a_short_outage_arrives(hub: Hub) -> None:
    citizen = hub.emu.user("Ayu")
    chat = hub.emu.private_chat(citizen)
    hub.emu.fail("sendMessage", chat.id, "server", times=2)
    hub.emu.fail("sendMessage", chat.id, "bad_gateway", times=1)
    replies = await hub.say(citizen, chat, "/start")
    assert "KIM Hub" in texts(replies)
    assert [c.status for c in hub.emu.calls_to("sendMessage", chat.id)] == [500, 500, 502, 200]


async def test_a_reply_given_up_is_counted_in_gagal(hub: Hub) -> None:
    citizen = hub.emu.user("Ayu")
    chat = hub.emu.private_chat(citizen)
    hub.emu.fail("sendMessage", chat.id, "server", times=None)  # the outage outlasts the tries
    replies = await hub.say(citizen, chat, "/start")
    assert all(m["chat"]["id"] != chat.id for m in replies)
    assert "Kesalahan di bot" in texts(replies)  # the desk hears of it at once
    # The reply, and the apology after it: both given up, both counted.
    count, lost = await hub.store.lost_replies(since=utcnow() - timedelta(hours=1))
    assert count == 2
    assert {r.chat_id for r in lost} == {chat.id}
    hub.emu.faults.clear()
    (listed,) = await hub.say(hub.admin, hub.emu.private_chat(hub.admin), "/gagal")
    assert "Balasan yang gagal" in listed["text"]
    assert str(chat.id) in listed["text"]

"""A decision and its effects (the group's notice, the cards' edits) happen together or not at all.

A step that fails between the decision and its effects (a Store call, the queueing, COMMIT)
undoes the decision too, so the admin simply presses again; a bot that dies right after the
decision delivers its effects after the restart, once.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.context import BotContext
from bot.emulator import Chat
from bot.models.registrasi import Kim, KimDraft, KimStatus
from handlers.registrasi.verification import announce_registration
from tests.bot.faulty_store import faulty, in_the_bot
from tests.conftest import Hub, HubFactory, buttons
from tests.registrasi.test_link import a_group, official_kim, request_link

# The step that fails after the decision: taking its cards, queueing its effects, COMMIT.
FAULTS = ["take_kim_cards", "add_outbox_batch", "COMMIT"]


@pytest.fixture
async def faulty_hub(start_hub: HubFactory, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Hub]:
    in_the_bot(monkeypatch)
    async with start_hub() as hub:
        yield hub


def now_shown(hub: Hub, message: dict[str, Any]) -> dict[str, Any]:
    chat_id, message_id = message["chat"]["id"], message["message_id"]
    return next(m for m in hub.emu.sent(chat_id) if m["message_id"] == message_id)


async def announced(hub: Hub) -> tuple[Chat, Kim, dict[str, Any]]:
    """A KIM group waiting for verification, and its card in the desk."""
    group = hub.emu.group("KIM Kalis Maju")
    draft = KimDraft("KIM Kalis Maju", "61.06.18.2001", "61.06.18", "camat", "1/2025", None)
    kim = await hub.store.register_kim(draft, group.id, 5)
    await announce_registration(BotContext(hub.app), kim, None, None)
    return group, kim, hub.last(hub.desk)


async def assert_undecided(hub: Hub, kim: Kim, group: Chat, card: dict[str, Any]) -> None:
    await hub.outbox.wait_idle()
    now = await hub.store.get_kim(kim.id)
    assert now is not None
    assert now.status == KimStatus.PENDING
    assert hub.emu.sent(group) == []
    assert f"verif:ok:{kim.id}" in buttons(now_shown(hub, card))
    assert await hub.store.outbox_counts() == {}


async def assert_decided_once(hub: Hub, group: Chat, card: dict[str, Any], told: str) -> None:
    await hub.outbox.wait_idle()
    [notice] = hub.emu.sent(group)
    assert told in notice["text"]
    shown = now_shown(hub, card)
    assert "oleh Dina pukul" in shown["text"]
    assert buttons(shown) == {}
    edits = [c for c in hub.emu.calls_to("editMessageText", hub.desk.id)
             if c.params["message_id"] == card["message_id"] and c.ok]  # fmt: skip
    assert len(edits) == 1


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_verification_and_its_effects_happen_together(faulty_hub: Hub, fault: str) -> None:
    hub = faulty_hub
    group, kim, card = await announced(hub)
    failing = faulty(hub.store).fail(fault)
    await hub.press(hub.admin, card, f"verif:ok:{kim.id}")
    assert failing.fired == 1
    await assert_undecided(hub, kim, group, card)
    # Nothing half done: the admin presses again, and everything happens once.
    await hub.press(hub.admin, card, f"verif:ok:{kim.id}")
    await assert_decided_once(hub, group, card, "diverifikasi")


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_rejection_and_its_effects_happen_together(faulty_hub: Hub, fault: str) -> None:
    hub = faulty_hub
    group, kim, card = await announced(hub)
    await hub.press(hub.admin, card, f"verif:tolak:{kim.id}")
    failing = faulty(hub.store).fail(fault)
    await hub.say(hub.admin, hub.desk, "Nomor SK tidak terbaca.")
    assert failing.fired == 1
    await assert_undecided(hub, kim, group, card)
    # The reason is still awaited: typed again, it rejects the KIM, with every effect once.
    await hub.say(hub.admin, hub.desk, "Nomor SK tidak terbaca.")
    await assert_decided_once(hub, group, card, "Nomor SK tidak terbaca")


@pytest.mark.parametrize("fault", FAULTS[1:])
async def test_a_link_approval_and_its_effects_happen_together(faulty_hub: Hub, fault: str) -> None:
    hub = faulty_hub
    kim = await official_kim(hub)
    ketua, group = a_group(hub, "Grup Bunut")
    card = await request_link(hub, ketua, group, kim)
    [link] = await hub.store.waiting_links()
    before = len(hub.emu.sent(group))
    failing = faulty(hub.store).fail(fault)
    await hub.press(hub.admin, card, f"tautan:ok:{link.id}")
    assert failing.fired == 1
    await hub.outbox.wait_idle()
    assert [w.id for w in await hub.store.waiting_links()] == [link.id]
    assert len(hub.emu.sent(group)) == before
    assert f"tautan:ok:{link.id}" in buttons(now_shown(hub, card))
    await hub.press(hub.admin, card, f"tautan:ok:{link.id}")
    await hub.outbox.wait_idle()
    assert "grup resmi" in hub.last(group)["text"]
    assert len(hub.emu.sent(group)) == before + 1
    assert buttons(now_shown(hub, card)) == {}


async def test_effects_of_a_decision_cut_short_are_delivered_once_after_a_restart(
    start_hub: HubFactory,
) -> None:
    async with start_hub() as hub:
        group, kim, card = await announced(hub)
        # The bot dies right after the decision: while it answers the press, before its
        # outbox has sent anything.
        await hub.outbox.stop()
        hub.emu.fail("answerCallbackQuery", error="timeout")
        press = asyncio.create_task(hub.press(hub.admin, card, f"verif:ok:{kim.id}"))
        await hub.emu.wait_for_call("answerCallbackQuery")
        press.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await press
        assert hub.emu.sent(group) == []
        assert f"verif:ok:{kim.id}" in buttons(now_shown(hub, card))
    for _ in range(2):  # restarted, and restarted again: delivered once
        async with start_hub() as hub:
            await assert_decided_once(hub, group, card, "diverifikasi")
            decided = await hub.store.get_kim(kim.id)
            assert decided is not None
            assert decided.status == KimStatus.VERIFIED

"""Every card of a KIM shows the decision, wherever the KIM was decided."""

from __future__ import annotations

from typing import Any

from bot.context import BotContext
from bot.emulator import User
from bot.models.people import Role
from bot.models.registrasi import Kim, KimDraft, KimStatus
from handlers.registrasi.verification import announce_registration
from tests.conftest import Hub, HubFactory, buttons


def now_shown(hub: Hub, message: dict[str, Any]) -> dict[str, Any]:
    """A message as the chat now shows it (after edits)."""
    chat_id, message_id = message["chat"]["id"], message["message_id"]
    return next(m for m in hub.emu.sent(chat_id) if m["message_id"] == message_id)


async def waiting_kim(hub: Hub, nama: str = "KIM Kalis", chat_id: int = -4999) -> Kim:
    draft = KimDraft(nama, "61.06.18.2001", "61.06.18", "camat", "1/2025", None)
    return await hub.store.register_kim(draft, chat_id, 5)


async def second_admin(hub: Hub) -> User:
    eko = hub.emu.user("Eko")
    await hub.store.grant_role(eko.id, Role.ADMIN, hub.admin.id)
    return eko


async def card_for(hub: Hub, user: User) -> dict[str, Any]:
    """The card /verifikasi shows `user` in private (one KIM waits)."""
    return (await hub.say(user, hub.emu.private_chat(user), "/verifikasi"))[-1]


async def test_a_decision_in_the_desk_shows_on_every_private_card(hub: Hub) -> None:
    kim = await waiting_kim(hub)
    await announce_registration(BotContext(hub.app), kim, None, None)
    desk_card = hub.last(hub.desk)
    eko = await second_admin(hub)
    dina_card, eko_card, eko_again = (
        await card_for(hub, hub.admin),
        await card_for(hub, eko),
        await card_for(hub, eko),
    )
    assert {f"verif:ok:{kim.id}"} <= set(buttons(dina_card))
    await hub.press(hub.admin, desk_card, f"verif:ok:{kim.id}")
    await hub.outbox.wait_idle()  # the decision's effects go out through the outbox
    for card in (desk_card, dina_card, eko_card, eko_again):
        shown = now_shown(hub, card)
        assert "terverifikasi oleh Dina" in shown["text"], shown["chat"]
        assert buttons(shown) == {}
    assert await hub.store.take_kim_cards(kim.id) == []


async def test_a_rejection_typed_in_private_shows_in_the_desk(hub: Hub) -> None:
    kim = await waiting_kim(hub)
    await announce_registration(BotContext(hub.app), kim, None, None)
    desk_card = hub.last(hub.desk)
    eko = await second_admin(hub)
    eko_card = await card_for(hub, eko)
    await hub.press(eko, eko_card, f"verif:tolak:{kim.id}")
    await hub.say(eko, hub.emu.private_chat(eko), "Nomor SK tidak terbaca")
    await hub.outbox.wait_idle()  # the decision's effects go out through the outbox
    for card in (desk_card, eko_card):
        shown = now_shown(hub, card)
        assert "ditolak oleh Eko" in shown["text"]
        assert "Nomor SK tidak terbaca" in shown["text"]
        assert buttons(shown) == {}


async def test_without_a_desk_each_admins_card_shows_the_decision(
    start_hub: HubFactory, admin: User
) -> None:
    async with start_hub(desk_chat_id=None) as hub:
        eko = await second_admin(hub)
        kim = await waiting_kim(hub)
        dina_chat = hub.emu.private_chat(admin)  # she has opened the bot
        await announce_registration(BotContext(hub.app), kim, None, None)
        dina_card = hub.last(dina_chat)
        assert f"verif:ok:{kim.id}" in buttons(dina_card)
        eko_card = await card_for(hub, eko)
        await hub.press(eko, eko_card, f"verif:ok:{kim.id}")
        await hub.outbox.wait_idle()  # the decision's effects go out through the outbox
        shown = now_shown(hub, dina_card)
        assert "terverifikasi oleh Eko" in shown["text"]
        assert buttons(shown) == {}


async def test_a_card_pressed_after_a_decision_made_without_it(hub: Hub) -> None:
    kim = await waiting_kim(hub)
    card = await card_for(hub, hub.admin)
    await hub.store.decide_kim(kim.id, KimStatus.VERIFIED, hub.admin.id)  # e.g. by the CLI
    for data in (f"verif:ok:{kim.id}", f"verif:tolak:{kim.id}"):
        late = hub.emu.press(hub.admin, card, data)
        await hub.process(late)
        assert "sudah diverifikasi oleh Anda pukul" in hub.answer_to(late)["text"]
        shown = now_shown(hub, card)
        assert "terverifikasi" in shown["text"]
        assert buttons(shown) == {}


async def test_cards_are_kept_once_and_handed_out_once(hub: Hub) -> None:
    kim = await waiting_kim(hub)
    other = await waiting_kim(hub, "KIM Embau", -4998)
    for chat_id, message_id, kim_id in ((10, 1, kim.id), (10, 1, kim.id), (11, 7, kim.id),
                                        (10, 2, other.id)):  # fmt: skip
        await hub.store.remember_kim_card(kim_id, chat_id, message_id)
    cards = await hub.store.take_kim_cards(kim.id)
    assert sorted((c.chat_id, c.message_id) for c in cards) == [(10, 1), (11, 7)]
    assert await hub.store.take_kim_cards(kim.id) == []
    assert [(c.chat_id, c.message_id) for c in await hub.store.take_kim_cards(other.id)] == [
        (10, 2)
    ]

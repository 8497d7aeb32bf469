"""A press on a decided card says truthfully who decided and when; a card of nothing says so."""

from __future__ import annotations

from typing import Any

from bot.context import BotContext
from bot.dates import format_clock_id
from bot.emulator import User
from bot.models.people import Role
from bot.models.registrasi import Kim, KimDraft
from handlers.registrasi.verification import announce_registration
from tests.conftest import Hub, buttons, texts
from tests.registrasi.test_link import a_group, official_kim, request_link


def now_shown(hub: Hub, message: dict[str, Any]) -> dict[str, Any]:
    chat_id, message_id = message["chat"]["id"], message["message_id"]
    return next(m for m in hub.emu.sent(chat_id) if m["message_id"] == message_id)


async def waiting(hub: Hub) -> tuple[Kim, dict[str, Any]]:
    group = hub.emu.group("KIM Kalis Maju")
    draft = KimDraft("KIM Kalis Maju", "61.06.18.2001", "61.06.18", "camat", "1/2025", None)
    kim = await hub.store.register_kim(draft, group.id, 5)
    await announce_registration(BotContext(hub.app), kim, None, None)
    return kim, hub.last(hub.desk)


async def second_admin(hub: Hub) -> User:
    eko = hub.emu.user("Eko")
    await hub.store.grant_role(eko.id, Role.ADMIN, hub.admin.id)
    await hub.say(eko, hub.emu.private_chat(eko), "/start")  # the bot learns his name
    return eko


async def at(hub: Hub, kim: Kim) -> str:
    """When the KIM was decided, as the answers show it ("14.05 WIB")."""
    decided = await hub.store.get_kim(kim.id)
    assert decided is not None
    assert decided.decision is not None
    return format_clock_id(decided.decision.at, hub.services.config.timezone)


async def answer(hub: Hub, user: User, card: dict[str, Any], data: str) -> str:
    press = hub.emu.press(user, card, data)
    await hub.process(press)
    return str(hub.answer_to(press)["text"])


async def test_a_second_press_says_who_verified_and_when(hub: Hub) -> None:
    eko = await second_admin(hub)
    kim, desk_card = await waiting(hub)
    eko_card = (await hub.say(eko, hub.emu.private_chat(eko), "/verifikasi"))[-1]
    await hub.press(hub.admin, desk_card, f"verif:ok:{kim.id}")
    clock = await at(hub, kim)
    mine = await answer(hub, hub.admin, desk_card, f"verif:ok:{kim.id}")
    assert f"sudah diverifikasi oleh Anda pukul {clock}" in mine
    for data in (f"verif:ok:{kim.id}", f"verif:tolak:{kim.id}"):
        theirs = await answer(hub, eko, eko_card, data)
        assert f"sudah diverifikasi oleh Dina pukul {clock}" in theirs
    shown = now_shown(hub, eko_card)
    assert f"terverifikasi oleh Dina pukul {clock}" in shown["text"]
    assert buttons(shown) == {}


async def test_a_reason_typed_after_another_decision_says_whose(hub: Hub) -> None:
    eko = await second_admin(hub)
    kim, desk_card = await waiting(hub)
    eko_chat = hub.emu.private_chat(eko)
    eko_card = (await hub.say(eko, eko_chat, "/verifikasi"))[-1]
    await hub.press(eko, eko_card, f"verif:tolak:{kim.id}")
    await hub.press(hub.admin, desk_card, f"verif:ok:{kim.id}")  # meanwhile, in the desk
    told = texts(await hub.say(eko, eko_chat, "Nomor SK tidak terbaca"))
    assert f"sudah diverifikasi oleh Dina pukul {await at(hub, kim)}" in told


async def test_a_card_of_a_kim_that_does_not_exist_says_so(hub: Hub) -> None:
    _, card = await waiting(hub)
    for data in ("verif:ok:999", "verif:tolak:999"):
        told = await answer(hub, hub.admin, card, data)
        assert "KIM #999 tidak ada lagi" in told
        assert buttons(now_shown(hub, card)) == {}


async def test_a_second_press_on_a_link_card_says_who_and_when(hub: Hub) -> None:
    kim = await official_kim(hub)
    ketua, group = a_group(hub, "Grup Bunut")
    card = await request_link(hub, ketua, group, kim)
    [link] = await hub.store.waiting_links()
    await hub.press(hub.admin, card, f"tautan:ok:{link.id}")
    decided = await hub.store.get_link(link.id)
    assert decided is not None
    assert decided.decision is not None
    clock = format_clock_id(decided.decision.at, hub.services.config.timezone)
    for data in (f"tautan:ok:{link.id}", f"tautan:tolak:{link.id}"):
        told = await answer(hub, hub.admin, card, data)
        assert f"sudah disetujui oleh Anda pukul {clock}" in told
    told = await answer(hub, hub.admin, card, "tautan:ok:999")
    assert "tautan #999" in told
    assert "tidak ada lagi" in told
    assert buttons(now_shown(hub, card)) == {}

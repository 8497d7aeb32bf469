"""Fixtures for Aspirasi tests: two OPD with their groups, a citizen, and a filed ticket.

`submit(hub, citizen)` goes through the whole /aspirasi conversation with buttons and typed
answers, as a person would; `deliver(hub)` lets the outbox finish what was queued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from bot.emulator import BotApiEmulator, Chat, User
from bot.models.aspirasi import Aspiration, Category, Opd, OpdConfig
from bot.models.registrasi import Kim, KimDraft, KimStatus
from bot.store import Store
from tests.conftest import Hub, buttons, texts

TEXT = "Jalan poros desa rusak berat sejak banjir bulan lalu, mohon segera diperbaiki."
KECAMATAN, DESA = "61.06.01", "61.06.01.2011"  # Putussibau Utara, Ariung Mendalam


@dataclass
class Opds:
    """Two OPD with their own groups: PUPR (infrastruktur) and Dinkes (kesehatan)."""

    pupr: Chat
    dinkes: Chat
    pupr_staff: User
    dinkes_staff: User


@pytest.fixture
def opds(emu: BotApiEmulator) -> Opds:
    pupr_staff, dinkes_staff = emu.user("Pak Ujang"), emu.user("Bu Rina")
    pupr = emu.group("OPD PUPR", supergroup=True, admins=[pupr_staff])
    dinkes = emu.group("OPD Dinkes", supergroup=True, admins=[dinkes_staff])
    return Opds(pupr, dinkes, pupr_staff, dinkes_staff)


@pytest.fixture
async def desk_hub(hub: Hub, opds: Opds) -> Hub:
    """The bot with opd.yaml's OPD registered, as the start-up will."""
    hub.services.add(OpdConfig((
        Opd("pupr", "Dinas PUPR", opds.pupr.id, (Category.INFRASTRUKTUR,)),
        Opd("dinkes", "Dinas Kesehatan", opds.dinkes.id, (Category.KESEHATAN,)),
        Opd("dukcapil", "Disdukcapil", None, (Category.LAYANAN_PUBLIK,)),
    )))  # fmt: skip
    return hub


def store_of(hub: Hub) -> Store:
    """The running bot's Store."""
    store: Store = hub.store
    return store


async def deliver(hub: Hub) -> None:
    """Let the outbox deliver everything queued so far."""
    hub.outbox.wake()
    await hub.outbox.wait_idle()


async def press_button(
    hub: Hub, user: User, message: dict[str, Any], data: str
) -> list[dict[str, Any]]:
    """Press a button that the message really has (a test must not forge one by accident)."""
    assert data in buttons(message), f"{data} not in {buttons(message)}"
    return await hub.press(user, message, data)


def only(messages: list[dict[str, Any]], chat: Chat) -> list[dict[str, Any]]:
    """The messages of one chat (the outbox may deliver to others meanwhile)."""
    return [m for m in messages if m["chat"]["id"] == chat.id]


async def submit(
    hub: Hub, citizen: User, text: str = TEXT, identity: str = "tampil",
    category: str = "infrastruktur",
) -> Aspiration:  # fmt: skip
    """File an aspiration through the conversation; the ticket as stored."""
    chat = hub.emu.private_chat(citizen)
    [ask] = only(await hub.say(citizen, chat, "/aspirasi"), chat)
    [place] = (await press_button(hub, citizen, ask, f"asp:kat:{category}"))[-1:]
    [desa] = (await press_button(hub, citizen, place, f"asp:kec:{KECAMATAN}"))[-1:]
    await press_button(hub, citizen, desa, f"asp:desa:{DESA}")
    [photos] = (await hub.say(citizen, chat, text))[-1:]
    [who] = (await press_button(hub, citizen, photos, "asp:foto"))[-1:]
    [summary] = (await press_button(hub, citizen, who, f"asp:id:{identity}"))[-1:]
    filed = await press_button(hub, citizen, summary, "asp:kirim")
    code = next(m["text"] for m in filed if "Kode pelacakan" in m.get("text", ""))
    found = await store_of(hub).aspiration_by_code(code.split("Kode pelacakan: ")[1].split()[0])
    assert found is not None
    return found


def card_in(hub: Hub, chat: Chat, code: str) -> dict[str, Any]:
    """The latest card of a ticket in a chat (as now edited)."""
    cards = [m for m in hub.emu.sent(chat) if m.get("text", "").startswith(f"📣 Aspirasi {code}")]
    assert cards, f"no card of {code} in {chat.title}"
    return cards[-1]


async def act(hub: Hub, user: User, chat: Chat, code: str, data: str, note: str | None) -> str:
    """Press a card's button in `chat` and give its note (None: Tanpa catatan)."""
    await deliver(hub)
    card = card_in(hub, chat, code)
    replies = await press_button(hub, user, card, data)
    if note is None:
        replies += await press_button(hub, user, replies[-1], "aspm:tanpa")
    else:
        replies += await hub.say(user, chat, note)
    await deliver(hub)
    return texts(replies)


@dataclass
class KimGroup:
    """A verified KIM with its group and three members (the first administers the group)."""

    kim: Kim
    group: Chat
    members: list[User]


async def kim_group(hub: Hub, nama: str = "KIM Sibau") -> KimGroup:
    """A verified KIM of desa Ariung Mendalam with its group and three registered members."""
    people = [hub.emu.user(f"Anggota{i}") for i in range(3)]
    group = hub.emu.group(nama, admins=people[:1], members=people[1:])
    store = store_of(hub)
    draft = KimDraft(nama, DESA, KECAMATAN, "camat", "1/2025", date(2025, 1, 2))
    kim = await store.register_kim(draft, group.id, people[0].id)
    for person in people:
        await store.add_member(kim.id, person.id, person.first_name)
    await store.decide_kim(kim.id, KimStatus.VERIFIED, hub.admin.id)
    found = await store.get_kim(kim.id)
    assert found is not None
    return KimGroup(found, group, people)

"""Fixtures for Diseminasi tests: verified KIM groups with members, and a broadcaster."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from bot.config import Config
from bot.context import BotContext
from bot.emulator import BotApiEmulator, Chat, User
from bot.models.diseminasi import (
    Broadcast,
    BroadcastRun,
    Content,
    ContentKind,
    Schedule,
    ScheduleKind,
    Target,
    TargetKind,
)
from bot.models.people import Role
from bot.models.registrasi import Kim, KimDraft, KimStatus
from bot.store import Store, utcnow
from broadcasts.diseminasi.schedule import run_due
from tests.conftest import Hub

FEEDS = """\
topics:
  - id: pertanian
    label: Pertanian
    keywords: [padi]
  - id: kesehatan
    label: Kesehatan
    keywords: [posyandu]
sources: []
"""
PUTUSSIBAU_UTARA, BIKA = "61.06.01", "61.06.02"
ONCE = Schedule(ScheduleKind.ONCE)


@dataclass
class KimGroup:
    """A verified KIM, its Telegram group and its members (the first administers it)."""

    kim: Kim
    group: Chat
    members: list[User]


@pytest.fixture
def config(config: Config, tmp_path: Path) -> Config:
    """The project config with two topics in feeds.yaml."""
    feeds = tmp_path / "feeds_topics.yaml"
    feeds.write_text(FEEDS)
    return replace(config, feeds_file=feeds)


@pytest.fixture
def broadcaster(emu: BotApiEmulator) -> User:
    """A person who will hold the broadcaster role (see `make_broadcaster`)."""
    return emu.user("Sari", username="sari_penyiar")


def store_of(hub: Hub) -> Store:
    """The running bot's Store."""
    store: Store = hub.store
    return store


def context_of(hub: Hub) -> BotContext:
    """A callback context of the running bot, as jobs get one."""
    return BotContext(hub.app)


async def make_broadcaster(hub: Hub, user: User) -> User:
    """Grant the broadcaster role (by the configured admin) and open the private chat."""
    await store_of(hub).grant_role(user.id, Role.BROADCASTER, hub.admin.id)
    hub.emu.private_chat(user)
    return user


async def kim_group(
    hub: Hub, nama: str, desa: str, kecamatan: str = PUTUSSIBAU_UTARA, verified: bool = True
) -> KimGroup:
    """A KIM (verified unless told) with a group and three registered members."""
    people = [hub.emu.user(f"{nama.split()[-1]}{i}") for i in range(3)]
    group = hub.emu.group(nama, admins=people[:1], members=people[1:])
    store = store_of(hub)
    draft = KimDraft(nama, desa, kecamatan, "camat", "1/2025", date(2025, 1, 2))
    kim = await store.register_kim(draft, group.id, people[0].id)
    for person in people:
        await store.add_member(kim.id, person.id, person.first_name)
    if verified:
        await store.decide_kim(kim.id, KimStatus.VERIFIED, hub.admin.id)
    found = await store.get_kim(kim.id)
    assert found is not None
    return KimGroup(found, group, people)


async def two_kims(hub: Hub) -> tuple[KimGroup, KimGroup]:
    """KIM Sibau (Putussibau Utara, desa Ariung Mendalam) and KIM Bika (Bika, desa Bika)."""
    sibau = await kim_group(hub, "KIM Sibau", "61.06.01.2011")
    bika = await kim_group(hub, "KIM Bika", "61.06.02.2002", BIKA)
    return sibau, bika


async def broadcast_now(
    hub: Hub,
    creator: User,
    template: str = "Info untuk {{ kim.nama }}",
    schedule: Schedule = ONCE,
) -> tuple[Broadcast, BroadcastRun]:
    """Save a text broadcast to every verified KIM, run it now, and wait for delivery."""
    store, now = store_of(hub), utcnow()
    content, target = Content(ContentKind.TEXT, template), Target(TargetKind.ALL)
    broadcast = await store.create_broadcast(creator.id, content, target, schedule, now)
    run = await run_due(context_of(hub), broadcast.id, now)
    assert run is not None
    await context_of(hub).outbox.wait_idle()
    return broadcast, run

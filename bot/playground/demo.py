"""The demo: who is in the sandbox, their groups, a verified KIM, and a local news feed.

Ids are the emulator's own sequence, so a fresh sandbox always has the same people:
Dina (Diskominfo admin), the members of two KIM groups in different kecamatan (KIM Sibau
Maju, an ordinary group in Putussibau Utara that has not registered yet, and KIM Embaloh
Bersatu, a verified forum supergroup in Embaloh Hilir), and Budi, a citizen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from bot.config import packaged_file
from bot.emulator import BotApiEmulator, Chat, User
from bot.models.registrasi import KimDraft, KimStatus
from bot.store import Store

FEED_PATH = "/feeds/berita-kapuas-hulu.xml"
ADMIN_ID = 1001  # Dina: the emulator's first user
DESK_ID = -1002000000001  # Meja Diskominfo: the emulator's first supergroup
EMBALOH = KimDraft("KIM Embaloh Bersatu", "61.06.03.2001", "61.06.03", "camat", "12/KIM/2025",
                   date(2025, 3, 10))  # fmt: skip


@dataclass(frozen=True)
class Person:
    """One demo person and what they are, as the page shows it."""

    user: User
    role: str


@dataclass(frozen=True)
class Cast:
    """The demo's people and chats."""

    people: list[Person]
    desk: Chat
    sibau: Chat
    embaloh: Chat

    @property
    def admin(self) -> User:
        """Dina, the Diskominfo admin."""
        return self.people[0].user


def cast(emu: BotApiEmulator) -> Cast:
    """Create the demo people and chats in a fresh emulator (the same ids every time)."""
    roles = [("Dina", "dina_kominfo", "Admin Diskominfo"),
             ("Rahmat", "rahmat_sibau", "Ketua KIM Sibau Maju"),
             ("Yanti", None, "Anggota KIM Sibau Maju"), ("Agus", None, "Anggota KIM Sibau Maju"),
             ("Sari", "sari_embaloh", "Ketua KIM Embaloh Bersatu"),
             ("Dedi", None, "Anggota KIM Embaloh Bersatu"),
             ("Lina", None, "Anggota KIM Embaloh Bersatu"),
             ("Budi", "budi_warga", "Warga")]  # fmt: skip
    people = [Person(emu.user(name, username=username), role) for name, username, role in roles]
    users = [p.user for p in people]
    desk = emu.group("Meja Diskominfo", supergroup=True, admins=users[:1])
    sibau = emu.group("KIM Sibau Maju", admins=users[1:2], members=users[2:4])
    embaloh = emu.group("KIM Embaloh Bersatu", forum=True, admins=users[4:5], members=users[5:7])
    emu.make_admin(embaloh)  # topics for discussions need the bot to manage them
    for user in users:
        emu.private_chat(user)
    emu.add_bot_to_group(sibau, by=users[1])  # the bot greets the group: "ketik /daftar"
    return Cast(people, desk, sibau, embaloh)


def roles(emu: BotApiEmulator) -> dict[int, str]:
    """What each demo person is, by user id (a restored world has the same ids)."""
    names = ["Admin Diskominfo", "Ketua KIM Sibau Maju", "Anggota KIM Sibau Maju",
             "Anggota KIM Sibau Maju", "Ketua KIM Embaloh Bersatu",
             "Anggota KIM Embaloh Bersatu", "Anggota KIM Embaloh Bersatu", "Warga"]  # fmt: skip
    return {1001 + i: role for i, role in enumerate(names) if 1001 + i in emu.state.users}


async def seed_store(store: Store, world: Cast) -> None:
    """The verified KIM Embaloh Bersatu and its three members (Sibau registers in the page)."""
    ketua, *members = [p.user for p in world.people[4:7]]
    kim = await store.register_kim(EMBALOH, world.embaloh.id, ketua.id)
    for person in (ketua, *members):
        await store.add_member(kim.id, person.id, person.first_name)
    await store.decide_kim(kim.id, KimStatus.VERIFIED, world.admin.id)


def feed_document() -> bytes:
    """The demo's news feed: a few local items, written for the sandbox."""
    return resources.files("bot.playground").joinpath("berita.xml").read_bytes()


def write_feeds_file(path: Path, base_url: str) -> Path:
    """A feeds.yaml with the packaged topics and one source: the feed served in-process."""
    packaged = yaml.safe_load(packaged_file("feeds.yaml").read_text(encoding="utf-8"))
    source = {"id": "demo", "name": "Berita Kapuas Hulu (contoh)", "url": base_url + FEED_PATH,
              "topics": [t["id"] for t in packaged["topics"]], "curation": "auto",
              "interval_minutes": 30}  # fmt: skip
    document = {"topics": packaged["topics"], "sources": [source]}
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return path

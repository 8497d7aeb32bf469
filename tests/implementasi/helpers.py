"""Helpers for Implementasi and Jaringan tests: verified KIM groups, a settable clock, a
report walked through from the group's /implementasi to its summary in private."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.emulator import Chat, User
from bot.models.registrasi import Jabatan, Kim, KimDraft, KimStatus
from tests.conftest import Hub, buttons

EMBALOH_HULU, BIKA = "61.06.04", "61.06.02"


class Clock:
    """A clock the test moves on: what the bot takes as "now" (Config.clock). It starts at
    the real time, so that the jobs it plans are in the JobQueue's future too."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        """Move the clock on."""
        self.now += delta


@dataclass
class KimGroup:
    """A KIM, its Telegram group and its members (the first is the group's admin and ketua)."""

    kim: Kim
    group: Chat
    members: list[User]

    @property
    def ketua(self) -> User:
        """The member who administers the group and is the KIM's ketua."""
        return self.members[0]


async def kim_group(
    hub: Hub, nama: str, kecamatan: str = EMBALOH_HULU, verified: bool = True
) -> KimGroup:
    """A KIM (verified unless told) with a group and three members, the first its ketua."""
    word = nama.split()[-1]
    people = [hub.emu.user(f"{word}{i}", username=f"{word.lower()}_{i}") for i in range(3)]
    group = hub.emu.group(nama, admins=people[:1], members=people[1:])
    store = hub.store
    desa = next(d.kode for d in hub.services.region.desa_of(kecamatan))
    draft = KimDraft(nama, desa, kecamatan, "camat", "1/2025", date(2025, 1, 2))
    kim = await store.register_kim(draft, group.id, people[0].id)
    for person in people:
        await store.touch_person(person.id, person.first_name, person.username)
        await store.add_member(kim.id, person.id, person.first_name)
    await store.set_jabatan(kim.id, people[0].id, Jabatan.KETUA)
    if verified:
        await store.decide_kim(kim.id, KimStatus.VERIFIED, hub.admin.id)
    found = await store.get_kim(kim.id)
    assert found is not None
    return KimGroup(found, group, people)


def location(hub: Hub, user: User, chat: Chat, latitude: float, longitude: float) -> dict[str, Any]:
    """A message update sharing a location (the emulator builds text; this swaps it)."""
    update = hub.emu.text(user, chat, "lokasi")
    message = update["message"]
    del message["text"]
    message["location"] = {"latitude": latitude, "longitude": longitude}
    return update


async def open_report(hub: Hub, member: User, kim: KimGroup, judul: str) -> list[dict[str, Any]]:
    """/implementasi <judul> in the group, then the deep link in the member's private chat."""
    [invite] = await hub.say(member, kim.group, f"/implementasi {judul}", reply=False)
    [url] = [b["url"] for row in invite["reply_markup"]["inline_keyboard"] for b in row]
    payload = url.rpartition("?start=")[2]
    return await hub.say(member, hub.emu.private_chat(member), f"/start {payload}")


async def fill_report(hub: Hub, member: User, photos: int = 2) -> dict[str, Any]:
    """Answer every step after the source (farming, with photos and a location); the summary."""
    chat = hub.emu.private_chat(member)
    await hub.say(member, chat, "Demplot 1 ha padi jajar legowo bersama kelompok tani Maju.")
    [ask_unit] = await hub.say(member, chat, "10/02/2026")
    await hub.press(member, ask_unit, "impl:satuan:kk")
    [ask_bidang] = await hub.say(member, chat, "25")
    await hub.press(member, ask_bidang, "impl:bidang:pertanian")
    await hub.say(member, chat, "Panen lebih banyak dan gabah lebih bersih.")
    await hub.say(member, chat, "Padi")
    await hub.say(member, chat, "2,5 ton/ha")
    [ask_photos] = await hub.say(member, chat, "3,1")
    for _ in range(photos):
        [ask_photos] = await hub.process(hub.emu.photo(member, chat))
    await hub.press(member, ask_photos, "impl:foto")
    replies = await hub.process(location(hub, member, chat, 0.8712, 112.9301))
    assert "impl:ok" in buttons(replies[-1]), replies
    return replies[-1]

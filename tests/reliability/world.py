"""One person in each role, in the chat where that role acts, on a running bot.

citizen (private only), KIM member and KIM admin (a verified KIM's group; the admin
administers the group), curator and broadcaster (roles in the database), OPD (staff of an
OPD's group in opd.yaml) and admin (KIM_ADMIN_IDS, at the Diskominfo desk).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.emulator import Chat, User
from bot.models.aspirasi import Category, Identity, NewAspiration, Opd, OpdConfig
from bot.models.people import Role
from bot.models.registrasi import KimDraft, KimStatus
from bot.store import utcnow
from tests.conftest import Hub

ROLES = ("citizen", "kim_member", "kim_admin", "curator", "broadcaster", "opd", "admin")


@dataclass
class World:
    """Who is who, and their chats."""

    people: dict[str, User]
    group: Chat  # the verified KIM's group
    opd_group: Chat
    desk: Chat
    ids: dict[str, int] = field(default_factory=dict)  # kim, kim_baru (pending), tiket

    def home(self, role: str) -> Chat:
        """Where a person of this role talks to the bot in a group, if anywhere."""
        groups = {"kim_member": self.group, "kim_admin": self.group, "opd": self.opd_group,
                  "admin": self.desk}  # fmt: skip
        return groups.get(role, self.group)

    @property
    def pressers(self) -> list[tuple[User, Chat]]:
        """Each person in their private chat, and those with a group in it too."""
        private = [(user, Chat(user.id, "private", user=user)) for user in self.people.values()]
        grouped = [(self.people[r], self.home(r)) for r in ("kim_member", "opd", "admin")]
        return private + grouped


async def make_world(hub: Hub) -> World:
    """Create the people, the KIM, the OPD and the roles on the running bot."""
    emu, store = hub.emu, hub.store
    people = {role: emu.user(role.replace("_", " ").title().replace(" ", "")) for role in ROLES}
    people["admin"] = hub.admin
    for user in people.values():
        emu.private_chat(user)
    group = emu.group("KIM Sibau", admins=[people["kim_admin"]], members=[people["kim_member"]])
    opd_group = emu.group("OPD PUPR", supergroup=True, admins=[people["opd"]])
    hub.services.add(OpdConfig((Opd("pupr", "Dinas PUPR", opd_group.id,
                                    (Category.INFRASTRUKTUR,)),)))  # fmt: skip
    draft = KimDraft("KIM Sibau", "61.06.01.2011", "61.06.01", "camat", "1/2025", date(2025, 1, 2))
    kim = await store.register_kim(draft, group.id, people["kim_admin"].id)
    for role in ("kim_admin", "kim_member"):
        await store.add_member(kim.id, people[role].id, people[role].first_name)
    await store.decide_kim(kim.id, KimStatus.VERIFIED, hub.admin.id)
    await store.grant_role(people["curator"].id, Role.CURATOR, hub.admin.id)
    await store.grant_role(people["broadcaster"].id, Role.BROADCASTER, hub.admin.id)
    pending = emu.group("KIM Baru", admins=[emu.user("Pendiri")])
    waiting = await store.register_kim(draft, pending.id, people["kim_member"].id)
    ticket = await _ticket(hub, people["citizen"])
    ids = {"kim": kim.id, "kim_baru": waiting.id, "tiket": ticket}
    return World(people, group, opd_group, hub.desk, ids)


async def _ticket(hub: Hub, reporter: User) -> int:
    """An aspiration the citizen filed (to PUPR's category), as the conversation stores it."""
    now = utcnow()
    new = NewAspiration(Category.INFRASTRUKTUR, "Jalan poros desa rusak berat sejak banjir.",
                        Identity.SHOWN, reporter.id, reporter.first_name, now,
                        now + timedelta(days=14), now.strftime("%y%m"))  # fmt: skip
    filed = await hub.store.file_aspiration(new, limit=99, day_start=now, repeat_since=now)
    return filed.id

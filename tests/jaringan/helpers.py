"""Helpers for Jaringan tests: a verified report of KIM Embaloh, KIMs that opt in to stories,
and a share approved by the desk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.conftest import Hub, buttons
from tests.implementasi.helpers import KimGroup, fill_report, kim_group, open_report


@dataclass
class Verified:
    """A verified report: its KIM, the reporter and the reporter's notice (with "Bagikan")."""

    kim: KimGroup
    notice: dict[str, Any]

    @property
    def reporter(self) -> Any:
        """The member who reported (not the group's admin)."""
        return self.kim.members[1]


async def verified_report(hub: Hub, nama: str = "KIM Embaloh") -> Verified:
    """KIM Embaloh's report with two photos, sent by its second member and verified."""
    kim = await kim_group(hub, nama)
    member = kim.members[1]
    replies = await open_report(hub, member, kim, "Tanam padi jajar legowo")
    await hub.press(member, replies[-1], "impl:tanpa")
    summary = await fill_report(hub, member)
    await hub.press(member, summary, "impl:ok")
    await hub.press(hub.admin, hub.last(hub.desk), "implv:ok:1")
    await hub.outbox.wait_idle()
    notice = hub.last(hub.emu.private_chat(member))
    assert "bagi:tawar:1" in buttons(notice)
    return Verified(kim, notice)


async def opted_in(hub: Hub, nama: str, kecamatan: str) -> KimGroup:
    """A verified KIM whose admin switched on "Terima cerita" in /jaringan atur."""
    kim = await kim_group(hub, nama, kecamatan)
    [settings] = await hub.say(kim.ketua, kim.group, "/jaringan atur", reply=False)
    [settings] = await hub.press(kim.ketua, settings, "jar:atur:receive_stories")
    assert "✅ Terima cerita implementasi KIM lain" in buttons(settings).values()
    return kim


async def approved_share(hub: Hub, report: Verified, scope: str = "bagi:semua:1") -> None:
    """The reporter offers the report to every opted-in KIM; the desk approves it."""
    [ask_scope] = await hub.press(report.reporter, report.notice, "bagi:tawar:1")
    await hub.press(report.reporter, ask_scope, scope)
    card = hub.last(hub.desk)
    assert "bagi:ok:1" in buttons(card)
    await hub.press(hub.admin, card, "bagi:ok:1")
    await hub.outbox.wait_idle()


def stories(hub: Hub, kim: KimGroup) -> list[dict[str, Any]]:
    """The shared stories a KIM's group received."""
    return [m for m in hub.emu.sent(kim.group) if "Cerita dari jaringan" in (m.get("text") or "")]

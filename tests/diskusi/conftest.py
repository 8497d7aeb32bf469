"""Fixtures for Diskusi tests: a KIM in a forum supergroup and one in an ordinary group, news
items delivered to them, and helpers that talk in a topic or in a reply thread."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.config import Config
from bot.context import BotContext
from bot.emulator import BotApiEmulator, Chat, User
from bot.models.akses import News, NewsDraft, NewsStatus
from bot.models.diskusi import Discussion
from bot.models.registrasi import Kim, KimDraft, KimStatus
from bot.store import Store, utcnow
from broadcasts.akses.jobs import deliver_digests
from tests.conftest import Hub


@pytest.fixture
def config(config: Config) -> Config:
    """The hub's config without quiet hours: news goes out whenever a test delivers it."""
    return replace(config, quiet_hours=None)


@dataclass
class KimGroup:
    """A verified KIM with its group: an admin (ketua), a member and a plain group member."""

    kim: Kim
    chat: Chat
    ketua: User
    anggota: User
    warga: User


def store_of(hub: Hub) -> Store:
    """The hub's Store."""
    store: Store = hub.store
    return store


def context_of(hub: Hub) -> BotContext:
    """A callback context like the one a job receives."""
    return BotContext(hub.app)


async def kim_group(hub: Hub, name: str, *, forum: bool = False, admin: bool = False) -> KimGroup:
    """A verified KIM in a new group (a forum supergroup when asked), the bot an
    administrator with every right when asked."""
    emu: BotApiEmulator = hub.emu
    ketua, anggota, warga = (emu.user(f"{who} {name}") for who in ("Ketua", "Anggota", "Warga"))
    chat = emu.group(name, forum=forum, admins=[ketua], members=[anggota, warga])
    if admin:
        emu.make_admin(chat)
    store = store_of(hub)
    draft = KimDraft(name, "61.06.05.2002", "61.06.05", "kepala_desa", "1/2025", None)
    kim = await store.register_kim(draft, chat.id, ketua.id)
    decided = await store.decide_kim(kim.id, KimStatus.VERIFIED, hub.admin.id)
    assert decided is not None
    for person in (ketua, anggota):
        await store.add_member(kim.id, person.id, person.first_name)
    return KimGroup(decided, chat, ketua, anggota, warga)


async def delivered_news(hub: Hub, group: KimGroup, title: str) -> tuple[News, dict[str, Any]]:
    """An approved news item, delivered to the group by the digest job; the item and the
    group's message that carries it."""
    now = utcnow()
    link = f"https://kapuashulukab.go.id/berita/{abs(hash(title))}"
    draft = NewsDraft("manual", link, link, title, title.lower(), "Ringkasan berita.", now, None,
                      ("kesehatan",), NewsStatus.APPROVED, curated_by=hub.admin.id)  # fmt: skip
    [news_id] = await store_of(hub).add_news([draft])
    assert news_id is not None
    await deliver_digests(context_of(hub), now)
    await hub.outbox.wait_idle()
    news = await store_of(hub).get_news(news_id)
    assert news is not None
    message = next(m for m in reversed(hub.emu.sent(group.chat)) if title in m.get("text", ""))
    return news, message


async def in_topic(hub: Hub, user: User, chat: Chat, thread: int, text: str) -> list[Any]:
    """Write in a forum topic; what the bot sent meanwhile."""
    return await hub.process(hub.emu.text(user, chat, text, thread_id=thread))


async def reply_to(hub: Hub, user: User, chat: Chat, message: dict[str, Any] | int,
                   text: str) -> tuple[dict[str, Any], list[Any]]:  # fmt: skip
    """Reply to a message; the update, and what the bot sent, if Telegram hands it over
    (with privacy mode on, a reply to a person's message does not reach a bot)."""
    update = hub.emu.text(user, chat, text, reply_to=message)
    sent = await hub.process(update) if hub.emu.reaches_bot(update) else []
    return update, sent


async def only_discussion(hub: Hub, group: KimGroup) -> Discussion:
    """The group's one open discussion, as stored now."""
    [discussion] = await store_of(hub).open_discussions(group.kim.id)
    return discussion


def at(day: int) -> datetime:
    """A moment `day` days into March 2026 (10:00 WIB)."""
    return datetime(2026, 3, day, 3, 0, tzinfo=UTC)

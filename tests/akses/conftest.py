"""Fixtures for news tests: a feeds server, a feeds.yaml pointing at it, a hub, KIM groups."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

import pytest

from bot.config import Config
from bot.context import BotContext
from bot.emulator import BotApiEmulator, Chat, User
from bot.models.registrasi import Kim, KimDraft, KimStatus
from bot.store import Store
from broadcasts.akses.poll import Poller
from tests.conftest import Hub, HubFactory
from tests.feeds_server import FeedsServer, running_feeds_server

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 10:00 WIB, outside quiet hours
FEEDS = """
topics:
  - {{id: pertanian, label: Pertanian, keywords: [padi, pupuk, petani, sawah]}}
  - {{id: kesehatan, label: Kesehatan, keywords: [puskesmas, posyandu, stunting, imunisasi]}}
  - {{id: pendidikan, label: Pendidikan, keywords: [sekolah, guru, beasiswa]}}
sources:
  - {{id: portal-a, name: Portal A, url: "{a}", topics: [pertanian, kesehatan, pendidikan],
     curation: review, interval_minutes: 30}}
  - {{id: portal-b, name: Portal B, url: "{b}", topics: [pertanian, kesehatan, pendidikan],
     curation: review, interval_minutes: 30}}
  - {{id: wire, name: Kantor Berita, url: "{c}", topics: [pertanian, kesehatan, pendidikan],
     curation: auto, interval_minutes: 30}}
"""


def rss(items: Sequence[tuple[str, str, str]], when: datetime | None = None) -> str:
    """A small RSS 2.0 document of (title, link, description) items, published `when` (now)."""
    when = when or datetime.now(UTC)
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
        f"<description>{escape(d)}</description><pubDate>{format_datetime(when)}</pubDate></item>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Uji</title>'
        f"<link>https://contoh.id/</link><description>uji</description>{entries}</channel></rss>"
    )


@pytest.fixture
async def feeds_server() -> AsyncIterator[FeedsServer]:
    """A FeedsServer on 127.0.0.1 for one test."""
    async with running_feeds_server() as server:
        yield server


@pytest.fixture
def config(config: Config, feeds_server: FeedsServer) -> Config:
    """The hub's config with three local sources and no quiet hours (tests pick their time)."""
    urls = {k: feeds_server.url(f"/{k}.xml") for k in "abc"}
    config.feeds_file.write_text(FEEDS.format(**urls), encoding="utf-8")
    return replace(config, quiet_hours=None)


@pytest.fixture
async def news_hub(start_hub: HubFactory) -> AsyncIterator[Hub]:
    """A running hub whose scheduled polls are removed: tests poll by hand at a given time."""
    async with start_hub() as hub:
        assert hub.app.job_queue is not None
        for job in hub.app.job_queue.jobs():
            if job.name and job.name.startswith("broadcast:feed:"):
                job.schedule_removal()
        yield hub


def store_of(hub: Hub) -> Store:
    """The hub's Store."""
    store: Store = hub.store
    return store


def poller(hub: Hub) -> Poller:
    """The hub's feed poller."""
    return hub.service(Poller)


def context_of(hub: Hub) -> BotContext:
    """A callback context like the one a job receives."""
    return BotContext(hub.app)


@dataclass
class KimGroup:
    """A verified KIM with its Telegram group, its admin and a plain member."""

    kim: Kim
    chat: Chat
    ketua: User
    warga: User


async def kim_group(hub: Hub, name: str, desa: str = "61.06.05.2002") -> KimGroup:
    """Register and verify a KIM straight through the Store (registration is tested elsewhere)."""
    emu: BotApiEmulator = hub.emu
    ketua, warga = emu.user(f"Ketua {name}"), emu.user(f"Warga {name}")
    chat = emu.group(name, admins=[ketua], members=[warga])
    store = store_of(hub)
    draft = KimDraft(name, desa, desa[:8], "kepala_desa", "1/2025", None)
    kim = await store.register_kim(draft, chat.id, ketua.id)
    decided = await store.decide_kim(kim.id, KimStatus.VERIFIED, hub.admin.id)
    assert decided is not None
    await store.add_member(kim.id, ketua.id, ketua.first_name)
    await store.add_member(kim.id, warga.id, warga.first_name)
    return KimGroup(decided, chat, ketua, warga)

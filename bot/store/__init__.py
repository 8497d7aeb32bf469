"""The Store: the only place with SQL. One class composed of one mixin per domain."""

from __future__ import annotations

from pathlib import Path

from bot.store.akses import NewsStore
from bot.store.akses_feeds import FeedStateStore
from bot.store.aspirasi import AspirationStore, Change
from bot.store.aspirasi_lists import AspirationListStore
from bot.store.base import StoreBase, from_db_time, to_db_time, utcnow
from bot.store.diseminasi import BroadcastStore
from bot.store.diskusi import DiscussionStore
from bot.store.implementasi import ReportStore
from bot.store.inbox import InboxStore
from bot.store.jaringan import NetworkStore
from bot.store.jaringan_agenda import AgendaStore
from bot.store.laporan import ActivityReportStore
from bot.store.outbox import OutboxStore
from bot.store.people import PeopleStore
from bot.store.registrasi import KimStore, MembershipError
from bot.store.registrasi_import import ImportStore
from bot.store.registrasi_link import LinkStore
from bot.store.replies import LostReplyStore
from bot.store.retention import Removed, RetentionStore
from bot.store.state import StateStore

__all__ = ["Change", "MembershipError", "Removed", "Store", "from_db_time", "to_db_time", "utcnow"]


class Store(
    LinkStore, NetworkStore, AgendaStore, KimStore, RetentionStore, PeopleStore, StateStore,
    ImportStore,
    NewsStore, FeedStateStore, BroadcastStore, DiscussionStore, OutboxStore, InboxStore,
    LostReplyStore, AspirationStore, AspirationListStore, ReportStore,
    ActivityReportStore, StoreBase,
):  # fmt: skip
    """Every domain's queries over one aiosqlite connection."""

    @classmethod
    async def connect(cls, path: Path | str) -> Store:
        """Open and migrate the database at `path`."""
        store: Store = await cls.open(path)
        return store

    @classmethod
    async def connect_read_only(cls, path: Path) -> Store:
        """Open the existing, up-to-date database at `path` for reading only."""
        store: Store = await cls.open_read_only(path)
        return store

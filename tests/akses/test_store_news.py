"""Storing a feed's batch of items: ids in the drafts' order, None for the known ones."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.models.akses import NewsDraft, NewsStatus
from bot.store import Store

NEWS = NewsDraft(
    source_id="portal-a", guid="g0", link="https://contoh.id/0", title="Judul", title_key="judul",
    summary_html="Isi", published_at=None, image_url=None, topics=("pertanian",),
    status=NewsStatus.APPROVED,
)  # fmt: skip


def _draft(source_id: str, number: int, link: str = "") -> NewsDraft:
    link = link or f"https://contoh.id/{number}"
    return dataclasses.replace(NEWS, source_id=source_id, guid=f"g{number}", link=link)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.connect(tmp_path / "kim.sqlite3")
    yield opened
    await opened.close()


async def test_a_large_batch_keeps_ids_in_order_and_skips_known_items(store: Store) -> None:
    """More rows than one INSERT carries; a known item, a repeated one, one whose link is
    known, and another source's item with the same GUID."""
    [known_id] = await store.add_news([_draft("portal-a", 250)])
    drafts = [_draft("portal-a", n) for n in range(500)]
    drafts[300] = _draft("portal-a", 7)  # repeated within the batch
    drafts[400] = _draft("portal-a", 400, link="https://contoh.id/250")  # a known link
    drafts.append(_draft("portal-b", 250, link="https://contoh.id/b"))  # other source
    ids = await store.add_news(drafts)
    assert known_id is not None
    assert ids[250] is None
    assert ids[300] is None
    assert ids[400] is None
    assert ids[7] is not None
    stored = [i for i in ids if i is not None]
    assert len(stored) == len(set(stored)) == 498
    assert stored == sorted(stored)  # in the drafts' order
    for news_id, draft in zip(ids, drafts, strict=True):
        if news_id is not None:
            news = await store.get_news(news_id)
            assert news is not None
            assert (news.source_id, news.guid, news.link) == (draft.source_id, draft.guid,
                                                              draft.link)  # fmt: skip


async def test_an_empty_batch_stores_nothing(store: Store) -> None:
    assert await store.add_news([]) == []

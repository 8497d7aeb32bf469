"""Fixtures for feed tests: the local feeds server and the saved corpus directory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.feeds_server import FeedsServer, running_feeds_server

CORPUS = Path(__file__).resolve().parents[2] / "data" / "feeds"


@pytest.fixture
async def feeds_server() -> AsyncIterator[FeedsServer]:
    """A FeedsServer on 127.0.0.1 for one test."""
    async with running_feeds_server() as server:
        yield server

"""Fixtures for feed tests: the local feeds server."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.feeds_server import FeedsServer, running_feeds_server


@pytest.fixture
async def feeds_server() -> AsyncIterator[FeedsServer]:
    """A FeedsServer on 127.0.0.1 for one test."""
    async with running_feeds_server() as server:
        yield server

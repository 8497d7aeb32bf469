"""Fixtures of the reliability tests: what reaches the error handler."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from bot.context import BotContext
from tests.conftest import Hub


@dataclass
class Errors:
    """What reached the error handler."""

    seen: list[BaseException] = field(default_factory=list)

    async def record(self, update: object, context: BotContext) -> None:
        if context.error is not None:
            self.seen.append(context.error)


@pytest.fixture
async def errors(hub: Hub) -> AsyncIterator[Errors]:
    found = Errors()
    hub.app.add_error_handler(found.record)
    yield found
    hub.app.remove_error_handler(found.record)

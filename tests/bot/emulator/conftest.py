"""Fixtures for the Bot API emulator tests: a running emulator and a real PTB Bot on it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.emulator import DEFAULT_TOKEN, BotApiEmulator, ManualClock


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    # RetryAfter warns (PTBDeprecationWarning, an error here) unless timedelta mode is on.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
def clock() -> ManualClock:
    """Return a fake clock for flood-limit tests."""
    return ManualClock()


@pytest.fixture
async def emulator(clock: ManualClock) -> AsyncIterator[BotApiEmulator]:
    """Run an emulator on an ephemeral port, driven by the fake clock."""
    async with BotApiEmulator(DEFAULT_TOKEN, clock=clock) as emu:
        yield emu


@pytest.fixture
def make_bot(emulator: BotApiEmulator) -> Callable[[float], Bot]:
    """Return a factory of real PTB Bots pointed at the emulator, by read timeout."""

    def build(read_timeout: float = 5.0) -> Bot:
        return Bot(
            emulator.token,
            base_url=emulator.base_url,
            base_file_url=emulator.base_file_url,
            request=HTTPXRequest(read_timeout=read_timeout),
        )

    return build


@pytest.fixture
async def bot(make_bot: Callable[[float], Bot]) -> AsyncIterator[Bot]:
    """Return an initialised PTB Bot talking to the emulator over HTTP."""
    async with make_bot(5.0) as ptb_bot:
        yield ptb_bot

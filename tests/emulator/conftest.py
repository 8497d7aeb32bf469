"""Fixtures for the Bot API emulator tests: a running emulator and a real PTB Bot on it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.emulator import BotApiEmulator

TOKEN = "123456:TEST-TOKEN"


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock forward."""
        self.now += seconds


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    # RetryAfter warns (PTBDeprecationWarning, an error here) unless timedelta mode is on.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
def clock() -> FakeClock:
    """Return a fake clock for flood-limit tests."""
    return FakeClock()


@pytest.fixture
async def emulator(clock: FakeClock) -> AsyncIterator[BotApiEmulator]:
    """Run an emulator on an ephemeral port, driven by the fake clock."""
    async with BotApiEmulator(TOKEN, clock=clock) as emu:
        yield emu


def make_bot(emu: BotApiEmulator, read_timeout: float = 5.0) -> Bot:
    """Return a real PTB Bot pointed at the emulator."""
    return Bot(
        TOKEN,
        base_url=emu.base_url,
        base_file_url=emu.base_file_url,
        request=HTTPXRequest(read_timeout=read_timeout),
    )


@pytest.fixture
async def bot(emulator: BotApiEmulator) -> AsyncIterator[Bot]:
    """Return an initialised PTB Bot talking to the emulator over HTTP."""
    async with make_bot(emulator) as ptb_bot:
        yield ptb_bot

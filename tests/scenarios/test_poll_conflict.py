"""One bot per token: the emulator answers a second long poll with Telegram's 409 Conflict,
and a bot that meets it says so in one log line while the first keeps working.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from bot.app import running_bot
from bot.config import Config
from bot.emulator import BotApiEmulator
from tests.conftest import TOKEN

CONFLICT = "Conflict: terminated by other getUpdates request"


async def long_poll(client: httpx.AsyncClient, token: str = TOKEN, **params: int) -> httpx.Response:
    return await client.post(f"/bot{token}/getUpdates", json={"timeout": 5, **params})


class Heard(logging.Handler):
    """Sets an event when a log line containing `words` is emitted."""

    def __init__(self, words: str) -> None:
        super().__init__(logging.WARNING)
        self.words = words
        self.event = asyncio.Event()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))
        if self.words in record.getMessage():
            self.event.set()


async def test_a_second_long_poll_of_the_same_bot_gets_409(emu: BotApiEmulator) -> None:
    root = emu.base_url.removesuffix("/bot")
    async with httpx.AsyncClient(base_url=root) as first, httpx.AsyncClient(base_url=root) as other:
        waiting = asyncio.create_task(long_poll(first))
        await emu.wait_for(lambda e: e.polling == 1)
        refused = await long_poll(other)
        assert refused.status_code == 409
        assert refused.json() == {
            "ok": False,
            "error_code": 409,
            "description": f"{CONFLICT}; make sure that only one bot instance is running",
        }
        short = await other.post(f"/bot{TOKEN}/getUpdates", json={"timeout": 0})
        assert short.status_code == 200  # a short poll waits for nothing, so it takes no turn
        emu.push(emu.text(emu.user("Ayu"), emu.private_chat(emu.user("Ayu")), "/start"))
        answered = await waiting
        assert answered.status_code == 200
        [update] = answered.json()["result"]
        # Once the first poll is over, the next one is served.
        again = asyncio.create_task(long_poll(other, offset=update["update_id"] + 1))
        await emu.wait_for(lambda e: e.polling == 1)
        emu.push(emu.text(emu.user("Budi"), emu.private_chat(emu.user("Budi")), "/start"))
        assert (await again).status_code == 200


async def test_another_bots_polls_do_not_conflict(emu: BotApiEmulator) -> None:
    root = emu.base_url.removesuffix("/bot")
    async with httpx.AsyncClient(base_url=root) as client:
        waiting = asyncio.create_task(long_poll(client))
        await emu.wait_for(lambda e: e.polling == 1)
        other_bot = asyncio.create_task(long_poll(client, token="987654:OTHER-BOT"))
        await emu.wait_for(lambda e: e.polling == 2)
        emu.push(emu.text(emu.user("Ayu"), emu.private_chat(emu.user("Ayu")), "/start"))
        assert (await other_bot).status_code == 200
        assert (await waiting).status_code == 200


async def test_unknown_paths_get_telegrams_json_404(emu: BotApiEmulator) -> None:
    async with httpx.AsyncClient(base_url=emu.base_url.removesuffix("/bot")) as client:
        response = await client.get(f"/bot/{TOKEN}/getMe")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


@pytest.fixture
def heard() -> Iterator[Heard]:
    handler = Heard("409 Conflict")
    logger = logging.getLogger()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


async def test_a_second_bot_with_the_same_token_is_told_and_the_first_goes_on(
    emu: BotApiEmulator, config: Config, tmp_path: Path, heard: Heard
) -> None:
    other = replace(config, db_path=tmp_path / "elsewhere" / "kim.sqlite3")
    citizen = emu.user("Ayu")
    private = emu.private_chat(citizen)
    async with running_bot(config):
        await emu.wait_for(lambda e: e.polling == 1)
        async with running_bot(other):
            await asyncio.wait_for(heard.event.wait(), 10)
        conflict = next(line for line in heard.lines if "409" in line)
        assert "bot lain memakai token yang sama (409 Conflict)" in conflict
        assert "Traceback" not in "\n".join(heard.lines)
        await emu.wait_for(lambda e: e.polling == 1)
        emu.push(emu.text(citizen, private, "/start"))
        await emu.wait_for(lambda e: len(e.sent(private)) == 1, timeout=10)


async def test_a_restarted_bot_is_not_taken_for_a_second_one(
    emu: BotApiEmulator, config: Config
) -> None:
    # The stopped bot's long poll is cancelled, its connection closed: no conflict remains.
    for _ in range(3):
        async with running_bot(config):
            await emu.wait_for(lambda e: e.polling == 1)
    assert not [c for c in emu.calls_to("getUpdates") if c.status == 409]
